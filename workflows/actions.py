"""What happens when a workflow is approved (setting WAGTAIL_FINISH_WORKFLOW_ACTION)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext


def approved_revision(workflow_state):
    """The revision every task of the workflow approved: the revision of its last task
    state, and of every approved task state counted for it."""
    from wagtail.models import TaskState  # wagtail.models imports this module while loading

    last = workflow_state.current_task_state
    if last is None or last.status != TaskState.STATUS_APPROVED:
        raise PermissionDenied(gettext("The workflow has no approved task to publish from."))
    approved = workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
    tasks = set(workflow_state.workflow.tasks.filter(active=True).values_list("pk", flat=True))
    counted = set(approved.filter(revision_id=last.revision_id).values_list("task_id", flat=True))
    if not tasks <= counted:
        raise PermissionDenied(
            gettext("Not every task approved the same revision: nothing is published.")
        )
    return last.revision


def publish_approved(workflow_state, user=None):
    """Publish exactly the revision every task approved, never a later one. The workflow's
    approval is the authority here: the person who cast the last vote (a Board member, say)
    holds no publish permission of their own, so that nobody in those roles can publish
    around the workflow."""
    revision = approved_revision(workflow_state)
    revision.publish(user=user, skip_permission_checks=True)
