"""Ballots: each decision cast in a task, for which seat or group, on which revision."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import TaskState

from cms.model_fields import optional_link


class Ballot(models.Model):
    """One decision on one task state: who cast it, for which seat or group, on which
    revision, with what comment; a decision taken at a meeting names the meeting and its
    minutes and who recorded it."""

    class Decision(models.TextChoices):
        """What a seat or group decided. Requesting changes, or objecting in a silent
        procedure, rejects the task: a report or a need goes back to its editors, a membership
        application is rejected."""

        APPROVE = "approve", _("Approved")
        REQUEST_CHANGES = "request_changes", _("Requested changes")
        OBJECT = "object", _("Objected")

    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="ballots"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The revision this decision was cast on."),
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = optional_link("auth.Group", related_name="+")
    seat_key = models.CharField(max_length=64, blank=True)
    seat_label = models.CharField(_("seat"), max_length=255, blank=True)
    holders = models.CharField(
        _("held by"), max_length=500, blank=True, help_text=_("Who held the seat at the time.")
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    comment = models.TextField(blank=True)
    meeting = models.CharField(
        _("decided at"),
        max_length=255,
        blank=True,
        help_text=_("The meeting where the seat took this decision, when recorded for it."),
    )
    minutes = optional_link(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("minutes"),
    )
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cast_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "user"],
                condition=Q(meeting=""),
                name="one_ballot_per_person_and_task_state",
            ),
            models.UniqueConstraint(
                fields=["task_state", "seat_key"],
                condition=~Q(seat_key=""),
                name="one_ballot_per_seat_and_task_state",
            ),
        ]

    def __str__(self):
        who = self.seat_label or str(self.user)
        return f"{who} {self.get_decision_display().lower()} ({self.cast_at:%Y-%m-%d})"

    @property
    def recorded_at_meeting(self):
        return bool(self.meeting)


def lock_in_progress(task_state):
    """Lock the task state row; refuse when it was decided meanwhile. Call inside atomic()."""
    locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if locked.status != TaskState.STATUS_IN_PROGRESS:
        raise PermissionDenied(gettext("This task has already been decided."))
    return locked


def refuse_if_superseded(task_state):
    """Refuse a decision on a revision that is no longer the latest: what is decided is
    what every voter saw."""
    content = task_state.workflow_state.content_object
    latest = content.get_latest_revision()
    if latest and latest.pk != task_state.revision_id:
        raise PermissionDenied(
            gettext(
                "A newer revision was saved since this vote started: approval starts again for it."
            )
        )


def cast_ballot(task_state, user, decision, comment="", group=None, seat=None, **extra):
    """Record one decision and write it to the audit log of the content."""
    ballot = Ballot.objects.create(
        task_state=task_state,
        revision_id=task_state.revision_id,
        user=user,
        decision=decision,
        comment=comment,
        group=group,
        seat_key=seat.seat_key if seat else "",
        seat_label=str(seat) if seat else "",
        holders=seat.holders_label() if seat else "",
        **extra,
    )
    log(
        instance=task_state.revision.as_object(),
        action=f"iisg.ballot.{decision}",
        user=user,
        data={
            "task": task_state.task.name,
            "group": group.name if group else None,
            "seat": ballot.seat_label or None,
            "revision": task_state.revision_id,
            "meeting": ballot.meeting or None,
            "comment": comment,
        },
        revision=task_state.revision,
    )
    return ballot


def decision_url(task_state):
    """The admin page of a decision: what is decided, who has decided, what you may do."""
    return reverse("workflows:decision", args=[task_state.pk])
