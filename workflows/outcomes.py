"""What a decision says to the person who took it, and what it warns them of."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState


def go_live_warning_for(go_live_at):
    """The warning for a go-live date still to come (a datetime or its ISO text), or None."""
    if isinstance(go_live_at, str):
        go_live_at = parse_datetime(go_live_at)
    if not go_live_at or go_live_at <= timezone.now():
        return None
    when = date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
    return _(
        "This revision carries a go-live date, %(when)s: once adopted, it stays offline "
        "until then, and members are told when it goes live."
    ) % {"when": when}


def go_live_warning(revision):
    """The warning that the revision under decision carries a go-live date, or None."""
    if revision is None:
        return None
    return go_live_warning_for((revision.content or {}).get("go_live_at"))


def outcome_message(task_state, user):
    """What the person just did and what happens next."""
    ballots = task_state.ballots.filter(user=user).order_by("-cast_at", "-pk")
    ballot = ballots.first()
    if ballot and ballot.meeting:  # the Secretariat recorded the seats present at a meeting
        present = ballots.filter(meeting=ballot.meeting).order_by("cast_at", "pk")
        for_whom = ", ".join(b.seat_label for b in present)
    elif ballot:
        for_whom = ballot.seat_label or (ballot.group.name if ballot.group else "")
    else:
        for_whom = ""
    if task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "Your decision is recorded for %(who)s. The content returns to its editors with "
            "your comment; a new revision will start the approval again."
        ) % {"who": for_whom or _("you")}
    if task_state.status == TaskState.STATUS_APPROVED:
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        if workflow_state.status == WorkflowState.STATUS_APPROVED:
            return _(
                "Your approval is recorded for %(who)s and completes the decision: the revision "
                "every seat approved is published."
            ) % {"who": for_whom or _("you")}
        return _(
            "Your approval is recorded for %(who)s and completes this step: the next step of "
            "the approval starts now, and the people who take it are told."
        ) % {"who": for_whom or _("you")}
    task = task_state.task.specific
    rows = task.decision_rows(task_state)
    done = sum(1 for row in rows if row["ballot"] and row["ballot"].decision == "approve")
    return _(
        "Your approval is recorded for %(who)s: %(done)s of %(total)s have approved this "
        "revision. The decision completes when all have approved."
    ) % {"who": for_whom or _("you"), "done": done, "total": len(rows)}
