"""The shared cache's backends: Django's, with counters that never lose an increment.

`RedisCache` (production, REDIS_URL) is Django's, keeping one Redis client per connection pool.

Django's client builds a new `redis.Redis` for every cache operation, and redis-py's
constructor fills its table of response callbacks (some 170 entries) each time: about
0.15 ms per operation, and a page served from the page cache makes four or five of them
(the API's limits, the page cache's generation and the page). A `redis.Redis` is safe to
share between threads: it only holds its pool, from which each command borrows a connection.

`incr` is one atomic round trip (a Lua script) instead of Django's two (EXISTS, then INCRBY,
which another client could interleave); it still raises ValueError for a missing key. `count`
adds to a counter that starts to expire at its first count, in one round trip too (the abuse
limits, cms/security/throttling.py).

`DatabaseCache` (the default) is Django's, whose `incr` reads the value and then writes it:
two clients incrementing at once would both write the same sum, and a limit would count one
request where there were two. Its `incr` locks the row while it reads and writes it.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.db import connections, models, router, transaction
from django.utils.timezone import now

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


class DatabaseCache(DjangoDatabaseCache):
    """`django.core.cache.backends.db.DatabaseCache` (same LOCATION and table), whose `incr`
    holds the row's lock (SELECT … FOR UPDATE) from its read to its write."""

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table, column = quote_name(self._table), quote_name("cache_key")
        locking = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('value')}, {quote_name('expires')} FROM {table} "  # noqa: S608 (quoted names)
                f"WHERE {column} = %s{locking}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))  # noqa: S301 (our own rows)
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote_name('value')} = %s WHERE {column} = %s",  # noqa: S608
                [encoded, key],
            )
        return value

    @staticmethod
    def _expired(connection, expires):
        """Whether a row's `expires`, as the database returned it, is past (as `get` reads it)."""
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(
            expression
        ) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < now()
