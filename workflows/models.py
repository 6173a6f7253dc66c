"""Moderation task types of the IISG structures, generic over what they moderate.

A task asks the content it moderates through one small protocol: content may define
`get_review_groups()`, the user groups whose approval it needs (for a report, the Support
Groups of the pillars it covers). The tasks import no model of ours.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Task, TaskState
from wagtail.signals import task_submitted

from .notifications import notify
from .tasks import schedule_silent_procedure_close


def review_groups_for(obj, fallback):
    """The groups whose approval `obj` needs: its own answer, else the task's groups."""
    obj = getattr(obj, "specific", obj)  # pages reach tasks as plain Page objects
    getter = getattr(obj, "get_review_groups", None)
    groups = list(getter()) if getter else []
    return groups or list(fallback)


def active_members(group):
    return get_user_model().objects.filter(groups=group, is_active=True)


class Ballot(models.Model):
    """One person's decision on one task state: who, when, for which group, with what comment."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REQUEST_CHANGES = "request_changes", _("Requested changes")
        OBJECT = "object", _("Objected")

    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="ballots"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    comment = models.TextField(blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cast_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "user"], name="one_ballot_per_person_and_task_state"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.get_decision_display().lower()} ({self.cast_at:%Y-%m-%d})"


# What a reviewer or voter may do: (action, label, whether it asks for a comment).
APPROVAL_ACTIONS = [
    ("reject", _("Request changes"), True),
    ("approve", _("Approve"), False),
    ("approve", _("Approve with comment"), True),
]


def lock_in_progress(task_state):
    """Lock the task state row; refuse when it was decided meanwhile. Call inside atomic()."""
    locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if locked.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied("This task has already been decided.")
    return locked


def cast_ballot(task_state, user, decision, comment="", group=None):
    ballot = Ballot.objects.create(
        task_state=task_state, user=user, decision=decision, comment=comment, group=group
    )
    log(
        instance=task_state.revision.as_object(),
        action=f"iisg.ballot.{decision}",
        user=user,
        data={
            "task": task_state.task.name,
            "group": group.name if group else None,
            "comment": comment,
        },
        revision=task_state.revision,
    )
    return ballot


class SupportGroupReviewTask(Task):
    """Needs one approval from the Support Group of each pillar the content covers; any
    reviewer may request changes, which returns the content to its editors."""

    groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        help_text=_("Used for content that does not say which Support Groups review it."),
    )

    admin_form_fields = [*Task.admin_form_fields, "groups"]

    class Meta:
        verbose_name = _("Support Group review")

    @classmethod
    def get_description(cls):
        return _("One reviewer of each Support Group concerned approves; any may ask for changes.")

    def review_groups(self, obj):
        return review_groups_for(obj, self.groups.all())

    def pending_groups(self, task_state, obj):
        approved = set(
            Ballot.objects.filter(
                task_state=task_state, decision=Ballot.Decision.APPROVE
            ).values_list("group_id", flat=True)
        )
        return [group for group in self.review_groups(obj) if group.pk not in approved]

    def user_groups(self, user, groups):
        ids = set(user.groups.values_list("pk", flat=True))
        return [group for group in groups if group.pk in ids]

    def user_can_access_editor(self, obj, user):
        return bool(self.user_groups(user, self.review_groups(obj)))

    def locked_for_user(self, obj, user):
        return not self.user_groups(user, self.review_groups(obj))

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if task_state and self.user_groups(user, self.pending_groups(task_state, obj)):
            return APPROVAL_ACTIONS
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The reviews still waiting for one of the user's groups (few at a time)."""
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        waiting = [
            state.pk
            for state in in_progress.select_related("revision")
            if self.user_groups(user, self.pending_groups(state, state.revision.as_object()))
        ]
        return in_progress.filter(pk__in=waiting)

    def people_to_notify(self, task_state):
        groups = self.review_groups(task_state.revision.as_object())
        return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()

    def action_needed(self, task_state):
        return "Review it for your Support Group: approve it, or request changes."

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state)
        obj = task_state.revision.as_object()
        mine = self.user_groups(user, self.pending_groups(task_state, obj))
        if not mine or action_name not in ("approve", "reject"):
            raise PermissionDenied("You are not a reviewer still expected on this task.")
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            cast_ballot(task_state, user, Ballot.Decision.REQUEST_CHANGES, comment, mine[0])
            task_state.reject(user=user, comment=comment)
            return None
        cast_ballot(task_state, user, Ballot.Decision.APPROVE, comment, mine[0])
        if not self.pending_groups(task_state, obj):
            task_state.approve(user=user, comment=comment)
        return None


