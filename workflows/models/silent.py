"""The silent written procedure: adopted at the deadline unless a seat objects."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Task, TaskState
from wagtail.signals import task_submitted

from ..seats import seats_held_by, vacant
from ..tasks import schedule_silent_procedure_close
from .ballots import Ballot, cast_ballot, decision_url, lock_in_progress
from .decision_task import DecisionTask, LockedDuringDecision
from .reminders import remind
from .seated import SeatedDecision


def add_working_days(start, days):
    """`start` plus `days` working days (Monday to Friday), at the same time of day."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


class SilentProcedureTaskState(TaskState):
    """A silent procedure under way: it is adopted at `deadline` unless a seat objects."""

    deadline = models.DateTimeField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("silent procedure")

    @transaction.atomic
    def remind_if_due(self, now=None):
        """A day before the deadline, remind the seats once. Returns True when it did now."""
        now = now or timezone.now()
        state = SilentProcedureTaskState.objects.select_for_update().get(pk=self.pk)
        due = state.deadline - timedelta(days=1) <= now < state.deadline
        if state.status != TaskState.STATUS_IN_PROGRESS or state.reminder_sent_at or not due:
            return False
        remind(
            state,
            state.task.specific.people_to_notify(state),
            _("IISG: silent procedure on “%(title)s” ends tomorrow"),
            _("To object, open the decision in the admin."),
        )
        state.reminder_sent_at = now
        state.save(update_fields=["reminder_sent_at"])
        self.reminder_sent_at = now
        return True

    def get_comment(self):
        return self.comment

    @transaction.atomic
    def close_if_due(self, now=None):
        """Adopt the decision when the deadline has passed without objection. Returns True
        when it adopted it now."""
        now = now or timezone.now()
        locked = TaskState.objects.select_for_update().get(pk=self.pk)
        if locked.status != TaskState.STATUS_IN_PROGRESS or now < self.deadline:
            return False
        log(
            instance=self.revision.as_object(),
            action="iisg.silent_procedure.adopted",
            data={"task": self.task.name, "deadline": self.deadline.isoformat()},
            revision=self.revision,
        )
        self.approve(user=None, comment=str(_("Adopted by silent procedure.")))
        return True


class SilentProcedureTask(DecisionTask, LockedDuringDecision, SeatedDecision, Task):
    """Any seat may object before the deadline, which rejects; at the deadline with no
    objection the decision is adopted, recorded as "adopted by silent procedure". It cannot
    start while a seat is vacant: the submission is returned with the seats to fill. Nobody
    edits what is under silent procedure."""

    working_days = models.PositiveSmallIntegerField(
        default=10, help_text=_("How long the seats have to object, in working days.")
    )

    admin_form_fields = [*Task.admin_form_fields, "group", "recorders", "working_days"]
    task_state_class = SilentProcedureTaskState
    description = _("Adopted at the deadline unless a seat objects before it.")

    class Meta:
        verbose_name = _("Silent procedure")

    def start(self, workflow_state, user=None):
        revision = workflow_state.content_object.get_latest_revision()
        empty = vacant(self.seats(revision.as_object()))
        task_state = SilentProcedureTaskState(
            workflow_state=workflow_state,
            status=TaskState.STATUS_IN_PROGRESS,
            revision=revision,
            task=self,
            deadline=add_working_days(timezone.now(), self.working_days),
        )
        if empty:
            # Wagtail's workflow sees a rejected task and returns the content to its editors.
            task_state.status = TaskState.STATUS_REJECTED
            task_state.finished_at = timezone.now()
            task_state.comment = gettext(
                "The silent procedure cannot start while a seat is vacant: %(seats)s. Fill the "
                "seat, then resubmit."
            ) % {"seats": ", ".join(str(seat) for seat in empty)}
            task_state.save()
            return task_state
        task_state.save()
        schedule_silent_procedure_close(task_state)
        task_submitted.send(sender=SilentProcedureTaskState, instance=task_state, user=user)
        return task_state

    def action_needed(self, task_state):
        deadline = timezone.localtime(task_state.specific.deadline)
        return gettext(
            "Silent written procedure: it is adopted on %(deadline)s unless a seat objects "
            "before then."
        ) % {"deadline": date_format(deadline, "DATETIME_FORMAT")}

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if (
            task_state
            and timezone.now() < task_state.specific.deadline
            and seats_held_by(self.seats(obj), user)
        ):
            return [("reject", _("Object"), True)]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return self.in_progress_states_where(
            lambda state: seats_held_by(self.seats_of_state(state), user)
        )

    def decision_rows(self, task_state):
        rows = super().decision_rows(task_state)
        for row in rows:
            row["silent"] = True
        return rows

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state).specific
        seats = seats_held_by(self.seats_of_state(task_state), user)
        if action_name != "reject" or not seats:
            raise PermissionDenied(gettext("Only the holders of a seat can object."))
        if timezone.now() >= task_state.deadline:
            raise PermissionDenied(gettext("The deadline has passed: the decision is adopted."))
        comment = kwargs.get("comment", "")
        cast_ballot(task_state, user, Ballot.Decision.OBJECT, comment, seat=seats[0])
        task_state.reject(user=user, comment=comment)
        return decision_url(task_state)
