"""The shared cache's Redis backend: Django's, keeping one Redis client per connection pool.

Django's client builds a new `redis.Redis` for every cache operation, and redis-py's
constructor fills its table of response callbacks (some 170 entries) each time: about
0.15 ms per operation, and a page served from the page cache makes four or five of them
(the API's limits, the page cache's generation and the page). A `redis.Redis` is safe to
share between threads: it only holds its pool, from which each command borrows a connection.

`incr` is one atomic round trip (a Lua script) instead of Django's two (EXISTS, then INCRBY,
which another client could interleave); it still raises ValueError for a missing key. `count`
adds to a counter that starts to expire at its first count, in one round trip too (the abuse
limits, cms/security/throttling.py).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient

#: INCRBY of a key that exists; nil (None) when it does not.
INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""

#: INCRBY, and the expiry of a counter INCRBY has just created.
COUNT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
            client.incr_existing = client.register_script(INCR_EXISTING)
            client.count = client.register_script(COUNT)
        return client

    def incr(self, key, delta):
        value = self.get_client(key, write=True).incr_existing(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def count(self, key, seconds, amount):
        return self.get_client(key, write=True).count(keys=[key], args=[seconds, amount])


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache`, with the same LOCATION and OPTIONS."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count(self, key, seconds, amount=1, version=None):
        """Add `amount` to the counter `key`, created to live `seconds`, atomically; its
        value."""
        key = self.make_and_validate_key(key, version=version)
        return self._cache.count(key, int(seconds), int(amount))
