"""Abuse limits, counted in the configured cache that every process shares (the database
cache by default, Redis with REDIS_URL), keyed on the client's address as seen through the
configured proxies.

- `limit(request, name, key, rate)`: one counter (django-ratelimit's fixed windows);
- `APIThrottleMiddleware`: every API route, per bearer token (IISG_API_RATE_PER_TOKEN) and per
  client address (IISG_API_RATE_PER_ADDRESS), answering 429 problem+json with Retry-After.

Sign-in (django-axes), password reset and reauthentication (django-allauth) have their own
limits in the same cache; the membership form uses `limit`.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage
from wagtail.api.v3.errors import problem_response

from .addresses import client_address
from .log import security_event


@dataclass(frozen=True)
class Refusal:
    """A limit was reached: try again in `retry_after` seconds."""

    name: str
    rate: str
    retry_after: int


def limit(request, name, key, rate):
    """Count one request of `key` against `rate` ("300/m") under `name`; a Refusal once over
    the limit, else None."""
    usage = get_usage(
        request, group=name, key=lambda _group, _request: key, rate=rate, increment=True
    )
    if usage is None or not usage["should_limit"]:
        return None
    refusal = Refusal(name, rate, max(1, usage["time_left"]))
    security_event("throttled", request, outcome="refused", limit=name, rate=rate)
    return refusal


def _bearer_key(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.lower().startswith("bearer "):
        return None
    # A digest of the token, never the token, names its counter.
    return hashlib.sha256(header[7:].strip().encode()).hexdigest()


class APIThrottleMiddleware:
    """Limits every request under /api/ per token and per client address."""

    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            refusal = self._refusal(request)
            if refusal is not None:
                response = problem_response(
                    status=429,
                    detail=(
                        f"Too many requests ({refusal.rate.replace('/', ' per ')}): "
                        f"try again in {refusal.retry_after} seconds."
                    ),
                )
                response["Retry-After"] = str(refusal.retry_after)
                return response
        return self.get_response(request)

    @staticmethod
    def _refusal(request):
        token = _bearer_key(request)
        if token is not None:
            refused = limit(request, "api-token", token, settings.IISG_API_RATE_PER_TOKEN)
            if refused:
                return refused
        address = client_address(request) or "unknown"
        return limit(request, "api-address", address, settings.IISG_API_RATE_PER_ADDRESS)
