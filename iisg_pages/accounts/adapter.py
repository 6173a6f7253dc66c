"""django-allauth adapted to IISG Hub: accounts are given by the Secretariat (no sign-up),
links in e-mails start with the public address, limits key on the client's address through the
configured proxies, and second-factor secrets are stored encrypted."""

import base64
import hashlib
import secrets
import time
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cms.security.addresses import client_address

from .roles import requires_second_factor
from .second_factor import FACTOR_TYPES


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        address = client_address(request)
        if not address:
            raise PermissionDenied("The client's address could not be determined.")
        return address

    def is_reauthentication_required(self, *, app, **kwargs):
        """Changing second factors asks for the password (or a factor) again, unless this
        session signed in, used or enrolled a factor within ACCOUNT_REAUTHENTICATION_TIMEOUT:
        so the first factor is set up right after signing in, without a second password."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        window = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
        records = get_authentication_records(request, request.user)
        return not any(time.time() - record["at"] <= window for record in records)

    def get_reset_password_from_key_url(self, key):
        """The reset link starts with the public address (WAGTAILADMIN_BASE_URL), never with
        the Host header of the request that asked for it."""
        pattern = reverse("account_reset_password_from_key", kwargs={"uidb36": "U", "key": "K"})
        path = pattern.replace("U-K", quote(key))
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _fernet(secret_key):
    digest = hashlib.sha256(b"iisg-second-factor:" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys():
    """The current SECRET_KEY first, then SECRET_KEY_FALLBACKS: secrets stored under an older
    key stay readable through a rotation window."""
    return MultiFernet(
        [_fernet(key) for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]
    )


class SecondFactorAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        return settings.MFA_TOTP_ISSUER

    def _get_site_name(self):
        return settings.WAGTAIL_SITE_NAME

    def encrypt(self, text):
        return _keys().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        try:
            return _keys().decrypt(encrypted_text.encode()).decode()
        except InvalidToken:
            # Neither the current key nor a fallback opens it: a random secret that no code
            # matches, so the factor cannot be used; its owner asks for a reset of factors.
            return base64.b32encode(secrets.token_bytes(20)).decode()

    def can_delete_authenticator(self, authenticator):
        """Someone who must sign in with a second factor keeps at least one."""
        user = authenticator.user
        if authenticator.type not in FACTOR_TYPES or not requires_second_factor(user):
            return True
        others = authenticator.__class__.objects.filter(user=user, type__in=FACTOR_TYPES)
        return others.exclude(pk=authenticator.pk).exists()
