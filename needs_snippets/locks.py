"""The lock on a cycle's needs while the Board votes on the cycle's report."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext as _
from wagtail.locks import BaseLock


class BoardDecisionLock(BaseLock):
    """Nobody edits a need of a cycle under Board decision: what each seat sees is what
    is adopted. The lock ends when the vote ends or is withdrawn."""

    def for_user(self, user):
        return True

    def get_message(self, user):
        return _(
            "The Board is voting on the report of this need's cycle: its needs are locked "
            "until the vote ends or the Secretariat withdraws it."
        )

    def get_locked_by(self, user):
        return _("Locked by the Board's vote")

    def get_description(self, user):
        return self.get_message(user)


class NeedsLockedByTheBoard(PermissionDenied):
    """A need write refused because the Board votes on its cycle's report."""


def board_vote_since(cycle_id):
    """When the Board's vote on cycle `cycle_id`'s report started, or None when it is not
    voting. Inside a transaction, the cycle's row stays share-locked to its end: a vote cannot
    start, and freeze the edition, until a need write that found the cycle open has committed
    (the vote takes the row's update lock first: MappingCycle.enter_board_approval)."""
    from .models import MappingCycle

    table = connection.ops.quote_name(MappingCycle._meta.db_table)
    locking = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT board_decision_since FROM {table} WHERE id = %s{locking}",  # noqa: S608 (quoted name)
            [cycle_id],
        )
        row = cursor.fetchone()
    return row[0] if row else None
