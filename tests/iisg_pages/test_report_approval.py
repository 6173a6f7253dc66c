"""The report approval journey through the admin's workflow URLs, as the people involved."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from iisg_pages.models import ReportPage
from iisg_pages.workflow_setup import ensure_report_workflow
from needs_snippets.models.cycles import Phase
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval(site_tree):
    for code in ("WBCTi", "WBCSCi"):
        pillar = site_tree["pillars"][code]
        pillar.support_group = Group.objects.get(name=f"Support Group {code}")
        pillar.save()
    ensure_report_workflow(site_tree["reports"])
    people = {
        "secretariat": UserFactory(username="sec", groups=["Secretariat"]),
        "cti": UserFactory(username="cti", groups=["Support Group WBCTi"]),
        "csci": UserFactory(username="csci", groups=["Support Group WBCSCi"]),
        "board": [UserFactory(username=f"board{i}", groups=["Board"]) for i in range(7)],
        "member": UserFactory(username="member", groups=["Members"]),
    }
    return site_tree["report"], people


def task_state(report):
    return WorkflowState.objects.get(status="in_progress").current_task_state


def act(client, user, report, action, comment=None):
    client.force_login(user)
    state = task_state(report)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, action, state.pk])
    data = {"comment": comment} if comment is not None else {}
    return client.post(url, data)


def test_nobody_publishes_a_report_directly(approval):
    report, people = approval
    for user in [people["secretariat"], people["board"][0]]:
        assert not report.permissions_for_user(user).can_publish()
    assert report.permissions_for_user(people["secretariat"]).can_submit_for_moderation()


def test_review_then_unanimous_board_publishes_the_report(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])

    act(client, people["cti"], report, "approve")
    assert task_state(report).task.name == "Support Group review"  # WBCSCi still to approve
    act(client, people["csci"], report, "approve")
    assert task_state(report).task.name == "Board approval by unanimity"

    for member in people["board"]:
        response = act(client, member, report, "approve")
        assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.live
    assert report.edition_snapshot is not None  # the approved edition is frozen

    client.logout()
    assert client.get(report.url).status_code == 200


def test_approval_puts_the_needs_into_the_secure_database(
    client, approval, mailoutbox, django_capture_on_commit_callbacks
):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        for reviewer in [people["cti"], people["csci"], *people["board"]]:
            act(client, reviewer, report, "approve")
    cycle = report.cycle
    cycle.refresh_from_db()
    assert cycle.current_phase == Phase.DATABASE_INPUT
    assert set(cycle.needs.values_list("status", flat=True)) == {"approved"}

    need = cycle.needs.first()
    client.force_login(people["secretariat"])
    edit = client.get(reverse(need.snippet_viewset.get_url_name("edit"), args=[need.pk]))
    assert edit.status_code == 302 and "/inspect/" in edit["Location"]
    delete = client.get(reverse(need.snippet_viewset.get_url_name("delete"), args=[need.pk]))
    assert delete.status_code == 302 and "/inspect/" in delete["Location"]
    need.title = "Changed after approval"
    with pytest.raises(ValidationError, match="read-only"):
        need.full_clean()

    [announcement] = [mail for mail in mailoutbox if mail.subject.endswith("is approved")]
    assert "member@example.org" in announcement.bcc
    assert report.url in announcement.body


def test_the_workflow_history_shows_who_has_voted_and_who_has_not(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    for reviewer in [people["cti"], people["csci"], *people["board"][:2]]:
        act(client, reviewer, report, "approve")
    client.force_login(people["secretariat"])
    workflow_state = WorkflowState.objects.get()
    url = reverse("wagtailadmin_pages:workflow_history_detail", args=[report.pk, workflow_state.pk])
    content = client.get(url).content.decode()
    assert "Approved by 2: board0, board1." in content
    assert "Not yet voted: board2, board3, board4, board5, board6." in content


def test_a_request_for_changes_returns_the_report(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    act(client, people["cti"], report, "approve")
    act(client, people["csci"], report, "approve")
    act(client, people["board"][0], report, "approve")
    act(client, people["board"][1], report, "reject", comment="Add the Serbian strategy.")
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    report.refresh_from_db()
    assert not report.live


def test_people_outside_the_task_cannot_act_even_by_posting(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    for outsider in [people["member"], people["board"][0], people["secretariat"]]:
        response = act(client, outsider, report, "approve")
        assert response.status_code in (302, 403)
    state = task_state(report)
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert state.ballots.count() == 0
    assert not ReportPage.objects.get(pk=report.pk).live
