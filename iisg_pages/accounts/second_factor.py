"""The second factor: who has one, whether this session used it, and the rule that staff
(and members, if the setting says so) go no further than enrolling until they have used one.

A session counts as verified once allauth recorded a second-factor authentication in it: at
sign-in, at reauthentication, or when the person enrolled a factor in this session (they
proved they hold it by entering its code or touching the key).
"""

import time
from urllib.parse import urlencode

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import requires_second_factor

#: Where a person was going when they were sent to enrol (offered again once enrolled).
CONTINUE_SESSION_KEY = "iisg_after_second_factor"

#: Factors that stand on their own; recovery codes only stand in for a lost one.
FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user):
    return Authenticator.objects.filter(user_id=user.pk, type__in=FACTOR_TYPES).exists()


def _second_factor_records(request):
    records = get_authentication_records(request, request.user)
    return [record for record in records if record.get("method") == "mfa"]


def session_verified(request):
    """True when this session's person used a second factor in it."""
    return bool(_second_factor_records(request))


def fresh_second_factor(request):
    """True when a second factor was used in this session within the reauthentication window
    (ACCOUNT_REAUTHENTICATION_TIMEOUT seconds)."""
    window = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    return any(time.time() - record["at"] <= window for record in _second_factor_records(request))


def record_enrolment(request, authenticator):
    """Enrolling a factor proves the person holds it: this session counts as verified."""
    record_authentication(
        request, request.user, "mfa", id=authenticator.pk, type=authenticator.type
    )


class SecondFactorRequiredMiddleware:
    """Staff signed in with a password alone are sent to enrol a second factor (if they have
    none) or to use it (if they have one), and can open nothing else until they have.

    The API is left alone: it ignores sessions and authenticates by token.
    """

    #: Paths a person who still owes a second factor may open.
    OPEN_PREFIXES = (
        "/account/",
        "/login/",
        "/logout/",
        "/admin/logout/",
        "/static/",
        "/media/",
        "/api/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.OPEN_PREFIXES)
            and requires_second_factor(user)
            and not session_verified(request)
        ):
            return self._owe_second_factor(request)
        return self.get_response(request)

    def _owe_second_factor(self, request):
        destination = request.get_full_path()
        request.session[CONTINUE_SESSION_KEY] = destination
        if has_second_factor(request.user):
            query = urlencode({"next": destination})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        messages.info(
            request,
            _(
                "Your account needs a second factor: set up an authenticator app or a passkey "
                "to continue."
            ),
        )
        return redirect("mfa_index")
