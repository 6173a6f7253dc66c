"""Marks the tests put on what only some set-ups can run."""

import pytest
from django.db import connection


def postgres_only(
    reason="composite foreign keys exist on PostgreSQL only; SQLite checks them in forms",
):
    """Skip marker for what only PostgreSQL does (composite foreign keys, a test database that
    a second process can open)."""
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)
