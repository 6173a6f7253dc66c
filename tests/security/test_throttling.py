"""Abuse limits in the shared cache: the API per token and per client address (429,
Retry-After, problem+json; the membership form's limit is tested in tests/iisg_pages), and the
rule that makes them hold on several machines: the count is shared by every process, in Redis
and in the database cache, keyed on the client's address through the configured proxies."""

import json
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from cms.security import throttling
from cms.security.throttling import limit, parse_rate
from needs_snippets import tokens
from tests.markers import postgres_only
from tests.redis_cache import redis_caches

pytestmark = pytest.mark.django_db

# The limits count in fixed windows; a day's window keeps a test from straddling two of them.

NOWHERE = "/api/v3/no-such-route/"  # counted like any API request, answered with a 404


def test_the_api_limits_each_address_with_a_problem_and_retry_after(client, settings, security_log):
    settings.IISG_API_RATE_PER_ADDRESS = "3/d"
    assert [client.get("/api/v3/pages/").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/v3/pages/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert "Too many requests (3 per d)" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 24 * 3600
    other = client.get("/api/v3/pages/", REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200  # another address has its own count
    [event] = security_log("throttled")
    assert event["address"] == "127.0.0.1" and event["record"].limit == "api-address"


def test_the_api_limits_each_token(client, area, settings):
    settings.IISG_API_RATE_PER_TOKEN = "2/d"
    settings.IISG_API_RATE_PER_ADDRESS = "100/d"
    first = tokens.issue(area["users"]["member_a"], "one")[1]
    second = tokens.issue(area["users"]["member_b"], "two")[1]

    def status(token):
        return client.get("/api/v3/database/needs/", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert [status(first).status_code for _ in range(2)] == [200, 200]
    refused = status(first)
    assert refused.status_code == 429 and "Retry-After" in refused
    assert status(second).status_code == 200


def test_behind_a_proxy_the_last_hop_is_the_client_and_a_spoofed_one_changes_nothing(
    client, settings
):
    settings.IISG_TRUSTED_PROXY_COUNT = 1
    settings.IISG_API_RATE_PER_ADDRESS = "2/d"
    for spoofed in ("1.1.1.1", "2.2.2.2"):
        response = client.get(NOWHERE, HTTP_X_FORWARDED_FOR=f"{spoofed}, 203.0.113.5")
        assert response.status_code == 404
    response = client.get(NOWHERE, HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.5")
    assert response.status_code == 429
    # Another client behind the same proxy has its own count.
    assert client.get(NOWHERE, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 404


SUBPROCESS = """
import json, sys
import django
django.setup()
from django.test import Client, override_settings
caches, rate, count, path = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
with override_settings(CACHES=caches, IISG_API_RATE_PER_ADDRESS=rate):
    print(json.dumps([Client().get(path).status_code for _ in range(count)]))
"""


SHARED_DATABASE = "a second process opens the test database only on PostgreSQL"


def database_url_of_this_test():
    """The URL of the PostgreSQL database this test runs on, for a second process to share."""
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT']}/{database['NAME']}"
    )


def requests_in_another_process(caches, rate, count):
    """Status codes of `count` requests made by a separate Python process on the same database."""
    result = subprocess.run(  # noqa: S603 (our own script and arguments)
        [sys.executable, "-c", SUBPROCESS, json.dumps(caches), rate, str(count), NOWHERE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": database_url_of_this_test(),
            "PATH": "",
        },
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@postgres_only(SHARED_DATABASE)
def test_two_processes_share_the_count_in_redis(client):
    caches = redis_caches(15, f"iisg-test-{uuid.uuid4().hex}")
    with override_settings(CACHES=caches, IISG_API_RATE_PER_ADDRESS="4/d"):
        assert [client.get(NOWHERE).status_code for _ in range(2)] == [404, 404]
        assert requests_in_another_process(caches, "4/d", 3) == [404, 404, 429]
        assert client.get(NOWHERE).status_code == 429


@postgres_only(SHARED_DATABASE)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_share_the_count_in_the_database_cache(client):
    caches = {
        "default": {
            "BACKEND": "cms.cache.DatabaseCache",
            "LOCATION": "iisg_cache",
        }
    }
    with override_settings(CACHES=caches, IISG_API_RATE_PER_ADDRESS="4/d"):
        call_command("createcachetable", verbosity=0)
        assert [client.get(NOWHERE).status_code for _ in range(2)] == [404, 404]
        other = requests_in_another_process(caches, "4/d", 3)
        assert other == [404, 404, 429]
        assert client.get(NOWHERE).status_code == 429


def test_a_rate_is_requests_per_period_and_a_malformed_one_says_how_to_write_it():
    assert parse_rate("300/m") == (300, 60)
    assert parse_rate("5/10m") == (5, 600)
    assert parse_rate("3/d") == (3, 86400)
    with pytest.raises(ImproperlyConfigured, match="like 300/m"):
        parse_rate("300 per minute")


def test_a_limit_counts_in_a_cache_without_an_atomic_count_too(rf):
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=caches):
        request = rf.get("/")
        verdicts = [limit(request, "form", "198.51.100.9", "2/h") for _ in range(3)]
    assert verdicts[:2] == [None, None]
    assert verdicts[2].name == "form" and 1 <= verdicts[2].retry_after <= 3600


def redis_round_trips(client):
    return client.info("commandstats").get("cmdstat_evalsha", {}).get("calls", 0)


@pytest.fixture
def redis_limits():
    """The production cache on a Redis database of this module's own; its client."""
    with override_settings(CACHES=redis_caches(15, f"iisg-test-{uuid.uuid4().hex}")):
        from django.core.cache import cache

        cache.count("warm-up", 1)  # Redis has loaded the script: one EVALSHA per count
        yield cache._cache.get_client(write=True)
        cache.clear()


def test_a_heavy_client_is_counted_in_reservations_and_refused_exactly_at_its_rate(
    rf, redis_limits
):
    request = rf.get("/api/v3/needs/")
    before = redis_round_trips(redis_limits)
    verdicts = [limit(request, "api-address", "198.51.100.20", "1000/d") for _ in range(1003)]
    assert verdicts[:1000] == [None] * 1000
    assert all(verdict is not None for verdict in verdicts[1000:])
    # Reservations of 1, 2, 4, 8, 16, then 20 (1/50 of 1,000) at a time: 55 round trips, not
    # 1,003, and none once the counter is known to be over the limit.
    assert redis_round_trips(redis_limits) - before == 55


def test_a_small_rate_is_counted_one_request_at_a_time(rf, redis_limits):
    request = rf.get("/")
    before = redis_round_trips(redis_limits)
    verdicts = [limit(request, "form", "198.51.100.21", "50/h") for _ in range(51)]
    assert verdicts[:50] == [None] * 50 and verdicts[50] is not None
    assert redis_round_trips(redis_limits) - before == 51


def test_processes_never_let_through_more_than_the_rate_between_them(rf, redis_limits, monkeypatch):
    """Two processes (each its own reservations) share one address's allowance of 500: what
    one reserved and has not spent may refuse the other early, by at most 1/50 of it, and
    once spent the two have let through exactly 500."""
    request = rf.get("/api/v3/needs/")
    processes = [throttling.Reservations(), throttling.Reservations()]

    def requests(process, count):
        monkeypatch.setattr(throttling, "reservations", processes[process])
        return sum(
            limit(request, "api-address", "198.51.100.22", "500/d") is None for _ in range(count)
        )

    first = requests(0, 300)
    second = requests(1, 300)
    assert first == 300 and 500 - 10 <= first + second < 500
    assert first + second + requests(0, 300) == 500
    assert requests(1, 10) == 0
