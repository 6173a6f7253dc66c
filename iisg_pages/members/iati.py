"""IATI in the members area: each organisation's responses as an IATI 2.03 activity file,
and IATI files in as candidate responses.

The page lists the organisations the user may export (its own; every one for the
Secretariat), says what keeps each from a valid file, and lets those who may act for an
organisation in IATI state its identity, import an IATI file and review the candidate
responses it gave (accept with the needs chosen, or reject). The file out is a download.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from cms.security.uploads import check_upload_size, normalised_filename
from needs_snippets.iati import codelists, imports
from needs_snippets.iati.access import (
    exporting_members,
    may_export,
    may_state_identity,
    member_responses,
)
from needs_snippets.iati.activities import ActivityFile, organisation_problems
from needs_snippets.iati.schema import InvalidActivityFile
from needs_snippets.models import CandidateResponse, Member, Need
from needs_snippets.permissions import member_ids_of

from .views import render

ID = re.compile(r"[1-9][0-9]{0,17}")  # a database id, within bigint's range


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
                "candidates": pending_candidates(member) if form is not None else [],
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
    if not ID.fullmatch(value):
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


@require_POST
def upload(request, page, member_id):
    """Import an IATI file for the organisation: its activities for Western Balkans recipients
    become candidate responses, for review on the IATI page."""
    member = get_object_or_404(Member, pk=member_id)
    if not may_state_identity(request.user, member):
        raise Http404
    here = page.url + page.reverse_subpage("iati") + f"#iati-{member.pk}"
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose an IATI activity file (XML) to import."))
        return redirect(here)
    try:
        check_upload_size(upload, settings.IISG_MAX_IATI_FILE_SIZE)
        name = normalised_filename(upload.name, default="activities.xml")
        counts = imports.import_file(member, request.user, upload, name)
    except (InvalidActivityFile, ValidationError) as error:
        problem = " ".join(error.messages) if isinstance(error, ValidationError) else error
        messages.error(request, _("Nothing was imported. %(error)s") % {"error": problem})
    else:
        messages.success(
            request,
            _("Read %(read)s activities: %(new)s new and %(updated)s updated candidates for "
              "the Western Balkans; %(outside)s for other recipients left out. Review them "
              "below.")
            % {"read": counts.read, "new": counts.candidates, "updated": counts.updated,
               "outside": counts.outside_the_region},
        )  # fmt: skip
    return redirect(here)


@require_POST
def review(request, page, candidate_id):
    """Accept a candidate with the needs chosen, or reject it."""
    candidate = get_object_or_404(
        CandidateResponse.objects.select_related("member"), pk=candidate_id
    )
    if not may_state_identity(request.user, candidate.member):
        raise Http404
    here = page.url + page.reverse_subpage("iati") + f"#candidate-{candidate.pk}"
    try:
        if request.POST.get("decision") == "accept":
            chosen = [int(v) for v in request.POST.getlist("needs") if ID.fullmatch(v)]
            response = imports.accept(request.user, candidate, chosen)
            messages.success(
                request,
                _("“%(title)s” is now a response of %(member)s.")
                % {"title": response.title, "member": candidate.member},
            )
            return redirect(page.url + page.reverse_subpage("response", args=[response.pk]))
        if request.POST.get("decision") == "reject":
            imports.reject(request.user, candidate)
            messages.success(request, _("“%(title)s” is rejected.") % {"title": candidate.title})
        else:
            messages.error(request, _("Choose to accept or to reject the activity."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(here)


def pending_candidates(member):
    """The organisation's candidates waiting for review, each with its suggested needs."""
    candidates = list(
        CandidateResponse.objects.filter(
            member=member, status=CandidateResponse.Status.PENDING
        ).order_by("title")
    )
    ids = {s["need"] for c in candidates for s in c.suggestions}
    needs = Need.objects.in_bulk(ids)
    for candidate in candidates:
        candidate.suggested = [
            (needs[s["need"]], s["score"]) for s in candidate.suggestions if s["need"] in needs
        ]
    return candidates


def activities(request, page, member_id):
    """The organisation's IATI activity file, for its focal points and the Secretariat."""
    member = get_object_or_404(Member, pk=member_id)
    if not may_export(request.user, member):
        raise Http404
    if organisation_problems(member):
        messages.error(request, " ".join(organisation_problems(member)))
        return redirect(page.url + page.reverse_subpage("iati"))
    return ActivityFile(member, member_responses(member)).http_response(download=True)
