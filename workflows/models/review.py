"""Tasks decided by people in groups: the Support Group review and the Secretariat's
assessment against criteria."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from cms.letters import REVIEW_REQUESTS

from ..seats import active_members
from .ballots import Ballot, cast_ballot, decision_url, lock_in_progress, refuse_if_superseded
from .decision_task import DecisionTask


def review_groups_for(obj, fallback):
    """The groups whose approval `obj` needs: its own answer, else the task's groups."""
    obj = getattr(obj, "specific", obj)  # pages reach tasks as plain Page objects
    getter = getattr(obj, "get_review_groups", None)
    groups = list(getter()) if getter else []
    return groups or list(fallback)


class SupportGroupReviewTask(DecisionTask, Task):
    """Needs one approval from the Support Group of each pillar the content covers; any
    reviewer may request changes, which returns the content to its editors.

    Reviewers never edit what they review: they approve or ask for changes, with a comment,
    from the decision page. Editors may still change the content while it is under review;
    a new revision starts the approval again (see `workflows.signal_handlers`).
    """

    notification_preference = REVIEW_REQUESTS  # a review, not a vote: people may opt out

    groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        help_text=_("Used for content that does not say which Support Groups review it."),
    )

    admin_form_fields = [*Task.admin_form_fields, "groups"]
    description = _(
        "One reviewer of each Support Group concerned approves; any may ask for changes."
    )

    class Meta:
        verbose_name = _("Support Group review")

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

    def is_actor(self, task_state, user):
        return bool(self.user_groups(user, self.review_groups(task_state.revision.as_object())))

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        return bool(self.user_groups(user, self.review_groups(obj)))

    def get_actions(self, obj, user):
        task_state = obj.current_workflow_task_state
        if not task_state:
            return []
        mine = self.user_groups(user, self.pending_groups(task_state, obj))
        if not mine:
            return []
        return [
            ("approve", _("Approve for %(group)s") % {"group": mine[0].name}, True),
            ("reject", _("Request changes"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The reviews still waiting for one of the user's groups."""
        return self.in_progress_states_where(
            lambda state: self.user_groups(
                user, self.pending_groups(state, state.revision.as_object())
            )
        )

    def people_to_notify(self, task_state):
        groups = self.review_groups(task_state.revision.as_object())
        return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()

    def action_needed(self, task_state):
        return gettext("Review it for your Support Group: approve it, or request changes.")

    def decision_rows(self, task_state):
        """Per group concerned: its decision on this revision, if any (decision page)."""
        ballots = {b.group_id: b for b in task_state.ballots.select_related("user")}
        return [
            {"label": group.name, "holders": "", "ballot": ballots.get(group.pk)}
            for group in self.review_groups(task_state.revision.as_object())
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state)
        refuse_if_superseded(task_state)
        obj = task_state.revision.as_object()
        mine = self.user_groups(user, self.pending_groups(task_state, obj))
        if not mine or action_name not in ("approve", "reject"):
            raise PermissionDenied(gettext("You are not a reviewer still expected on this task."))
        comment = kwargs.get("comment", "")
        if action_name == "reject":
            cast_ballot(task_state, user, Ballot.Decision.REQUEST_CHANGES, comment, mine[0])
            task_state.reject(user=user, comment=comment)
            return decision_url(task_state)
        cast_ballot(task_state, user, Ballot.Decision.APPROVE, comment, mine[0])
        if not self.pending_groups(task_state, obj):
            task_state.approve(user=user, comment=comment)
        return decision_url(task_state)


class CriteriaAssessmentTask(DecisionTask, Task):
    """A member of the group assesses the content against criteria: approving means ticking
    every criterion; requesting changes (with the reason) rejects."""

    notification_preference = REVIEW_REQUESTS

    group = models.ForeignKey("auth.Group", on_delete=models.PROTECT, related_name="+")
    criteria = models.TextField(help_text=_("One criterion per line."))

    admin_form_fields = [*Task.admin_form_fields, "group", "criteria"]
    description = _("A member of the group confirms every criterion, or gives the reason it fails.")

    class Meta:
        verbose_name = _("Criteria assessment")

    def criteria_list(self):
        return [line.strip() for line in self.criteria.splitlines() if line.strip()]

    def is_assessor(self, user):
        return active_members(self.group).filter(pk=user.pk).exists()

    def is_actor(self, task_state, user):
        return self.is_assessor(user)

    def people_to_notify(self, task_state):
        return active_members(self.group)

    def action_needed(self, task_state):
        return gettext("Assess it against these criteria: %(criteria)s.") % {
            "criteria": "; ".join(self.criteria_list())
        }

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

    def decision_rows(self, task_state):
        return [
            {"label": self.group.name, "holders": "", "ballot": ballot}
            for ballot in task_state.ballots.select_related("user")
        ] or [{"label": self.group.name, "holders": "", "ballot": None}]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        task_state = lock_in_progress(task_state)
        if not self.is_assessor(user):
            raise PermissionDenied(gettext("Only the assessing group can act on this task."))
        comment = kwargs.get("comment", "")
        if action_name == "approve":
            ticked = [kwargs.get(f"criterion_{i}") for i in range(len(self.criteria_list()))]
            if not all(ticked):
                raise PermissionDenied(gettext("Every criterion must be confirmed to approve."))
            met = "; ".join(self.criteria_list())
            cast_ballot(task_state, user, Ballot.Decision.APPROVE, f"{comment} (met: {met})")
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            cast_ballot(task_state, user, Ballot.Decision.REQUEST_CHANGES, comment)
            task_state.reject(user=user, comment=comment)
        else:
            raise PermissionDenied(gettext("Unknown action %(action)s.") % {"action": action_name})
        return decision_url(task_state)
