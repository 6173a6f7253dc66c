"""API tokens that end: each expires IISG_API_TOKEN_LIFETIME after it is made, and all of a
person's tokens are revoked when their password changes or their account is deactivated."""

from django.conf import settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import APIToken

from cms.security.log import security_event

from .models import TokenExpiry


def issue(user, name, request=None):
    """A new token for `user` with its expiry; returns (token, plaintext). The plaintext is
    shown once; only its digest is kept, and it is never logged."""
    token, plaintext = APIToken.create_token(user=user, name=name)
    expiry = TokenExpiry.objects.create(
        token=token, expires_at=timezone.now() + settings.IISG_API_TOKEN_LIFETIME
    )
    token.expiry = expiry
    security_event(
        "token_created", request, user=user, obj=token, expires=expiry.expires_at.isoformat()
    )
    return token, plaintext


def expires_at(token):
    """When `token` expires (tokens without a recorded expiry count from their creation)."""
    expiry = getattr(token, "expiry", None)
    try:
        return expiry.expires_at
    except AttributeError:
        return token.created + settings.IISG_API_TOKEN_LIFETIME


def is_expired(token, now=None):
    return expires_at(token) <= (now or timezone.now())


def revoke_all(user, reason, request=None):
    """Revoke every active token of `user`, logged with `reason`. Returns how many."""
    tokens = list(APIToken.objects.filter(user=user, revoked_at=None))
    for token in tokens:
        token.revoke()
        log(token, "wagtail.apitoken.revoke", user=user)
        security_event("token_revoked", request, user=user, obj=token, reason=reason)
    return len(tokens)


def _user_saving(sender, instance, **kwargs):
    """Note, before a user is saved, whether the save changes the password (Django's
    set_password keeps the new one in `_password` until saved) or deactivates the account."""
    instance._iisg_revoke_tokens = None
    if instance.pk is None:
        return
    if getattr(instance, "_password", None) is not None:
        instance._iisg_revoke_tokens = "password changed"
    elif not instance.is_active:
        was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()
        if was_active:
            instance._iisg_revoke_tokens = "account deactivated"


def _user_saved(sender, instance, **kwargs):
    reason = getattr(instance, "_iisg_revoke_tokens", None)
    if reason:
        instance._iisg_revoke_tokens = None
        revoke_all(instance, reason)


def connect():
    """Revoke a person's tokens when their password changes or their account is deactivated."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save, pre_save

    User = get_user_model()
    pre_save.connect(_user_saving, sender=User, dispatch_uid="iisg_tokens_user_saving")
    post_save.connect(_user_saved, sender=User, dispatch_uid="iisg_tokens_user_saved")
