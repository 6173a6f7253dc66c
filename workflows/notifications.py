"""Email the people who must act on a task, each in their language, with a link to the decision
in the admin."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.signals import task_submitted

from cms.letters import send_to_people


def absolute(path):
    """`path` on the site's configured base URL (WAGTAILADMIN_BASE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def decision_link(task_state):
    return absolute(reverse("workflows:decision", args=[task_state.pk]))


def notify(task_state, people, compose, preference=None):
    """E-mail `people` in blind copy, one message per language they chose (`compose()`
    returns the subject and body in the active language), and record it in the audit log
    with the English subject. `preference`: as cms.letters.send_to_people (None: a notice
    the decision requires)."""
    sent = send_to_people(people, compose, preference)
    if not sent:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, _body = compose()
    log(
        instance=task_state.revision.as_object(),
        action="iisg.notification.sent",
        data={"task": task_state.task.name, "count": sent, "subject": subject},
        revision=task_state.revision,
    )
    return sent


def notify_task_started(sender, instance, user=None, **kwargs):
    """When one of our tasks starts, tell the people expected to act on it."""
    task = instance.task.specific
    people_to_notify = getattr(task, "people_to_notify", None)
    if people_to_notify is None:
        return
    title = str(instance.revision.as_object())

    def compose():
        placeholders = {"title": title, "task": task.name, "link": decision_link(instance)}
        subject = gettext("IISG: your decision on “%(title)s”") % placeholders
        body = "\n\n".join(
            [
                gettext("“%(title)s” is waiting for you in the task “%(task)s”.") % placeholders,
                str(task.action_needed(instance)),
                gettext("Open the decision: %(link)s") % placeholders,
                gettext("IISG Secretariat"),
            ]
        )
        return subject, body

    people = list(people_to_notify(instance))
    preference = getattr(task, "notification_preference", None)  # None: a vote request
    transaction.on_commit(lambda: notify(instance, people, compose, preference))


def register_signal_handlers():
    task_submitted.connect(notify_task_started)
