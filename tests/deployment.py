"""deploy/entrypoint.sh run as a deployment runs it: every variable production reads set,
pointing at the test database."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ENTRYPOINT = Path(settings.BASE_DIR) / "deploy" / "entrypoint.sh"


def production_environment(**changes):
    """Every variable production reads, set as a deployment would, then `changes` (None
    removes one)."""
    database = settings.DATABASES["default"]
    environment = {
        "PATH": os.environ["PATH"],
        "PYTHON": sys.executable,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60 + "-not-a-real-secret-but-long-and-varied-0123456789",
        "DJANGO_SECRET_KEY_FALLBACKS": "",
        "DJANGO_ALLOWED_HOSTS": "iisg.example.org,127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://iisg.example.org",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(
            USER=database["USER"] or "postgres",
            HOST=database["HOST"] or "127.0.0.1",
            PORT=database["PORT"] or 5432,
            NAME=database["NAME"],
        ),
        "WAGTAILADMIN_BASE_URL": "https://iisg.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "DEFAULT_FROM_EMAIL": "hub@example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "IISG_MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "iisg-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_ACCESS_KEY_ID": "key",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "IISG_SEARCH_BACKEND": "database",
        "IISG_TRUSTED_PROXY_COUNT": "1",
    }
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def entrypoint(*arguments, **changes):
    """The entrypoint run with `arguments` in the production environment with `changes`: its
    completed process, output captured."""
    return subprocess.run(  # noqa: S603 (our script)
        [str(ENTRYPOINT), *arguments], env=production_environment(**changes),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
