"""The report approval journey through the admin's workflow URLs, as the people involved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from iisg_pages.models import ReportPage
from needs_snippets.models.cycles import Phase
from tests.workflow_steps import act_through_admin, task_state

pytestmark = pytest.mark.django_db


def test_nobody_publishes_a_report_directly(approval):
    report, people = approval
    for user in [people["secretariat"], people["board"][0]]:
        assert not report.permissions_for_user(user).can_publish()
    assert report.permissions_for_user(people["secretariat"]).can_submit_for_moderation()


def test_review_then_unanimous_board_publishes_the_report(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])

    act_through_admin(client, people["cti"], report, "approve")
    assert task_state(report).task.name == "Support Group review"  # WBCSCi still to approve
    act_through_admin(client, people["csci"], report, "approve")
    assert task_state(report).task.name == "Board approval by unanimity"

    for member in people["board"]:
        response = act_through_admin(client, member, report, "approve")
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
            act_through_admin(client, reviewer, report, "approve")
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

    [announcement] = [mail for mail in mailoutbox if mail.subject.endswith("is published")]
    assert "member@example.org" in announcement.bcc
    assert report.url in announcement.body


def test_the_workflow_history_shows_who_has_voted_and_who_has_not(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    for reviewer in [people["cti"], people["csci"], *people["board"][:2]]:
        act_through_admin(client, reviewer, report, "approve")
    client.force_login(people["secretariat"])
    workflow_state = WorkflowState.objects.get()
    url = reverse("wagtailadmin_pages:workflow_history_detail", args=[report.pk, workflow_state.pk])
    content = client.get(url).content.decode()
    assert "Approved by 2 of 7 seats: Albania, Bosnia and Herzegovina." in content
    assert "Not yet voted: Kosovo*, Montenegro, North Macedonia, Serbia, European Commission." in (
        content
    )


def test_a_request_for_changes_returns_the_report(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    act_through_admin(client, people["cti"], report, "approve")
    act_through_admin(client, people["csci"], report, "approve")
    act_through_admin(client, people["board"][0], report, "approve")
    act_through_admin(
        client, people["board"][1], report, "reject", comment="Add the Serbian strategy."
    )
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    report.refresh_from_db()
    assert not report.live


def test_people_outside_the_task_cannot_act_even_by_posting(client, approval):
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    for outsider in [people["member"], people["board"][0], people["secretariat"]]:
        response = act_through_admin(client, outsider, report, "approve")
        assert response.status_code in (302, 403)
    state = task_state(report)
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert state.ballots.count() == 0
    assert not ReportPage.objects.get(pk=report.pk).live
