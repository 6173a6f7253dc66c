"""The production cache backend (cms.cache.RedisCache) against the machine's Redis: Django's
cache API, one Redis client per pool, and an atomic `incr` that still refuses a missing key;
and the default database cache's `incr`, atomic too (cms.cache.DatabaseCache)."""

import threading
import uuid

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.markers import postgres_only
from tests.redis_cache import redis_caches


@pytest.fixture
def redis_cache():
    with override_settings(CACHES=redis_caches(10, f"iisg-backend-test-{uuid.uuid4().hex}")):
        cache = caches["default"]
        cache.count("warm-up", 1)  # Redis has loaded the script: one EVALSHA per count
        yield cache
        cache.clear()


def test_values_round_trip(redis_cache):
    redis_cache.set("page", {"title": "Needs", "rows": [1, 2]}, 60)
    assert redis_cache.add("page", "other", 60) is False
    assert redis_cache.add("new", 1, 60) is True
    assert redis_cache.get_many(["page", "new", "absent"]) == {
        "page": {"title": "Needs", "rows": [1, 2]},
        "new": 1,
    }
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"


def test_one_client_serves_every_operation(redis_cache):
    backend = redis_cache._cache
    assert backend.get_client(write=True) is backend.get_client(write=True)
    assert backend.get_client() is backend.get_client(write=False)


def test_incr_counts_and_refuses_a_missing_key(redis_cache):
    redis_cache.set("count", 5, 60)
    assert redis_cache.incr("count") == 6
    assert redis_cache.incr("count", 10) == 16
    assert redis_cache.decr("count", 3) == 13
    assert redis_cache.get("count") == 13
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("never-set")
    assert redis_cache.get("never-set") is None  # refusing created nothing


def at_once(work, threads=4):
    """Run `work` in `threads` threads at once; return when all have ended."""
    running = [threading.Thread(target=work) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()


def test_concurrent_increments_are_all_counted(redis_cache):
    redis_cache.set("hits", 0, 60)

    def increment():
        for _ in range(200):
            redis_cache.incr("hits")

    at_once(increment)
    assert redis_cache.get("hits") == 800


def test_count_starts_a_counter_that_expires_and_counts_in_one_command(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    before = client.info("commandstats").get("cmdstat_evalsha", {}).get("calls", 0)
    assert [redis_cache.count("limit", 30) for _ in range(3)] == [1, 2, 3]
    assert client.info("commandstats")["cmdstat_evalsha"]["calls"] - before == 3
    key = redis_cache.make_and_validate_key("limit")
    assert 0 < client.ttl(key) <= 30  # set at the first count, not extended by the next
    assert redis_cache.get("limit") == 3
    client.delete(key)
    assert redis_cache.count("limit", 30) == 1  # a new window


def test_count_adds_an_amount_and_the_expiry_starts_with_the_first(redis_cache):
    assert redis_cache.count("reserved", 30, 20) == 20
    assert redis_cache.count("reserved", 30, 5) == 25
    client = redis_cache._cache.get_client(write=True)
    assert 0 < client.ttl(redis_cache.make_and_validate_key("reserved")) <= 30


DATABASE_CACHE = {"default": {"BACKEND": "cms.cache.DatabaseCache", "LOCATION": "iisg_cache"}}


@postgres_only("SQLite runs one writer at a time: there is no race to lose there")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_cache_counts_every_concurrent_increment():
    with override_settings(CACHES=DATABASE_CACHE):
        call_command("createcachetable", verbosity=0)
        cache = caches["default"]
        cache.set("hits", 0, 60)

        def increment():
            try:
                for _ in range(50):
                    cache.incr("hits")
            finally:
                connection.close()

        at_once(increment)
        assert cache.get("hits") == 200
        with pytest.raises(ValueError, match="not found"):
            cache.incr("never-set")
        cache.set("gone", 1, -1)  # expired: as missing to incr as to get
        with pytest.raises(ValueError, match="not found"):
            cache.incr("gone")
        cache.clear()
