"""Abuse limits, counted in the configured cache that every process shares (the database
cache by default, Redis with REDIS_URL), keyed on the client's address as seen through the
configured proxies.

- `limit(request, name, key, rate)`: one counter in fixed windows of the rate's period;
- `APIThrottleMiddleware`: every API route, per bearer token (IISG_API_RATE_PER_TOKEN) and per
  client address (IISG_API_RATE_PER_ADDRESS), answering 429 problem+json with Retry-After.

A count is one atomic round trip to Redis (`cms.cache.RedisCache.count`); other caches add the
window's counter, else increment it. (django-ratelimit did the same in two round trips, which
every API request paid, the page cache's hits included.)

Sign-in (django-axes), password reset and reauthentication (django-allauth) have their own
limits in the same cache; the membership form uses `limit`.
"""

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from wagtail.api.v3.errors import problem_response

from .addresses import client_address
from .log import security_event

RATE = re.compile(r"^(?P<count>\d+)/(?P<multiple>\d*)(?P<unit>[smhd])$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Refusal:
    """A limit was reached: try again in `retry_after` seconds."""

    name: str
    rate: str
    retry_after: int


def parse_rate(rate):
    """(requests, seconds) of a rate such as "300/m", "5/10m" or "3/d"."""
    match = RATE.match(rate.strip())
    if not match:
        raise ImproperlyConfigured(f"Rate {rate!r}: write requests/period, like 300/m or 5/10m.")
    period = int(match["multiple"] or 1) * UNIT_SECONDS[match["unit"]]
    return int(match["count"]), period


def count(key, seconds):
    """Add one to the counter `key`, which lives `seconds` from its first count; its value."""
    if hasattr(cache, "count"):  # Redis: one atomic round trip
        return cache.count(key, seconds)
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two
        cache.add(key, 1, seconds)
        return 1


def limit(request, name, key, rate):
    """Count one request of `key` against `rate` ("300/m") under `name`; a Refusal once over
    the limit, else None."""
    allowed, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    digest = hashlib.sha256(f"{name}\n{rate}\n{key}".encode()).hexdigest()[:32]
    if count(f"iisg:limit:{digest}:{window}", period + 1) <= allowed:
        return None
    refusal = Refusal(name, rate, max(1, int((window + 1) * period - now)))
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
