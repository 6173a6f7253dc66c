"""The Board's decision is the record: seats vote on one revision, and exactly that revision
is published with the figures frozen when the vote started."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from iisg_pages.models import ReportPage
from needs_snippets.models import BoardSeatHolder, Need
from needs_snippets.models.cycles import CyclePhase, Phase
from tests.factories import UserFactory
from tests.workflow_steps import act_through_admin, task_state, to_the_board
from workflows.models import Ballot, UnanimousApprovalTaskState

pytestmark = pytest.mark.django_db


def edit_report(report, user, title):
    """The Secretariat saves a new revision of the report (as its editor does)."""
    draft = report.get_latest_revision_as_object()
    draft.title = title
    return draft.save_revision(user=user)


def test_a_mid_vote_edit_restarts_the_vote_and_only_the_approved_revision_is_published(
    client, approval
):
    report, people = approval
    board_state = to_the_board(client, report, people)
    voted_on = board_state.revision_id
    for member in people["board"][:3]:
        act_through_admin(client, member, report, "approve")

    edited = edit_report(report, people["secretariat"], "Report with a late edit")

    board_state.refresh_from_db()
    assert board_state.status == TaskState.STATUS_CANCELLED
    restarted = task_state(report)
    assert restarted.task.name == "Support Group review"  # the approval starts again
    assert restarted.revision_id == edited.pk
    assert PageLogEntry.objects.filter(action="iisg.workflow.restarted").exists()

    # The remaining votes on the old revision no longer count.
    client.force_login(people["board"][3])
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", voted_on])
    client.post(url, {})
    assert not Ballot.objects.filter(user=people["board"][3]).exists()

    act_through_admin(client, people["cti"], report, "approve")
    act_through_admin(client, people["csci"], report, "approve")
    new_vote = task_state(report)
    assert new_vote.revision_id == edited.pk
    assert new_vote.ballots.count() == 0  # no earlier vote counts for the new revision
    for member in people["board"]:
        act_through_admin(client, member, report, "approve")
    report.refresh_from_db()
    assert report.live and report.live_revision_id == edited.pk
    assert report.title == "Report with a late edit"
    assert set(
        Ballot.objects.filter(task_state=new_vote).values_list("revision_id", flat=True)
    ) == {edited.pk}


def test_what_is_published_is_the_revision_the_seats_approved_not_a_later_draft(client, approval):
    report, people = approval
    board_state = to_the_board(client, report, people)
    for member in people["board"]:
        act_through_admin(client, member, report, "approve")
    edit_report(report, people["secretariat"], "A draft after adoption")
    report.refresh_from_db()
    assert report.live_revision_id == board_state.revision_id
    assert report.title == "Biennial Needs Mapping Report 2021–2022"


def test_nobody_edits_the_report_during_the_vote_and_voters_never_edit(client, approval):
    report, people = approval
    to_the_board(client, report, people)
    edit_url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    for voter in [people["board"][0], people["cti"]]:
        client.force_login(voter)
        response = client.get(edit_url)
        assert response.status_code in (302, 403)
    assert report.get_lock().for_user(people["secretariat"])


def test_voters_see_their_vote_number_and_land_on_a_confirmation(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    for member in people["board"][:2]:
        act_through_admin(client, member, report, "approve")
    third = people["board"][2]
    task = state.task.specific
    labels = [str(label) for _name, label, _modal in task.get_actions(report, third)]
    assert labels == ["Approve (vote 3 of 7)", "Request changes"]

    response = act_through_admin(client, third, report, "approve", comment="Agreed for Kosovo*.")
    decision_url = reverse("workflows:decision", args=[state.pk])
    assert response.status_code == 302 and response["Location"] == decision_url
    page = client.get(decision_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your approval is recorded for Kosovo*: 3 of 7 have approved this revision." in text
    assert "Agreed for Kosovo*." in text
    assert f"Revision {state.revision_id}" in text


def test_the_decision_page_is_refused_to_people_outside_the_decision(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    client.force_login(people["member"])
    assert client.get(reverse("workflows:decision", args=[state.pk])).status_code == 403
    assert client.get(reverse("workflows:record", args=[state.pk])).status_code == 403


def test_voting_from_the_decision_page(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    client.force_login(people["board"][0])
    url = reverse("workflows:decision", args=[state.pk])
    assert "Approve (vote 1 of 7)" in client.get(url).content.decode()
    refused = client.post(url, {"action": "reject", "comment": ""})
    assert refused.status_code == 200 and "Say what must change" in refused.content.decode()
    assert not state.ballots.exists()
    client.post(url, {"action": "approve", "comment": ""})
    assert state.ballots.get().seat_label == "Albania"


def test_a_vacant_seat_blocks_and_the_page_says_which(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    seat = people["seats"]["ME"]
    seat.holders.update(end=timezone.localdate() - timedelta(days=1))
    for member in people["board"]:
        if member.username != "board3":
            act_through_admin(client, member, report, "approve")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    report.refresh_from_db()
    assert not report.live
    client.force_login(people["secretariat"])
    text = client.get(reverse("workflows:decision", args=[state.pk])).content.decode()
    assert "Vacant: this seat blocks the decision until it is filled" in text
    assert "Vacant, so the vote cannot complete: Montenegro." in state.specific.get_comment()


def test_a_deputy_votes_for_the_seat_once_and_an_extra_account_gives_no_vote(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    deputy = UserFactory(username="deputy-al", groups=["Board"])
    BoardSeatHolder.objects.create(
        seat=people["seats"]["AL"], user=deputy, role="deputy", start=date(2024, 1, 1)
    )
    extra = UserFactory(username="second-al", groups=["Board"])  # in the group, no seat
    act_through_admin(client, deputy, report, "approve")
    act_through_admin(client, people["board"][0], report, "approve")  # the titular of the same seat
    act_through_admin(client, extra, report, "approve")
    assert [b.seat_label for b in state.ballots.all()] == ["Albania"]
    assert state.ballots.get().user == deputy


def test_a_seat_keeps_its_vote_when_its_holder_changes(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    act_through_admin(client, people["board"][0], report, "approve")
    people["seats"]["AL"].holders.update(end=timezone.localdate() - timedelta(days=1))
    successor = UserFactory(username="new-al", groups=["Board"])
    BoardSeatHolder.objects.create(seat=people["seats"]["AL"], user=successor)
    act_through_admin(client, successor, report, "approve")
    for member in people["board"][1:]:
        act_through_admin(client, member, report, "approve")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.ballots.filter(seat_label="Albania").get().user == people["board"][0]


def test_the_edition_is_frozen_when_the_vote_starts_and_needs_are_locked(client, approval):
    report, people = approval
    cycle = report.cycle
    today = timezone.localdate()
    for phase in Phase:
        CyclePhase.objects.create(
            cycle=cycle,
            phase=phase, planned_start=today - timedelta(days=30), planned_end=today,
            actual_start=today - timedelta(days=30) if phase < Phase.APPROVAL else None,
        )  # fmt: skip
    state = to_the_board(client, report, people)
    cycle.refresh_from_db()
    assert cycle.board_decision_since is not None
    assert cycle.current_phase == Phase.APPROVAL
    state.revision.refresh_from_db()
    frozen = state.revision.content["edition_snapshot"]
    assert {row["code"] for row in frozen["needs"]} == set(
        cycle.needs.values_list("reference_code", flat=True)
    )

    need = Need.objects.get(reference_code="WBCTi-PRE-LEG-01")
    client.force_login(people["secretariat"])
    edit_url = reverse(need.snippet_viewset.get_url_name("edit"), args=[need.pk])
    page = client.get(edit_url)
    assert "The Board is voting on the report of this need" in page.content.decode()
    client.post(edit_url, {"title": "Changed during the vote"})
    need.refresh_from_db()
    assert need.title == "CVE strategy renewal"

    # A need published meanwhile (outside the admin) is not in the adopted edition.
    Need.objects.filter(pk=need.pk).update(title="Changed outside the admin")
    for member in people["board"]:
        act_through_admin(client, member, report, "approve")
    report.refresh_from_db()
    assert report.edition_snapshot == frozen
    titles = {row["title"] for row in report.edition_snapshot["needs"]}
    assert "CVE strategy renewal" in titles and "Changed outside the admin" not in titles
    cycle.refresh_from_db()
    assert cycle.board_decision_since is None
    assert cycle.current_phase == Phase.DATABASE_INPUT
    approval_phase = cycle.phases.get(phase=Phase.APPROVAL)
    assert (approval_phase.actual_start, approval_phase.actual_end) == (today, today)
    assert cycle.phases.get(phase=Phase.FORMULATION).actual_end == today
    assert cycle.phases.get(phase=Phase.DATABASE_INPUT).actual_start == today


def test_the_edition_is_frozen_in_english_whatever_the_reviewers_language(client, approval):
    """The adopted English edition is the authoritative text: a reviewer whose admin speaks
    Albanian starts the vote, and its needs and phases are frozen with their English names."""
    report, people = approval
    CyclePhase.objects.create(
        cycle=report.cycle,
        phase=Phase.FORMULATION,
        planned_start=timezone.localdate(),
        planned_end=timezone.localdate(),
    )
    UserProfile.objects.update_or_create(user=people["csci"], defaults={"preferred_language": "sq"})
    state = to_the_board(client, report, people)
    state.revision.refresh_from_db()
    frozen = state.revision.content["edition_snapshot"]
    assert {row["timeframe"] for row in frozen["needs"]} <= {str(t.label) for t in Need.Timeframe}
    assert [phase["label"] for phase in frozen["phases"]] == ["Formulation"]


def test_a_request_for_changes_unlocks_the_needs(client, approval):
    report, people = approval
    to_the_board(client, report, people)
    act_through_admin(
        client, people["board"][4], report, "reject", comment="Complete North Macedonia."
    )
    report.cycle.refresh_from_db()
    assert report.cycle.board_decision_since is None
    assert Need.objects.first().get_lock() is None


def test_the_secretariat_records_a_meeting_decision_with_its_minutes(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    # the Commission voted in writing
    act_through_admin(client, people["board"][6], report, "approve")
    minutes = get_document_model().objects.create(title="Minutes of the 9th Board meeting")
    present = [people["seats"][code].seat_key for code in ("AL", "BA", "XK", "ME", "MK", "RS")]
    client.force_login(people["secretariat"])
    response = client.post(
        reverse("workflows:record_meeting", args=[state.pk]),
        {
            "seats": present,
            "decision": "approve",
            "meeting": "9th IISG Board meeting, Skopje",
            "minutes": minutes.pk,
            "comment": "",
        },
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    recorded = state.ballots.exclude(meeting="")
    assert recorded.count() == 6
    assert {b.minutes_id for b in recorded} == {minutes.pk}
    assert {b.user for b in recorded} == {people["secretariat"]}
    report.refresh_from_db()
    assert report.live

    record = client.get(reverse("workflows:record", args=[state.pk])).content.decode()
    assert "recorded for the seat at 9th IISG Board meeting, Skopje" in record
    assert "Minutes of the 9th Board meeting" in record


def test_the_secretariat_is_told_every_seat_it_recorded_at_a_meeting(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    client.force_login(people["secretariat"])
    present = [people["seats"][code].seat_key for code in ("ME", "MK")]
    minutes = get_document_model().objects.create(title="Minutes of the 10th Board meeting")
    answer = client.post(
        reverse("workflows:record_meeting", args=[state.pk]),
        {"seats": present, "decision": "approve", "meeting": "10th IISG Board meeting",
         "minutes": minutes.pk, "comment": ""},
        follow=True,
    )  # fmt: skip
    text = answer.content.decode()
    assert "Your approval is recorded for Montenegro, North Macedonia: 2 of 7" in text


def test_only_the_secretariat_records_meeting_decisions(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    client.force_login(people["board"][0])
    response = client.post(
        reverse("workflows:record_meeting", args=[state.pk]),
        {"seats": [people["seats"]["AL"].seat_key], "decision": "approve", "meeting": "x"},
    )
    assert response.status_code == 403
    assert not state.ballots.exists()


def test_seats_that_have_not_voted_are_reminded_after_five_days(client, approval, mailoutbox):
    report, people = approval
    state = to_the_board(client, report, people).specific
    act_through_admin(client, people["board"][0], report, "approve")
    mailoutbox.clear()
    assert not state.remind_if_due(now=state.started_at + timedelta(days=4))
    assert state.remind_if_due(now=state.started_at + timedelta(days=5, minutes=1))
    [reminder] = mailoutbox
    assert people["board"][1].email in reminder.bcc
    assert people["board"][0].email not in reminder.bcc  # Albania has voted
    assert not UnanimousApprovalTaskState.objects.get(pk=state.pk).remind_if_due(
        now=state.started_at + timedelta(days=6)
    )


def test_emails_link_to_the_decision_on_the_configured_site(
    client, approval, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://iisg.example.org"
    report, people = approval
    with django_capture_on_commit_callbacks(execute=True):
        state = to_the_board(client, report, people)
    [to_board] = [m for m in mailoutbox if people["board"][0].email in m.bcc]
    assert f"https://iisg.example.org/admin/decisions/{state.pk}/" in to_board.body
    assert "localhost" not in to_board.body


def test_submitting_is_the_secretariats_primary_action_on_a_draft_report(client, approval):
    report, people = approval
    client.force_login(people["secretariat"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[report.pk])).content.decode()
    footer = html[html.index("footer") :]
    assert footer.index("Submit to Biennial report approval") < footer.index("Save draft")


def test_the_workflow_state_names_the_approved_revision(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    for member in people["board"]:
        act_through_admin(client, member, report, "approve")
    workflow_state = WorkflowState.objects.get(pk=state.workflow_state_id)
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert {b.revision_id for b in Ballot.objects.all()} == {state.revision_id}


def test_the_approval_form_warns_when_the_revision_carries_a_go_live_date(client, approval):
    report, people = approval
    draft = report.get_latest_revision_as_object()
    draft.go_live_at = timezone.now() + timedelta(days=10)
    draft.save_revision(user=people["secretariat"])
    state = to_the_board(client, report, people)
    client.force_login(people["board"][0])
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, "approve", state.pk])
    modal = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert modal.status_code == 200
    assert "carries a go-live date" in modal.json()["html"]
    page = client.get(reverse("workflows:decision", args=[state.pk])).content.decode()
    assert "carries a go-live date" in page


def test_the_dashboard_lists_the_vote_with_the_seats_actions(client, approval):
    report, people = approval
    to_the_board(client, report, people)
    client.force_login(people["board"][1])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert report.title in dashboard
    assert "Approve (vote 1 of 7)" in dashboard
    client.force_login(people["cti"])  # the review is over for the Support Groups
    assert "Approve (vote" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_periodic_jobs_remind_the_seats(client, approval, mailoutbox):
    from iisg_pages.periodic import get_periodic_jobs

    report, people = approval
    state = to_the_board(client, report, people)
    TaskState.objects.filter(pk=state.pk).update(started_at=timezone.now() - timedelta(days=6))
    mailoutbox.clear()
    [job] = [job for job in get_periodic_jobs() if job.name == "remind_pending_votes"]
    job.run()
    [reminder] = mailoutbox
    assert reminder.subject.startswith("IISG reminder: your seat has not yet voted")
    assert len(reminder.bcc) == 7


def test_a_revision_under_decision_is_never_rewritten(client, approval):
    from django.core.exceptions import PermissionDenied

    report, people = approval
    state = to_the_board(client, report, people)
    draft = report.get_latest_revision_as_object()
    draft.title = "Rewritten in place"
    with pytest.raises(PermissionDenied):
        draft.save_revision(user=state.revision.user, overwrite_revision=state.revision)
    state.revision.refresh_from_db()
    assert state.revision.content["title"] == "Biennial Needs Mapping Report 2021–2022"


def test_an_adopted_edition_is_not_deleted_even_from_a_shell(client, approval):
    from django.core.exceptions import PermissionDenied

    report, people = approval
    to_the_board(client, report, people)
    for member in people["board"]:
        act_through_admin(client, member, report, "approve")
    with pytest.raises(PermissionDenied, match="changed only by the Board"), transaction.atomic():
        ReportPage.objects.get(pk=report.pk).delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        report.get_parent().delete()  # the index, and the edition with it
    assert ReportPage.objects.get(pk=report.pk).live


def test_a_voter_reads_the_revision_with_the_figures_frozen_for_the_vote(client, approval):
    report, people = approval
    state = to_the_board(client, report, people)
    Need.objects.filter(reference_code="WBCTi-PRE-LEG-01").update(title="Changed in the database")
    client.force_login(people["board"][2])
    page = client.get(reverse("workflows:revision", args=[state.pk])).content.decode()
    assert "The revision under decision" in page
    assert "CVE strategy renewal" in page and "Changed in the database" not in page
    client.force_login(people["member"])
    assert client.get(reverse("workflows:revision", args=[state.pk])).status_code == 403


def test_an_adoption_failing_half_way_publishes_and_approves_nothing(client, approval, monkeypatch):
    """The last seat's vote publishes the report and approves its needs; an error after the
    page went live leaves the report unpublished, the needs proposed and the vote open."""
    from needs_snippets.models import cycles

    report, people = approval
    to_the_board(client, report, people)
    *first, last = people["board"]
    for member in first:
        act_through_admin(client, member, report, "approve")
    statuses = dict(Need.objects.values_list("pk", "status"))

    def failing_log(*args, action=None, **kwargs):
        if action == "iisg.cycle.database_input":  # after the needs were approved
            raise RuntimeError("injected after the adoption's first writes")
        return real_log(*args, action=action, **kwargs)

    real_log = cycles.log
    monkeypatch.setattr(cycles, "log", failing_log)
    with pytest.raises(RuntimeError, match="injected"):
        act_through_admin(client, last, report, "approve")
    report.refresh_from_db()
    assert not report.live and report.live_revision_id is None
    assert dict(Need.objects.values_list("pk", "status")) == statuses
    assert task_state(report).status == "in_progress"
    assert not Ballot.objects.filter(user=last).exists()
