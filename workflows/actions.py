"""What happens when a workflow is approved (setting WAGTAIL_FINISH_WORKFLOW_ACTION)."""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision. The workflow's approval is the authority here: the person
    who cast the last vote (a Board member, say) holds no publish permission of their own, so
    that nobody in those roles can publish around the workflow."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
