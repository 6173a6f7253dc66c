"""CACHES for tests of the production cache path: the site's Redis backend (cms.cache) on a
Redis database of the test module's own, with a key prefix of its own."""

REDIS = "redis://127.0.0.1:6379"


def redis_caches(location, prefix=""):
    """CACHES with the production backend at `location` (a URL, or a database number of the
    machine's Redis)."""
    if isinstance(location, int):
        location = f"{REDIS}/{location}"
    return {
        "default": {"BACKEND": "cms.cache.RedisCache", "LOCATION": location, "KEY_PREFIX": prefix}
    }
