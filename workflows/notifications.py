"""Email the people who must act on a task, with a link to the decision in the admin."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.signals import task_submitted


def absolute(path):
    """`path` on the site's configured base URL (WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def decision_link(task_state):
    return absolute(reverse("workflows:decision", args=[task_state.pk]))


def notify(task_state, people, subject, body):
    """Send one email (recipients in blind copy) and record it in the audit log."""
    emails = sorted({person.email for person in people if person.email})
    if not emails:
        return 0
    EmailMessage(subject=subject, body=body, bcc=emails).send()
    log(
        instance=task_state.revision.as_object(),
        action="iisg.notification.sent",
        data={"task": task_state.task.name, "count": len(emails), "subject": subject},
        revision=task_state.revision,
    )
    return len(emails)


def notify_task_started(sender, instance, user=None, **kwargs):
    """When one of our tasks starts, tell the people expected to act on it."""
    task = instance.task.specific
    people_to_notify = getattr(task, "people_to_notify", None)
    if people_to_notify is None:
        return
    title = str(instance.revision.as_object())
    body = (
        f"“{title}” is waiting for you in the task “{task.name}”.\n\n"
        f"{task.action_needed(instance)}\n\n"
        f"Open the decision: {decision_link(instance)}\n\nIISG Secretariat"
    )
    people = list(people_to_notify(instance))
    transaction.on_commit(
        lambda: notify(instance, people, f"IISG: your decision on “{title}”", body)
    )


def register_signal_handlers():
    task_submitted.connect(notify_task_started)
