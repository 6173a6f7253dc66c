import time
from datetime import timedelta

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from django.conf import settings as site_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from cms.security import throttling
from iisg_pages import page_cache, report_cache
from needs_snippets import choices
from needs_snippets.roles import SECRETARIAT
from tests.access import world  # noqa: F401 (the permission-matrix fixture, for every test)
from tests.editions import two_editions  # noqa: F401 (two editions compared, for every test)
from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: limits and used second-factor codes are counted
    there, and would otherwise carry over from one test to the next; so would the pages,
    report articles, limits' reservations and filter choices a process keeps in memory."""
    cache.clear()
    report_cache.memory.clear()
    page_cache.forget_local()
    throttling.reservations.clear()
    choices.forget_local()
    yield
    cache.clear()
    report_cache.memory.clear()
    page_cache.forget_local()
    throttling.reservations.clear()
    choices.forget_local()


@pytest.fixture(autouse=True)
def each_test_starts_in_the_source_language():
    """A request leaves its language active in the thread (Django's LocaleMiddleware does not
    reset it, as each new request sets its own); a test starts where a new worker thread does,
    in the source language, whatever the test before it asked for."""
    translation.activate(site_settings.LANGUAGE_CODE)
    yield
    translation.activate(site_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def emails_go_through_the_designation_rule(settings):
    """Django's test set-up sends e-mail straight to its outbox; send it through the site's
    backend (cms/mail.py), which then hands it to the outbox, as production hands it to SMTP."""
    settings.EMAIL_BACKEND = "cms.mail.DesignationFootnoteBackend"


@pytest.fixture(autouse=True)
def force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a completed sign-in, second factor included, as
    allauth records it in the session. Sign-in itself is tested through the real forms
    (tests/iisg_pages/test_login.py, tests/security/test_second_factor.py)."""
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        session = self.session
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "mfa", "at": time.time(), "type": "totp"}
        ]
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def sign_in(client):
    """`sign_in(username, password=PASSWORD, next_url=None, **extra)`: the test client posts
    the site's one sign-in form (no force_login), and gets its response."""

    def post(username, password=PASSWORD, next_url=None, **extra):
        data = {"login": username, "password": password}
        if next_url is not None:
            data["next"] = next_url
        return client.post("/login/", data, **extra)

    return post


@pytest.fixture
def signed_in(client):
    """`signed_in()`: whether the test client's session now holds a signed-in person."""
    return lambda: "_auth_user_id" in client.session


@pytest.fixture(scope="session")
def local_s3():
    """moto's S3 server on a spare port, for the whole run (tests/object_storage.py)."""
    from tests.object_storage import LocalS3

    server = LocalS3()
    yield server
    server.stop()


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(UserFactory(username="secretariat-editor", groups=[SECRETARIAT]))
    return client


def postgres_only(
    reason="composite foreign keys exist on PostgreSQL only; SQLite checks them in forms",
):
    """Skip marker for what only PostgreSQL does (composite foreign keys, a test database that
    a second process can open)."""
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)


def stopped_worker(row, minutes=3, attempts=1, **changes):
    """Make job `row` look like its worker stopped `minutes` ago during run `attempts`."""
    type(row).objects.filter(pk=row.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=minutes), attempts=attempts, **changes
    )
    row.refresh_from_db()
    return row


def pytest_collection_modifyitems(items):
    """Refuse a transactional test that does not restore the migrations' data.

    A transactional test empties every table when it ends; after a serialized one, Django does
    not re-create content types and permissions, so a later transactional test that is not
    serialized starts without them (and with stale cached content-type ids).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        options = marker.kwargs if marker else {}
        fixtures = set(getattr(item, "fixturenames", ()))
        transactional = options.get("transaction") or fixtures & {"transactional_db", "live_server"}
        serialized = options.get("serialized_rollback") or (
            "django_db_serialized_rollback" in fixtures
        )
        if transactional and not serialized:
            raise pytest.UsageError(
                f"{item.nodeid} uses the database transactionally: add serialized_rollback=True "
                "to its django_db mark (or request django_db_serialized_rollback)."
            )
