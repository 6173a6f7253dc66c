"""Wagtail wiring of the moderation tasks: the decision pages and the audit log actions."""

from functools import partial

from django.core.management import call_command
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import views
from .models import remind_pending_votes

decision_urls = (
    [
        path("<int:task_state_id>/", views.decision, name="decision"),
        path("<int:task_state_id>/meeting/", views.record_meeting, name="record_meeting"),
        path("<int:task_state_id>/record/", views.record, name="record"),
        path("<int:task_state_id>/revision/", views.revision, name="revision"),
    ],
    "workflows",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("decisions/", include(decision_urls))]


@hooks.register("register_periodic_job")
def close_silent_procedures():
    """Silent procedures: the reminder a day before, adoption at the deadline."""
    return ("close_silent_procedures", partial(call_command, "close_silent_procedures"))


@hooks.register("register_periodic_job")
def remind_seats_that_have_not_voted():
    """Unanimity votes: remind the seats that have not voted, every `remind_after_days`."""
    return ("remind_pending_votes", remind_pending_votes, 3600)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("iisg.ballot.approve", _("Vote: approve"), _("Voted to approve"))
    actions.register_action(
        "iisg.ballot.request_changes", _("Vote: request changes"), _("Requested changes")
    )
    actions.register_action("iisg.ballot.object", _("Objection"), _("Objected"))
    actions.register_action(
        "iisg.silent_procedure.adopted",
        _("Adopted by silent procedure"),
        _("Adopted by silent procedure: nobody objected before the deadline"),
    )
    actions.register_action(
        "iisg.workflow.restarted",
        _("Approval restarted"),
        _("A new revision was saved during the approval: it starts again for that revision"),
    )
