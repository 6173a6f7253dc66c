"""Local development: debug on, an SQLite file unless DATABASE_URL says otherwise."""

import os

from .base import *

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
IISG_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "IISG Secretariat <secretariat@iisg.localhost>"
# Links in e-mails point at the development server that `make run` starts, never at the Site
# record's "localhost" (port 80), where nothing listens.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Passkeys on http://127.0.0.1 (production is HTTPS only).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
