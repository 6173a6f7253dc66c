"""What the Board's decision tasks share: they count seats, not accounts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.model_fields import optional_link

from ..seats import decision_seats, everyone_holding, seats_held_by
from .ballots import Ballot


class SeatedDecision(models.Model):
    """A task decided by the seats of the content under decision (`get_decision_seats`),
    or by the active members of `group` when the content names none. `recorders` may record
    a decision the seats took at a meeting."""

    decides_by_seats = True

    group = models.ForeignKey("auth.Group", on_delete=models.PROTECT, related_name="+")
    recorders = optional_link(
        "auth.Group",
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_(
            "The group that records a decision taken at a meeting on behalf of the seats "
            "present (the Secretariat)."
        ),
    )

    class Meta:
        abstract = True

    def seats(self, obj):
        return decision_seats(obj, self.group)

    def seats_of_state(self, task_state):
        return self.seats(task_state.revision.as_object())

    def is_actor(self, task_state, user):
        return bool(seats_held_by(self.seats_of_state(task_state), user))

    def is_recorder(self, user):
        return bool(
            self.recorders_id
            and user.is_active
            and user.groups.filter(pk=self.recorders_id).exists()
        )

    def people_to_notify(self, task_state):
        return everyone_holding(self.seats_of_state(task_state))

    def ballots_by_seat(self, task_state):
        return {
            ballot.seat_key: ballot
            for ballot in task_state.ballots.select_related("user", "minutes").exclude(seat_key="")
        }

    def decision_rows(self, task_state):
        """Per seat: who holds it and its ballot on this revision, if any (decision page)."""
        ballots = self.ballots_by_seat(task_state)
        rows = []
        for seat in self.seats_of_state(task_state):
            ballot = ballots.get(seat.seat_key)
            holders = seat.holders_label()
            rows.append(
                {
                    "key": seat.seat_key,
                    "label": str(seat),
                    "holders": ballot.holders if ballot else holders,
                    "vacant": not holders,
                    "ballot": ballot,
                }
            )
        return rows

    def approved_keys(self, task_state):
        return set(
            task_state.ballots.filter(decision=Ballot.Decision.APPROVE)
            .exclude(seat_key="")
            .values_list("seat_key", flat=True)
        )
