"""Audit log actions of the moderation tasks, shown in Wagtail's history and reports."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


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
