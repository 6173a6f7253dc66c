"""Decisions counted by seat: the silent procedure's objections, vacant seats, the generic
protocol of content that names its seats."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from wagtail.models import TaskState, WorkflowState

from needs_snippets.models import Need
from tests.factories import UserFactory, board_seats
from tests.workflow_steps import act_on_need, submit
from workflows.models import Ballot, SilentProcedureTask, UnanimousApprovalTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(monkeypatch):
    """Needs decided by the Board's seven seats (as reports and applications are)."""
    seats = board_seats()
    monkeypatch.setattr(
        Need, "get_decision_seats", lambda self: list(seats.values()), raising=False
    )
    return seats


def holder(seats, code):
    return seats[code].active_holders().get()


def test_a_silent_procedure_cannot_start_while_a_seat_is_vacant(people, seated):
    seated["RS"].holders.update(end=timezone.localdate() - timedelta(days=1))
    task = SilentProcedureTask.objects.create(name="Silent", group=people["board_group"])
    need = submit([task], people)
    workflow_state = WorkflowState.objects.get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    state = TaskState.objects.get()
    assert state.status == TaskState.STATUS_REJECTED
    assert "seat is vacant: Serbia" in state.comment
    assert not need.live


def test_the_vacant_seat_notice_is_in_the_language_of_the_one_who_submitted(people, seated):
    seated["RS"].holders.update(end=timezone.localdate() - timedelta(days=1))
    task = SilentProcedureTask.objects.create(name="Silent", group=people["board_group"])
    with translation.override("sq"):
        submit([task], people)
    assert "Procedura e heshtur nuk mund të nisë" in TaskState.objects.get().comment


def test_any_holder_objects_for_the_seat(people, seated):
    task = SilentProcedureTask.objects.create(name="Silent", group=people["board_group"])
    need = submit([task], people)
    with pytest.raises(PermissionDenied):  # in the Board group, but holding no seat
        act_on_need(need, people["board"][0], "reject", comment="No.")
    act_on_need(need, holder(seated, "ME"), "reject", comment="Montenegro objects.")
    ballot = Ballot.objects.get()
    assert (ballot.seat_label, ballot.decision) == ("Montenegro", "object")
    assert TaskState.objects.get().status == TaskState.STATUS_REJECTED


def test_seats_are_told_and_reminded_the_day_before(people, seated, mailoutbox):
    task = SilentProcedureTask.objects.create(name="Silent", group=people["board_group"])
    need = submit([task], people)
    state = need.current_workflow_task_state.specific
    assert state.remind_if_due(now=state.deadline - timedelta(hours=20))
    [reminder] = [m for m in mailoutbox if m.subject.endswith("ends tomorrow")]
    assert set(reminder.bcc) == {holder(seated, code).email for code in seated}


def test_unanimity_with_no_seats_never_passes(people, monkeypatch):
    monkeypatch.setattr(Need, "get_decision_seats", lambda self: [], raising=False)
    task = UnanimousApprovalTask.objects.create(name="Board", group=people["board_group"])
    need = submit([task], people)
    with pytest.raises(PermissionDenied):
        act_on_need(need, people["board"][0], "approve")
    assert need.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_person_holding_no_seat_is_not_awaited(people, seated):
    task = UnanimousApprovalTask.objects.create(name="Board", group=people["board_group"])
    submit([task], people)
    outsider = UserFactory(username="observer", groups=["Board"])
    assert task.get_task_states_user_can_moderate(outsider).count() == 0
    assert task.get_task_states_user_can_moderate(holder(seated, "AL")).count() == 1