class UnanimousApprovalTaskState(TaskState):
    """A unanimity vote under way; its comment tells who has voted and who has not, which the
    editor's workflow status panel and the workflow history show."""

    class Meta:
        verbose_name = _("unanimity vote")

    def get_comment(self):
        task = self.task.specific
        approved = [str(b.user) for b in self.ballots.filter(decision=Ballot.Decision.APPROVE)]
        parts = [self.comment] if self.comment else []
        parts.append(f"Approved by {len(approved)}: {', '.join(approved) or 'nobody yet'}.")
        if self.status == TaskState.STATUS_IN_PROGRESS:
            waiting = [str(user) for user in task.missing_voters(self)]
            parts.append(f"Not yet voted: {', '.join(waiting) or 'nobody'}.")
        return " ".join(parts)


class UnanimousApprovalTask(Task):
    """Every active member of the group must approve; one request for changes rejects.

    Votes are counted under a row lock on the task state, so the vote that completes the
    count completes it once, even when members vote at the same moment.
    """

    group = models.ForeignKey("auth.Group", on_delete=models.PROTECT, related_name="+")

    admin_form_fields = [*Task.admin_form_fields, "group"]
    task_state_class = UnanimousApprovalTaskState

    class Meta:
        verbose_name = _("Unanimous approval")

    @classmethod
    def get_description(cls):
        return _("Every active member of the group approves; any one may ask for changes.")

    def voters(self):
        return active_members(self.group)

    def has_voted(self, task_state, user):
        return Ballot.objects.filter(task_state=task_state, user=user).exists()

    def is_voter(self, user):
        return self.voters().filter(pk=user.pk).exists()

    def user_can_access_editor(self, obj, user):
        return self.is_voter(user)

    def locked_for_user(self, obj, user):
        return not self.is_voter(user)

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if task_state and self.is_voter(user) and not self.has_voted(task_state, user):
            return APPROVAL_ACTIONS
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_voter(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            ballots__user=user
        )

    def people_to_notify(self, task_state):
        return self.voters()

    def action_needed(self, task_state):
        return "Every member of the group must approve; any one of you may request changes."

    def missing_voters(self, task_state):
        return self.voters().exclude(pk__in=task_state.ballots.values("user"))

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state)
        if not self.is_voter(user) or self.has_voted(task_state, user):
            raise PermissionDenied("You have no vote left on this task.")
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            cast_ballot(task_state, user, Ballot.Decision.REQUEST_CHANGES, comment, self.group)
            task_state.reject(user=user, comment=comment)
        elif action_name == "approve":
            cast_ballot(task_state, user, Ballot.Decision.APPROVE, comment, self.group)
            if not self.missing_voters(task_state).exists():
                task_state.approve(user=user, comment=_("Approved by unanimity."))
        else:
            raise PermissionDenied(f"Unknown action {action_name}.")
        return None


class CriteriaAssessmentTask(Task):
    """A member of the group assesses the content against criteria: approving means ticking
    every criterion; requesting changes (with the reason) rejects."""

    group = models.ForeignKey("auth.Group", on_delete=models.PROTECT, related_name="+")
    criteria = models.TextField(help_text=_("One criterion per line."))

    admin_form_fields = [*Task.admin_form_fields, "group", "criteria"]

    class Meta:
        verbose_name = _("Criteria assessment")

    @classmethod
    def get_description(cls):
        return _("A member of the group confirms every criterion, or gives the reason it fails.")

    def criteria_list(self):
        return [line.strip() for line in self.criteria.splitlines() if line.strip()]

    def is_assessor(self, user):
        return active_members(self.group).filter(pk=user.pk).exists()

    def people_to_notify(self, task_state):
        return active_members(self.group)

    def action_needed(self, task_state):
        return "Assess it against these criteria: " + "; ".join(self.criteria_list()) + "."

    def user_can_access_editor(self, obj, user):
        return self.is_assessor(user)

    def locked_for_user(self, obj, user):
        return not self.is_assessor(user)

    def get_actions(self, obj, user):
        if obj.current_workflow_task_state and self.is_assessor(user):
            return [("reject", _("Reject, with the reason"), True), ("approve", _("Assess"), True)]
        return []

    def get_form_for_action(self, action):
        if action != "approve":
            return super().get_form_for_action(action)
        fields = {
            f"criterion_{i}": forms.BooleanField(label=text, required=True)
            for i, text in enumerate(self.criteria_list())
        }
        fields["comment"] = forms.CharField(label=_("Assessment"), widget=forms.Textarea)
        return type("CriteriaAssessmentForm", (forms.Form,), fields)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_assessor(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state)
        if not self.is_assessor(user):
            raise PermissionDenied("Only the assessing group can act on this task.")
        comment = kwargs.get("comment", "")
        if action_name == "approve":
            ticked = [kwargs.get(f"criterion_{i}") for i in range(len(self.criteria_list()))]
            if not all(ticked):
                raise PermissionDenied("Every criterion must be confirmed to approve.")
            met = "; ".join(self.criteria_list())
            cast_ballot(task_state, user, Ballot.Decision.APPROVE, f"{comment} (met: {met})")
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            cast_ballot(task_state, user, Ballot.Decision.REQUEST_CHANGES, comment)
            task_state.reject(user=user, comment=comment)
        else:
            raise PermissionDenied(f"Unknown action {action_name}.")
        return None


