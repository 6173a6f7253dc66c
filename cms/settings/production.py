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
    "default": dj_database_url.parse(
        required_env("DATABASE_URL", "postgres://user:password@host:5432/iisg"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
# Every subdomain is HTTPS too, and browsers may ship the site in their HSTS preload lists.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
