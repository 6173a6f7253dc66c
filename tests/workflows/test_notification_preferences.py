"""People choose which of IISG Hub's e-mails they receive, in their account settings (Wagtail's
notification preferences, offered in IISG Hub's terms); e-mails a decision requires (vote
requests, reminders, deadlines) reach everyone concerned whatever they chose."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from wagtail.users.models import UserProfile

from cms.letters import OUTCOMES, REVIEW_REQUESTS, send_to_people
from tests.factories import UserFactory
from tests.workflow_steps import act_on_need, submit
from workflows.models import SilentProcedureTask, SupportGroupReviewTask, UnanimousApprovalTask

pytestmark = pytest.mark.django_db

PANEL = "iisg_notifications"
ALL_OFF = {
    "submitted_notifications": False,
    "approved_notifications": False,
    "rejected_notifications": False,
    "updated_comments_notifications": False,
}


def turn_off(user, **preferences):
    UserProfile.objects.update_or_create(user=user, defaults=preferences)


def account_form(client):
    """What /admin/account/ would post as the browser shows it: every panel's fields."""
    html = BeautifulSoup(client.get("/admin/account/").content, "html.parser")
    form = html.find("input", attrs={"name": f"{PANEL}-approved_notifications"}).find_parent("form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name, kind = field.get("name"), field.get("type")
        if not name or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def test_a_member_turns_off_an_e_mail_in_their_account_settings(client):
    member = UserFactory(
        username="member", first_name="Ana", last_name="Horvat", groups=["Members"]
    )
    client.force_login(member)
    page = client.get("/admin/account/").content.decode()
    assert "E-mails from IISG Hub" in page
    always_sent = "Votes, reminders and deadlines that a decision requires are always sent."
    notes = BeautifulSoup(page, "html.parser").select(".help-block.help-info")
    # Wagtail's information note, with its icon
    assert any(always_sent in n.text and n.select_one("svg.icon-help") for n in notes)
    labels = ["Requests to review", "Publications and confirmations", "Disputes", "Answers to your"]
    for label in labels:
        assert label in page
    data = account_form(client)
    assert data[f"{PANEL}-approved_notifications"] == "on"  # on until turned off
    del data[f"{PANEL}-approved_notifications"]
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    profile = UserProfile.objects.get(user=member)
    assert not profile.approved_notifications
    assert profile.rejected_notifications and profile.updated_comments_notifications


def test_editors_keep_wagtails_own_switches_and_see_no_second_copy(client):
    editor = UserFactory(username="editor", groups=["Secretariat"])
    client.force_login(editor)
    page = client.get("/admin/account/").content.decode()
    assert 'name="notifications-approved_notifications"' in page  # Wagtail's own panel
    assert f'name="{PANEL}-approved_notifications"' not in page


def test_a_review_request_follows_the_preference_a_vote_request_does_not(
    people, mails_to, django_capture_on_commit_callbacks
):
    second_reviewer = UserFactory(username="reviewer2", groups=[people["review_group"].name])
    turn_off(people["reviewer"], **{REVIEW_REQUESTS: False})
    turn_off(people["board"][0], **ALL_OFF)
    review = SupportGroupReviewTask.objects.create(name="Support Group review")
    board = UnanimousApprovalTask.objects.create(name="Board", group=people["board_group"])
    with django_capture_on_commit_callbacks(execute=True):
        need = submit([review, board], people)
    assert not mails_to(people["reviewer"])
    assert len(mails_to(second_reviewer)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        act_on_need(need, second_reviewer, "approve")
    for member in people["board"]:  # the one who turned everything off included
        assert len(mails_to(member)) == 1, member


def test_reminders_and_deadlines_reach_those_who_turned_everything_off(people, mailoutbox):
    turn_off(people["board"][0], **ALL_OFF)
    task = SilentProcedureTask.objects.create(
        name="Silent", group=people["board_group"], working_days=10
    )
    state = submit([task], people).current_workflow_task_state.specific
    assert state.remind_if_due(now=state.deadline - timedelta(hours=20))
    [reminder] = [m for m in mailoutbox if m.subject.endswith("ends tomorrow")]
    assert people["board"][0].email in reminder.bcc


def test_a_preference_leaves_out_only_those_who_turned_it_off(mailoutbox):
    no_profile = UserFactory(username="new")  # Wagtail's default: on
    on = UserFactory(username="on")
    off = UserFactory(username="off")
    turn_off(on, **{OUTCOMES: True})
    turn_off(off, **{OUTCOMES: False})

    def compose():
        return "Subject", "Body"

    assert send_to_people([no_profile, on, off], compose, OUTCOMES) == 2
    assert mailoutbox[-1].bcc == sorted([no_profile.email, on.email])
    assert send_to_people([no_profile, on, off], compose) == 3  # procedural
