"""Production settings refuse to start without their environment, naming what is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPLETE_ENV = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "iisg.example.org",
    "DATABASE_URL": "postgres://iisg@db.example.org:5432/iisg",
    "WAGTAILADMIN_BASE_URL": "https://iisg.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "secretariat@iisg.example.org",
}


def load_production_settings(env):
    clean = {k: v for k, v in os.environ.items() if k not in COMPLETE_ENV}
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", "import cms.settings.production"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_load_with_a_complete_environment():
    assert load_production_settings(COMPLETE_ENV).returncode == 0


@pytest.mark.parametrize("missing", sorted(COMPLETE_ENV))
def test_production_settings_name_the_missing_variable(missing):
    env = {k: v for k, v in COMPLETE_ENV.items() if k != missing}
    result = load_production_settings(env)
    assert result.returncode != 0
    assert f"Set the environment variable {missing}" in result.stderr
