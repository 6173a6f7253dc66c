"""Sign-in events into the security log, and what follows from them: a session's clock starts
at sign-in; a password reset lifts a django-axes lockout of that username."""

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import (
    authentication_failed,
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
    authenticator_used,
)
from axes.signals import user_locked_out
from axes.utils import reset as reset_axes_attempts
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from cms.security.log import security_event

from . import sessions
from .second_factor import record_enrolment


def _signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    sessions.start(request.session)
    security_event("sign_in", request, user=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only the username tried is kept: Django already replaced the password with stars.
    security_event("sign_in_failed", request, user=credentials.get("username"), outcome="failure")


def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    security_event("locked_out", request, user=username, outcome="refused")


def _signed_out(sender, request, user, **kwargs):
    if request is not None and user is not None:
        security_event("sign_out", request, user=user)


def _factor_added(sender, request, user, authenticator, **kwargs):
    security_event("factor_added", request, user=user, obj=authenticator, factor=authenticator.type)
    if request is not None and request.user == user:
        record_enrolment(request, authenticator)


def _factor_removed(sender, request, user, authenticator, **kwargs):
    security_event(
        "factor_removed", request, user=user, obj=authenticator, factor=authenticator.type
    )


def _factor_reset(sender, request, user, authenticator, **kwargs):
    security_event(
        "recovery_codes_generated", request, user=user, obj=authenticator, factor=authenticator.type
    )


def _factor_used(sender, request, user, authenticator, reauthenticated=False, **kwargs):
    security_event(
        "second_factor",
        request,
        user=user,
        factor=authenticator.type,
        reauthenticated=reauthenticated,
    )


def _factor_failed(sender, request, user, authenticator, reauthentication=False, **kwargs):
    security_event(
        "second_factor_failed",
        request,
        user=user,
        outcome="failure",
        factor=authenticator.type,
        reauthenticated=reauthentication,
    )


def _password_changed(sender, request, user, **kwargs):
    security_event("password_changed", request, user=user)


def _password_reset(sender, request, user, **kwargs):
    security_event("password_reset", request, user=user)
    # Whoever followed the e-mailed link owns the account's address: they may sign in at once.
    reset_axes_attempts(username=user.get_username())


def connect():
    user_logged_in.connect(_signed_in, dispatch_uid="iisg_signed_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="iisg_sign_in_failed")
    user_logged_out.connect(_signed_out, dispatch_uid="iisg_signed_out")
    user_locked_out.connect(_locked_out, dispatch_uid="iisg_locked_out")
    authenticator_added.connect(_factor_added, dispatch_uid="iisg_factor_added")
    authenticator_removed.connect(_factor_removed, dispatch_uid="iisg_factor_removed")
    authenticator_reset.connect(_factor_reset, dispatch_uid="iisg_factor_reset")
    authenticator_used.connect(_factor_used, dispatch_uid="iisg_factor_used")
    authentication_failed.connect(_factor_failed, dispatch_uid="iisg_factor_failed")
    password_changed.connect(_password_changed, dispatch_uid="iisg_password_changed")
    password_reset.connect(_password_reset, dispatch_uid="iisg_password_reset")
