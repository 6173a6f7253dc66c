"""A decision binds to one revision: saving a new one during a workflow starts it again, and
a revision that was submitted to a decision is never rewritten."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Revision, TaskState, WorkflowState


def keep_decided_revisions(sender, instance, raw=False, update_fields=None, **kwargs):
    """Refuse to rewrite a revision that a workflow step decides or decided on (Wagtail's
    "overwrite revision", as autosave does): what was decided stays on record. Saving only
    named fields (a frozen edition, a go-live date) is not a rewrite of its content."""
    if raw or instance.pk is None or update_fields is not None:
        return
    if TaskState.objects.filter(revision_id=instance.pk).exists():
        raise PermissionDenied(
            gettext(
                "This revision was submitted for a decision and is kept as it is: save your "
                "changes as a new revision."
            )
        )


def restart_approval_on_new_revision(sender, instance, created, raw=False, **kwargs):
    """When a revision is saved for content whose workflow is under way on an older
    revision, cancel the task under way: the workflow starts again from its first task for
    the new revision (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT), and no earlier approval
    or vote counts for it."""
    if not created or raw:
        return
    workflow_state = (
        WorkflowState.objects.filter(
            base_content_type_id=instance.base_content_type_id,
            object_id=instance.object_id,
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state")
        .first()
    )
    current = workflow_state.current_task_state if workflow_state else None
    if not current or current.status != TaskState.STATUS_IN_PROGRESS:
        return
    if current.revision_id == instance.pk:
        return
    # save_revision() points the content at its new revision only after saving it: do it
    # now, so that the restarted workflow starts on the new revision.
    content = instance.content_object
    type(content).objects.filter(pk=content.pk).update(latest_revision=instance)
    log(
        instance=instance.as_object(),
        action="iisg.workflow.restarted",
        user=instance.user,
        data={"task": current.task.name, "superseded_revision": current.revision_id},
        revision=instance,
    )
    current.specific.cancel(
        user=instance.user,
        comment="A new revision was saved: the approval starts again for it.",
    )


def register_signal_handlers():
    pre_save.connect(keep_decided_revisions, sender=Revision)
    post_save.connect(restart_approval_on_new_revision, sender=Revision)
