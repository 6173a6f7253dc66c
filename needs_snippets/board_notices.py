"""What notifying the Board of an EU JHA agency's application reached (a membership by
notification: MembershipApplication.notify_board)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass
class BoardNotification:
    """Which Board seats a notification reached, and which it could not."""

    day: object
    notified: list = field(default_factory=list)
    vacant: list = field(default_factory=list)
    without_email: list = field(default_factory=list)
    recipients: int = 0

    @property
    def not_notified(self):
        return [*self.vacant, *self.without_email]


class BoardNotReachable(ValidationError):
    """No Board seat has an active holder with an e-mail address: nobody could be notified."""

    def __init__(self, outcome):
        self.outcome = outcome
        super().__init__(
            _(
                "No Board seat could be notified (vacant: %(vacant)s; no e-mail address: "
                "%(without_email)s). Record the seats' holders and their addresses first."
            )
            % {
                "vacant": ", ".join(outcome.vacant) or "none",
                "without_email": ", ".join(outcome.without_email) or "none",
            }
        )
