"""Confirmations in the members area: a partner's focal point confirms or disputes, on a
need's page, each response claiming to answer it for the partner; the reporting member's focal
points answer on the response's page. The rules are `needs_snippets.confirmations`'."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from needs_snippets import confirmations
from needs_snippets.models import Member, ResponseConfirmation
from needs_snippets.reading import need_rows, response_rows

ID = re.compile(r"[1-9][0-9]{0,17}")  # a database id, within bigint's range


def posted_id(request, name):
    value = request.POST.get(name, "")
    return int(value) if ID.fullmatch(value) else None


def _record(request, act, success):
    """Run `act()`: a refusal is a 404 (the person may not see it), a broken rule is said as
    an error, else `success(result)` is said."""
    try:
        result = act()
    except PermissionDenied as refused:
        raise Http404 from refused
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success(result))


@require_POST
def decide(request, page, need_id):
    """A partner's confirmation or dispute of a response answering the need."""
    need = get_object_or_404(need_rows(request.user), pk=need_id)
    response = response_rows(request.user).filter(pk=posted_id(request, "response")).first()
    partner = Member.objects.wb_partners().filter(pk=posted_id(request, "partner")).first()
    if response is None or partner is None:
        raise Http404
    _record(
        request,
        lambda: confirmations.decide(
            request.user,
            response,
            need,
            partner,
            request.POST.get("verdict", ""),
            request.POST.get("reason", ""),
        ),
        lambda decision: (
            _("Recorded: %(partner)s %(verdict)s “%(response)s”. Its reporting member is told.")
            % {
                "partner": partner.display_name,
                "verdict": decision.get_verdict_display().lower(),
                "response": response.title,
            }
        ),
    )
    return redirect(page.url + page.reverse_subpage("need", args=[need.pk]) + "#coverage")


@require_POST
def answer(request, page, response_id):
    """The reporting member's answer to a partner's decision on its response."""
    response = get_object_or_404(response_rows(request.user), pk=response_id)
    confirmation = get_object_or_404(
        ResponseConfirmation.objects.select_related("response__reporting_member", "partner"),
        response=response,
        pk=posted_id(request, "confirmation"),
    )
    _record(
        request,
        lambda: confirmations.answer(request.user, confirmation, request.POST.get("reply", "")),
        lambda _answer: (
            _("Your answer is sent to %(partner)s.") % {"partner": confirmation.partner}
        ),
    )
    return redirect(page.url + page.reverse_subpage("response", args=[response.pk]))
