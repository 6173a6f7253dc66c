import pytest
from django.db import connection

from needs_snippets.roles import SECRETARIAT
from tests.access import world  # noqa: F401 (the permission-matrix fixture, for every test)
from tests.factories import UserFactory


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(UserFactory(username="secretariat-editor", groups=[SECRETARIAT]))
    return client


def postgres_only():
    """Skip marker for rules only PostgreSQL enforces (composite foreign keys)."""
    return pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="composite foreign keys exist on PostgreSQL only; SQLite checks them in forms",
    )
