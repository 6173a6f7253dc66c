"""The lock on a cycle's needs while the Board votes on the cycle's report."""

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
