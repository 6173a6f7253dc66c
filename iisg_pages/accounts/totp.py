"""Authenticator-app (TOTP) factors set up outside the browser: the demo logins are enrolled
in advance, and `manage.py sign_in_codes` shows their current codes."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt


def enrol(user):
    """Give `user` an authenticator-app factor (and recovery codes) unless they have one.
    Returns True when one was added."""
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return False
    TOTP.activate(user, generate_totp_secret())
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)
    return True


def current_code(user, at=None):
    """The code `user`'s authenticator app shows now (or at `at`, a Unix time) and the seconds
    it stays valid; None when they have no authenticator-app factor."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    now = time.time() if at is None else at
    period = app_settings.TOTP_PERIOD
    secret = decrypt(authenticator.data["secret"])
    code = format_hotp_value(hotp_value(secret, int(now) // period))
    return code, period - int(now) % period
