"""Unanimity: every seat approves the same revision; any seat may ask for changes."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from ..seats import seats_held_by, vacant
from .ballots import Ballot, cast_ballot, decision_url, lock_in_progress, refuse_if_superseded
from .decision_task import DecisionTask, LockedDuringDecision
from .reminders import remind
from .seated import SeatedDecision


class UnanimousApprovalTaskState(TaskState):
    """A unanimity vote under way; its comment tells which seats have voted and which have
    not, as the editor's workflow status panel and the workflow history show."""

    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("unanimity vote")

    def get_comment(self):
        task = self.task.specific
        rows = task.decision_rows(self)
        approved = [r["label"] for r in rows if r["ballot"] and r["ballot"].decision == "approve"]
        parts = [self.comment] if self.comment else []
        parts.append(
            ngettext(
                "Approved by %(count)s of %(total)s seat: %(seats)s.",
                "Approved by %(count)s of %(total)s seats: %(seats)s.",
                len(rows),
            )
            % {
                "count": len(approved),
                "total": len(rows),
                "seats": ", ".join(approved) or gettext("none yet"),
            }
        )
        if self.status == TaskState.STATUS_IN_PROGRESS:
            waiting = [r["label"] for r in rows if not r["ballot"] and not r["vacant"]]
            empty = [r["label"] for r in rows if r["vacant"]]
            parts.append(
                gettext("Not yet voted: %(seats)s.")
                % {"seats": ", ".join(waiting) or gettext("none")}
            )
            if empty:
                parts.append(
                    gettext("Vacant, so the vote cannot complete: %(seats)s.")
                    % {"seats": ", ".join(empty)}
                )
        return " ".join(parts)

    @transaction.atomic
    def remind_if_due(self, now=None):
        """Remind the holders of the seats that have not voted, once every
        `remind_after_days` days of the vote. Returns True when it reminded now."""
        now = now or timezone.now()
        state = UnanimousApprovalTaskState.objects.select_for_update().get(pk=self.pk)
        task = state.task.specific
        if state.status != TaskState.STATUS_IN_PROGRESS or not task.remind_after_days:
            return False
        since = state.last_reminded_at or state.started_at
        if now - since < timedelta(days=task.remind_after_days):
            return False
        waiting = task.missing_seats(state)
        remind(
            state,
            [user for seat in waiting for user in seat.active_holders()],
            _("IISG reminder: your seat has not yet voted on “%(title)s”"),
            _("Seats still to vote: %(seats)s."),
            seats=", ".join(str(seat) for seat in waiting),
        )
        state.last_reminded_at = now
        state.save(update_fields=["last_reminded_at"])
        return True


class UnanimousApprovalTask(DecisionTask, LockedDuringDecision, SeatedDecision, Task):
    """Every seat approves the revision under vote; any seat may ask for changes.

    Votes are cast per seat by any of its active holders, on the task state's revision only:
    a new revision starts the approval again. A seat without an active holder is vacant and
    blocks the decision. Votes are counted under a row lock on the task state, so the vote
    that completes the count completes it once, even when seats vote at the same moment.
    Nobody edits the content while it is under vote: what each seat sees is what is adopted.
    """

    remind_after_days = models.PositiveSmallIntegerField(
        default=5,
        help_text=_("Remind the seats that have not voted after this many days (0: never)."),
    )

    admin_form_fields = [*Task.admin_form_fields, "group", "recorders", "remind_after_days"]
    task_state_class = UnanimousApprovalTaskState
    description = _("Every seat approves the same revision; any one may ask for changes.")

    class Meta:
        verbose_name = _("Unanimous approval")

    def missing_seats(self, task_state):
        approved = self.approved_keys(task_state)
        return [s for s in self.seats_of_state(task_state) if s.seat_key not in approved]

    def unvoted_seats_of(self, task_state, obj, user):
        voted = set(self.ballots_by_seat(task_state))
        return [s for s in seats_held_by(self.seats(obj), user) if s.seat_key not in voted]

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if not task_state or task_state.status != TaskState.STATUS_IN_PROGRESS:
            return []
        if not self.unvoted_seats_of(task_state, obj, user):
            return []
        count = {
            "n": len(self.approved_keys(task_state)) + 1,
            "m": len(self.seats(obj)),
        }
        return [
            ("approve", _("Approve (vote %(n)s of %(m)s)") % count, True),
            ("reject", _("Request changes"), True),
        ]

    def get_template_for_action(self, action):
        return "workflows/action_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return self.in_progress_states_where(
            lambda state: self.unvoted_seats_of(state, state.revision.as_object(), user)
        )

    def action_needed(self, task_state):
        return gettext(
            "Every seat must approve this revision; any one of you may request changes. "
            "One vote per seat, cast by its titular representative or a deputy."
        )

    def complete_if_unanimous(self, task_state, user):
        """Approve once every seat has approved; with no seats at all, nothing passes."""
        count = len(self.seats_of_state(task_state))
        if count and not self.missing_seats(task_state):
            task_state.approve(user=user, comment=f"Approved by unanimity of the {count} seats.")

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state)
        refuse_if_superseded(task_state)
        obj = task_state.revision.as_object()
        mine = self.unvoted_seats_of(task_state, obj, user)
        if not mine:
            if seats_held_by(self.seats(obj), user):
                raise PermissionDenied(gettext("Your seat has already voted on this revision."))
            raise PermissionDenied(gettext("You hold no seat in this decision."))
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            cast_ballot(task_state, user, Ballot.Decision.REQUEST_CHANGES, comment, seat=mine[0])
            task_state.reject(user=user, comment=comment)
        elif action_name == "approve":
            cast_ballot(task_state, user, Ballot.Decision.APPROVE, comment, seat=mine[0])
            self.complete_if_unanimous(task_state, user)
        else:
            raise PermissionDenied(gettext("Unknown action %(action)s.") % {"action": action_name})
        return decision_url(task_state)

    @transaction.atomic
    def record_meeting_decision(
        self, task_state, recorder, seat_keys, decision, meeting, minutes=None, comment=""
    ):
        """Record the decision the seats present took at a Board meeting: one ballot per
        seat present that has not voted yet, naming the meeting and its minutes."""
        task_state = lock_in_progress(task_state)
        refuse_if_superseded(task_state)
        if not self.is_recorder(recorder):
            raise PermissionDenied(
                gettext("Only the Secretariat records decisions taken at a meeting.")
            )
        if not meeting:
            raise PermissionDenied(gettext("Name the meeting where the decision was taken."))
        seats = {s.seat_key: s for s in self.seats_of_state(task_state)}
        voted = set(self.ballots_by_seat(task_state))
        present = [seats[key] for key in seat_keys if key in seats and key not in voted]
        present = [seat for seat in present if seat not in vacant(present)]
        if not present:
            raise PermissionDenied(
                gettext("None of the seats named can still vote on this revision.")
            )
        for seat in present:
            cast_ballot(
                task_state,
                recorder,
                decision,
                comment,
                seat=seat,
                meeting=meeting,
                minutes=minutes,
            )
        if decision == Ballot.Decision.REQUEST_CHANGES:
            task_state.reject(user=recorder, comment=comment)
        else:
            self.complete_if_unanimous(task_state, recorder)
        return present


def remind_pending_votes(now=None):
    """Remind the seats that have not voted, in every unanimity vote under way. Returns the
    number of votes reminded about (a periodic job)."""
    open_votes = UnanimousApprovalTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    return sum(1 for state in open_votes if state.remind_if_due(now))
