"""An administrator resets a person's second factors (a lost phone, a lost key): the person's
factors and recovery codes are deleted, their sessions end, and at their next sign-in they
enrol again. Logged in the admin's history and in the security log."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.security.log import security_event

from .sessions import end_sessions_of

RESET_ACTION = "iisg.second_factors_reset"


def can_reset_factors(admin, person):
    """Who may edit accounts may reset their factors; only a superuser a superuser's, and
    nobody their own (they manage it on their own second-factor page)."""
    if admin == person or not admin.has_perm("auth.change_user"):
        return False
    return admin.is_superuser or not person.is_superuser


def reset_second_factors(request, user_id):
    person = get_object_or_404(get_user_model(), pk=user_id)
    if not can_reset_factors(request.user, person):
        security_event("refused", request, obj=person, outcome="refused", action="reset factors")
        raise PermissionDenied
    factors = Authenticator.objects.filter(user=person)
    if request.method == "POST":
        with transaction.atomic():
            kinds = sorted(set(factors.values_list("type", flat=True)))
            deleted, _by_model = factors.delete()
            log(person, RESET_ACTION, user=request.user, data={"factors": kinds})
        ended = end_sessions_of(person)
        security_event(
            "factors_reset", request, obj=person, factors=kinds, sessions_ended=ended, count=deleted
        )
        messages.success(
            request,
            _(
                "The second factors of %(name)s are reset and their sessions ended: they set "
                "up a new factor when they next sign in."
            )
            % {"name": person.get_username()},
        )
        return redirect("wagtailusers_users:edit", person.pk)
    return TemplateResponse(
        request,
        "wagtailadmin/accounts/reset_second_factors.html",
        {
            "person": person,
            "factors": factors.order_by("type"),
            "page_title": _("Reset second factors"),
            "header_icon": "key",
        },
    )