def add_working_days(start, days):
    """`start` plus `days` working days (Monday to Friday), at the same time of day."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


class SilentProcedureTaskState(TaskState):
    """A silent procedure under way: it is adopted at `deadline` unless someone objects."""

    deadline = models.DateTimeField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("silent procedure")

    @transaction.atomic
    def remind_if_due(self, now=None):
        """A day before the deadline, remind the group once. Returns True when it did now."""
        now = now or timezone.now()
        state = SilentProcedureTaskState.objects.select_for_update().get(pk=self.pk)
        due = state.deadline - timedelta(days=1) <= now < state.deadline
        if state.status != TaskState.STATUS_IN_PROGRESS or state.reminder_sent_at or not due:
            return False
        task = state.task.specific
        title = str(state.revision.as_object())
        notify(
            state,
            task.people_to_notify(state),
            f"IISG: silent procedure on “{title}” ends tomorrow",
            f"{task.action_needed(state)}\n\nTo object, open it in the admin.",
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


class SilentProcedureTask(Task):
    """Any member of the group may object before the deadline, which rejects; at the deadline
    with no objection the decision is adopted, recorded as "adopted by silent procedure"."""

    group = models.ForeignKey("auth.Group", on_delete=models.PROTECT, related_name="+")
    working_days = models.PositiveSmallIntegerField(
        default=10, help_text=_("How long members have to object, in working days.")
    )

    admin_form_fields = [*Task.admin_form_fields, "group", "working_days"]
    task_state_class = SilentProcedureTaskState

    class Meta:
        verbose_name = _("Silent procedure")

    @classmethod
    def get_description(cls):
        return _("Adopted at the deadline unless a member of the group objects before it.")

    def start(self, workflow_state, user=None):
        task_state = SilentProcedureTaskState(
            workflow_state=workflow_state,
            status=TaskState.STATUS_IN_PROGRESS,
            revision=workflow_state.content_object.get_latest_revision(),
            task=self,
            deadline=add_working_days(timezone.now(), self.working_days),
        )
        task_state.save()
        schedule_silent_procedure_close(task_state)
        task_submitted.send(sender=SilentProcedureTaskState, instance=task_state, user=user)
        return task_state

    def is_member(self, user):
        return active_members(self.group).filter(pk=user.pk).exists()

    def people_to_notify(self, task_state):
        return active_members(self.group)

    def action_needed(self, task_state):
        deadline = timezone.localtime(task_state.specific.deadline)
        return (
            f"Silent written procedure: it is adopted on {deadline:%d %B %Y at %H:%M} unless "
            "a member objects before then."
        )

    def user_can_access_editor(self, obj, user):
        return self.is_member(user)

    def locked_for_user(self, obj, user):
        return True  # nobody edits what is under silent procedure

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if task_state and self.is_member(user) and timezone.now() < task_state.specific.deadline:
            return [("reject", _("Object"), True)]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_member(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state).specific
        if action_name != "reject" or not self.is_member(user):
            raise PermissionDenied("Only members of the group can object.")
        if timezone.now() >= task_state.deadline:
            raise PermissionDenied("The deadline has passed: the decision is adopted.")
        comment = kwargs.get("comment", "")
        cast_ballot(task_state, user, Ballot.Decision.OBJECT, comment, self.group)
        task_state.reject(user=user, comment=comment)
        return None
