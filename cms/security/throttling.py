"""Abuse limits, counted in the configured cache that every process shares (the database
cache by default, Redis with REDIS_URL), keyed on the client's address as seen through the
configured proxies.

- `limit(request, name, key, rate)`: one counter in fixed windows of the rate's period;
- `APIThrottleMiddleware`: every API route, per bearer token (IISG_API_RATE_PER_TOKEN) and per
  client address (IISG_API_RATE_PER_ADDRESS), answering 429 problem+json with Retry-After.

A count is one atomic round trip to Redis (`cms.cache.RedisCache.count`); other caches add the
window's counter, else increment it. A client that uses its allowance heavily would pay that
round trip on every request, pages served from the page cache included, so each process
reserves part of the window's allowance at once and spends it locally: 1 request, then twice
as many each time it has spent its reservation, up to 1/RESERVATION_DIVISOR of the allowance
(a rate of 50 or fewer per period stays exactly counted, one round trip per request). The
counter grants a reservation only within the limit, so a client never gets more than its rate
across all processes; it may be refused early by what other processes reserved and did not
spend, at most 1/RESERVATION_DIVISOR of the allowance per process. Once the counter is over the
limit, the process refuses the rest of the window without asking again.

Sign-in (django-axes), password reset and reauthentication (django-allauth) have their own
limits in the same cache; the membership form uses `limit`.
"""

import functools
import hashlib
import re
import threading
import time
from dataclasses import dataclass

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from wagtail.api.v3.errors import problem_response

from .addresses import client_address
from .log import security_event

RATE = re.compile(r"^(?P<count>\d+)/(?P<multiple>\d*)(?P<unit>[smhd])$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: A process reserves at most this fraction (1/N) of a window's allowance at a time.
RESERVATION_DIVISOR = 50


@dataclass(frozen=True)
class Refusal:
    """A limit was reached: try again in `retry_after` seconds."""

    name: str
    rate: str
    retry_after: int


@functools.lru_cache(maxsize=64)
def parse_rate(rate):
    """(requests, seconds) of a rate such as "300/m", "5/10m" or "3/d"."""
    match = RATE.match(rate.strip())
    if not match:
        raise ImproperlyConfigured(f"Rate {rate!r}: write requests/period, like 300/m or 5/10m.")
    period = int(match["multiple"] or 1) * UNIT_SECONDS[match["unit"]]
    return int(match["count"]), period


def count(key, seconds, amount=1):
    """Add `amount` to the counter `key`, which lives `seconds` from its first count; its
    value."""
    if hasattr(cache, "count"):  # Redis: one atomic round trip
        return cache.count(key, seconds, amount)
    if cache.add(key, amount, seconds):
        return amount
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired between the two
        cache.add(key, amount, seconds)
        return amount


class Reservations:
    """What this process has reserved of each window's counter: counter → [unspent, next
    reservation], unspent -1 once the counter is over its limit. The least recently used
    windows are forgotten beyond `size` (their unspent part is then never spent: a client is
    refused early rather than let through)."""

    def __init__(self, size=4096):
        self._entries = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def take(self, counter):
        """(True, None) to let one request through on this process's reservation, (False,
        None) to refuse it, or (None, size) to reserve `size` more from the shared counter."""
        with self._lock:
            entry = self._entries.get(counter)
            if entry is None:
                return None, 1
            if entry[0] < 0:
                return False, None
            if entry[0] > 0:
                entry[0] -= 1
                return True, None
            return None, entry[1]

    def granted(self, counter, granted, reserved, largest):
        """Record that `granted` (≤ 0: none) of `reserved` were within the limit; the request
        that asked spends one of them."""
        with self._lock:
            if granted < 1:
                self._entries[counter] = [-1, 1]
            else:
                self._entries[counter] = [granted - 1, min(largest, reserved * 2)]

    def clear(self):
        with self._lock:
            self._entries.clear()


reservations = Reservations()


def limit(request, name, key, rate):
    """Count one request of `key` against `rate` ("300/m") under `name`; a Refusal once over
    the limit, else None."""
    allowed, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    digest = hashlib.sha256(f"{name}\n{rate}\n{key}".encode()).hexdigest()[:32]
    counter = f"iisg:limit:{digest}:{window}"
    verdict, size = reservations.take(counter)
    if verdict is None:
        total = count(counter, period + 1, size)
        granted = min(size, allowed - (total - size))
        reservations.granted(counter, granted, size, max(1, allowed // RESERVATION_DIVISOR))
        verdict = granted >= 1
    if verdict:
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
