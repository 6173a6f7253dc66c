"""What follows a membership decision: the member is created or the rejection kept, and the
applicant is told."""

from django.db import transaction
from wagtail.signals import workflow_approved, workflow_rejected

from .models import MembershipApplication


def application_of(workflow_state):
    obj = workflow_state.content_object
    return obj if isinstance(obj, MembershipApplication) else None


def on_membership_approved(sender, instance, user=None, **kwargs):
    application = application_of(instance)
    if application is None:
        return
    accepted = application.accept(user=user, reason=instance.current_task_state.comment)
    if accepted is not None:  # the applicant was told of the first acceptance
        transaction.on_commit(application.tell_applicant)


def on_membership_rejected(sender, instance, user=None, **kwargs):
    """A rejection is the decision: keep it with its reason and close the workflow."""
    application = application_of(instance)
    if application is None:
        return
    rejected = application.reject(user=user, reason=instance.current_task_state.comment)
    instance.cancel(user=user)
    if rejected:
        transaction.on_commit(application.tell_applicant)


def register_signal_handlers():
    workflow_approved.connect(on_membership_approved)
    workflow_rejected.connect(on_membership_rejected)
