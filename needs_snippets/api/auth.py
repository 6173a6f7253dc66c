"""Bearer tokens for the whole API, Wagtail's routes included: Wagtail's own resolution, and a
token past its expiry is refused with a 401 that says so. Token use and refusals are in the
security log (use at most once per WAGTAILAPI_TOKEN_LAST_USED_INTERVAL per token)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from ninja.errors import AuthenticationError
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from cms.security.log import security_event

from .. import tokens


class ExpiringBearerTokenAuth(BearerTokenAuth):
    """Resolves `Authorization: Bearer <token>` like Wagtail's BearerTokenAuth (digests under
    SECRET_KEY and SECRET_KEY_FALLBACKS, active users only), and refuses expired tokens."""

    def authenticate(self, request, token):
        api_token = (
            APIToken.objects.select_related("user", "expiry")
            .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
            .first()
        )
        user = api_token.user if api_token is not None else None
        request.user = user if (user is not None and user.is_active) else AnonymousUser()
        if not request.user.is_authenticated:
            security_event("token_refused", request, outcome="refused", reason="unknown or revoked")
            return None
        if tokens.is_expired(api_token):
            request.user = AnonymousUser()
            security_event(
                "token_refused",
                request,
                user=user,
                obj=api_token,
                outcome="refused",
                reason="expired",
            )
            expired_on = timezone.localtime(tokens.expires_at(api_token)).date().isoformat()
            raise AuthenticationError(
                message=(
                    f"This API token expired on {expired_on}. Create a new one on the API tokens "
                    "page of the members area."
                )
            )
        self._touch_last_used(api_token, request)
        return api_token

    def _touch_last_used(self, api_token, request=None):
        interval = getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60)
        last = api_token.last_used_at
        if interval is None or (last and (timezone.now() - last).total_seconds() < interval):
            return
        APIToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        security_event("token_used", request, user=api_token.user, obj=api_token)
