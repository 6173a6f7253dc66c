"""Test settings: fast hashing, in-memory cache and mail, tasks run immediately."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "cms.mail.DesignationFootnoteBackend"
IISG_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "IISG Secretariat <secretariat@iisg.test>"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
# The browser tests' live server is plain HTTP on localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

# Tests change content without publishing it and read it back: the page cache is on only in
# the tests of the page cache itself (tests/operations/test_page_cache.py).
IISG_PAGE_CACHE_SECONDS = 0

# load_demo without its page translations (about twenty seconds each time), except in the
# tests of them (tests/iisg_pages/test_load_demo.py).
IISG_DEMO_TRANSLATIONS = False
