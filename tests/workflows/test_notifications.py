"""People who must act are told by email, with a link, and the audit log says so."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from tests.factories import UserFactory
from tests.workflow_steps import act_on_need, submit
from workflows.models import SilentProcedureTask, SupportGroupReviewTask, UnanimousApprovalTask

pytestmark = pytest.mark.django_db


def test_reviewers_then_board_members_are_told(
    people,
    mails_to,
    django_capture_on_commit_callbacks,
):
    review = SupportGroupReviewTask.objects.create(name="Support Group review")
    board = UnanimousApprovalTask.objects.create(name="Board", group=people["board_group"])
    with django_capture_on_commit_callbacks(execute=True):
        need = submit([review, board], people)
    [to_reviewer] = mails_to(people["reviewer"])
    assert "Support Group review" in to_reviewer.body
    review_state = need.current_workflow_task_state
    assert f"http://127.0.0.1:8000/admin/decisions/{review_state.pk}/" in to_reviewer.body
    assert not mails_to(people["board"][0])

    with django_capture_on_commit_callbacks(execute=True):
        act_on_need(need, people["reviewer"], "approve")
    [to_board] = mails_to(people["board"][0])
    assert "Every seat must approve this revision" in to_board.body
    assert ModelLogEntry.objects.filter(action="iisg.notification.sent").count() == 2


def test_silent_procedure_reminds_the_day_before_once(
    people,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    task = SilentProcedureTask.objects.create(
        name="Silent", group=people["board_group"], working_days=10
    )
    need = submit([task], people)
    state = need.current_workflow_task_state.specific
    assert not state.remind_if_due(now=state.deadline - timedelta(days=2))
    assert state.remind_if_due(now=state.deadline - timedelta(hours=20))
    assert not state.remind_if_due(now=state.deadline - timedelta(hours=10))  # only once
    [reminder] = [m for m in mailoutbox if m.subject.endswith("ends tomorrow")]
    assert people["board"][0].email in reminder.bcc


def test_people_without_email_are_skipped(people, mailoutbox, django_capture_on_commit_callbacks):
    silent_group = Group.objects.create(name="Nobody reachable")
    UserFactory(username="no-mail", email="", groups=[silent_group.name])
    task = SilentProcedureTask.objects.create(name="Silent", group=silent_group)
    with django_capture_on_commit_callbacks(execute=True):
        submit([task], people)
    assert not [m for m in mailoutbox if m.subject.startswith("IISG: your decision")]


def test_each_person_is_written_to_in_the_language_they_chose(
    people, mailoutbox, mails_to, django_capture_on_commit_callbacks
):
    first, second = people["board"][0], people["board"][1]
    UserProfile.objects.update_or_create(user=first, defaults={"preferred_language": "sq"})
    UserProfile.objects.update_or_create(user=second, defaults={"preferred_language": "mk"})
    board = UnanimousApprovalTask.objects.create(name="Board", group=people["board_group"])
    with django_capture_on_commit_callbacks(execute=True):
        need = submit([board], people)
    [albanian] = mails_to(first)
    [macedonian] = mails_to(second)
    assert albanian is not macedonian
    assert albanian.extra_headers["Content-Language"] == "sq"
    assert macedonian.extra_headers["Content-Language"] == "mk"
    # Written in each language, subject and body, not English under a language's label.
    english = next(m for m in mailoutbox if m.extra_headers["Content-Language"] == "en-gb")
    for mail, language in ((albanian, "sq"), (macedonian, "mk")):
        with translation.override(language):
            salutation = gettext("IISG Secretariat")
            subject = gettext("IISG: your decision on “%(title)s”") % {"title": str(need)}
        assert mail.subject == subject and subject != english.subject
        assert salutation in mail.body and mail.body != english.body
    assert albanian.bcc == [first.email] and macedonian.bcc == [second.email]
    others = [m for m in mailoutbox if m not in (albanian, macedonian)]
    assert all(m.extra_headers["Content-Language"] == "en-gb" for m in others)
    # One audit entry for the notice, whatever the number of languages.
    assert ModelLogEntry.objects.filter(action="iisg.notification.sent").count() == 1
