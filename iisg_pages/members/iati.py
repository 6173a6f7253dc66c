"""IATI in the members area: each organisation's responses as an IATI 2.03 activity file.

The page lists the organisations the user may export (its own; every one for the
Secretariat), says what keeps each from a valid file, and lets those who may state an
organisation's IATI identity do so. The file itself is a download.
"""

import re

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from needs_snippets.iati import codelists
from needs_snippets.iati.access import (
    exporting_members,
    may_export,
    may_state_identity,
    member_responses,
)
from needs_snippets.iati.activities import ActivityFile, organisation_problems
from needs_snippets.models import Member
from needs_snippets.permissions import member_ids_of

from .views import render


class IdentityForm(forms.ModelForm):
    """An organisation's IATI identity: both fields are needed for a file."""

    class Meta:
        model = Member
        fields = ["iati_identifier", "iati_organisation_type"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


def iati(request, page):
    """The organisations' IATI files; a POST states one organisation's IATI identity."""
    user = request.user
    here = page.url + page.reverse_subpage("iati")
    posted = None
    if request.method == "POST":
        member = posted_member(request)
        if member is None or not may_state_identity(user, member):
            raise Http404
        posted = IdentityForm(request.POST, instance=member, prefix=f"m{member.pk}")
        if posted.is_valid():
            save_identity(posted, user)
            messages.success(request, _("%(name)s's IATI identity is saved.") % {"name": member})
            return redirect(here)
    organisations = []
    for member in exporting_members(user):
        form = None
        if may_state_identity(user, member):
            form = (
                posted
                if posted is not None and posted.instance.pk == member.pk
                else IdentityForm(instance=member, prefix=f"m{member.pk}")
            )
        problems = organisation_problems(member)
        # What the file would leave out: for the user's own organisations (the Secretariat's
        # list of every organisation would write every file).
        omissions = []
        if not problems and member.pk in member_ids_of(user):
            omissions = dry_run(member)
        organisations.append(
            {
                "member": member,
                "problems": problems,
                "omissions": omissions,
                "form": form,
                "url": here + f"{member.pk}/activities/",
            }
        )
    status = 400 if posted is not None else 200
    response = render(
        request,
        page,
        "iati.html",
        organisations=organisations,
        codelist_sources=[codelists.codelist(name) for name in codelists.available()],
    )
    response.status_code = status
    return response


def posted_member(request):
    """The organisation a POST names, or None."""
    value = request.POST.get("member", "")
    if not re.fullmatch(r"[1-9][0-9]{0,17}", value):  # a database id, within bigint's range
        return None
    return Member.objects.filter(pk=int(value)).first()


@transaction.atomic
def save_identity(form, user):
    """Save the two fields only (a concurrent edit of the organisation's other fields stays),
    and log the change."""
    member = form.save(commit=False)
    Member.objects.select_for_update().filter(pk=member.pk).first()
    member.save(update_fields=["iati_identifier", "iati_organisation_type"])
    log(member, "wagtail.edit", user=user)


def dry_run(member):
    """What the organisation's file would leave out, and why."""
    activity_file = ActivityFile(member, member_responses(member))
    activity_file.content()
    return activity_file.omissions


def activities(request, page, member_id):
    """The organisation's IATI activity file, for its focal points and the Secretariat."""
    member = get_object_or_404(Member, pk=member_id)
    if not may_export(request.user, member):
        raise Http404
    if organisation_problems(member):
        messages.error(request, " ".join(organisation_problems(member)))
        return redirect(page.url + page.reverse_subpage("iati"))
    return ActivityFile(member, member_responses(member)).http_response(download=True)
