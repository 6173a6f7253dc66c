"""Production: every secret and host comes from the environment, or the site refuses to start."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *


def required_env(name, purpose):
    """Return the environment variable `name`, or stop with a message that names it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the environment variable {name} ({purpose}) before starting IISG Hub "
            "with cms.settings.production."
        )
    return value


DEBUG = False
# The demo banner follows the database ("auto": off unless load_demo ran, which needs
# --allow-production here); IISG_DEMO_BANNER=on or off in the environment forces it.
IISG_DEMO_BANNER = os.environ.get("IISG_DEMO_BANNER", "auto")
SECRET_KEY = required_env("DJANGO_SECRET_KEY", "a long random secret for signing sessions")
# Earlier keys, still accepted during a rotation window (README: rotating the secret key).
SECRET_KEY_FALLBACKS = [
    key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key.strip()
]
ALLOWED_HOSTS = required_env(
    "DJANGO_ALLOWED_HOSTS", "comma-separated host names the site answers to"
).split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
DATABASES = {
    "default": tuned_for_analysis(
        dj_database_url.parse(
            required_env("DATABASE_URL", "postgres://user:password@host:5432/iisg"),
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}
WAGTAILADMIN_BASE_URL = required_env(
    "WAGTAILADMIN_BASE_URL", "the public base URL used in emails, e.g. https://iisg.example.org"
)
EMAIL_HOST = required_env("EMAIL_HOST", "the SMTP server that sends notifications")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = required_env("DEFAULT_FROM_EMAIL", "the sender of notifications")

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

# Static files: served by the app (WhiteNoise, right after the HTTPS redirect), compressed,
# with content-hashed names that browsers may keep for a year; `manage.py collectstatic`
# writes them (the image does it at build).
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1 :],
]
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}}  # fmt: skip

# Media (documents, images, report PDFs, uploaded templates): on this machine's disk by
# default; IISG_MEDIA_STORAGE=s3 keeps them in S3-compatible object storage that every
# machine shares. Files stay private there (no public ACL, signed links that expire): private
# documents are only ever served through the permission-checking document view.
IISG_MEDIA_STORAGE = os.environ.get("IISG_MEDIA_STORAGE", "local").strip().lower()
if IISG_MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": required_env("AWS_STORAGE_BUCKET_NAME", "the bucket for media"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "86400")),
            "file_overwrite": False,
            "location": os.environ.get("AWS_LOCATION", "media"),
        },
    }
elif IISG_MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(
        f"IISG_MEDIA_STORAGE is {IISG_MEDIA_STORAGE!r}: set it to local (the default) or s3."
    )

# A CDN or caching proxy in front of the site: Wagtail purges a page's URLs from it when the
# page is published or unpublished (the task worker sends the purge). An HTTP PURGE to
# IISG_FRONTEND_CACHE_URL (Varnish, nginx), Cloudflare (zone and token) or CloudFront (a
# distribution, with the AWS_* keys).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("IISG_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["IISG_FRONTEND_CACHE_URL"],
    }
if os.environ.get("IISG_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["IISG_CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": required_env("IISG_CLOUDFLARE_TOKEN", "an API token to purge Cloudflare"),
    }
if os.environ.get("IISG_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["IISG_CLOUDFRONT_DISTRIBUTION_ID"],
    }

# Search: PostgreSQL's full-text search by default; IISG_SEARCH_BACKEND=opensearch or
# elasticsearch with IISG_SEARCH_URL for a search cluster (then run `manage.py
# update_index` once).
SEARCH_BACKENDS = {
    "opensearch": "wagtail.search.backends.opensearch2",
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
}
IISG_SEARCH_BACKEND = os.environ.get("IISG_SEARCH_BACKEND", "database").strip().lower()
if IISG_SEARCH_BACKEND in SEARCH_BACKENDS:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKENDS[IISG_SEARCH_BACKEND],
            "URLS": required_env(
                "IISG_SEARCH_URL", "the search cluster, e.g. https://host:9200"
            ).split(","),
            "INDEX": os.environ.get("IISG_SEARCH_INDEX", "iisg"),
        }
    }
elif IISG_SEARCH_BACKEND != "database":
    raise ImproperlyConfigured(
        f"IISG_SEARCH_BACKEND is {IISG_SEARCH_BACKEND!r}: set it to database (the default), "
        "opensearch or elasticsearch."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
# Every subdomain is HTTPS too, and browsers may ship the site in their HSTS preload lists.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
