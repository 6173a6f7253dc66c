"""Failure injection: an error in the middle of a multi-row write of the secure database
leaves nothing of it written. Each test lets the write go part of the way, then fails it."""

import pytest
from django.db.models import Max
from wagtail.models import ModelLogEntry, Revision

from needs_snippets.consultation import applying, history, service
from needs_snippets.models import (
    FocalPoint,
    Member,
    MembershipApplication,
    Need,
    TemplateImport,
)
from needs_snippets.models.cycles import Phase
from tests.factories import PillarFactory
from tests.membership import apply

pytestmark = pytest.mark.django_db


class Injected(RuntimeError):
    """The failure the tests inject."""


def fail_on_call(monkeypatch, target, name, call):
    """Make `target.name` fail on its `call`-th call (the earlier ones run for real)."""
    real = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            raise Injected(f"{name} failed on call {call}")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)
    return calls


def snapshot():
    """What the writes below could change, row by row."""
    return {
        "needs": list(Need.objects.order_by("pk").values()),
        "revisions": Revision.objects.aggregate(last=Max("pk")),
        "log": ModelLogEntry.objects.count(),
        "members": list(Member.objects.order_by("pk").values()),
        "focal_points": FocalPoint.objects.count(),
        "applications": list(MembershipApplication.objects.order_by("pk").values()),
    }


@pytest.mark.parametrize(
    "target, name, call",
    [
        (applying, "_write_need", 3),  # two entries built, the third fails
        (applying, "_save_sources", 1),  # the needs and their partner links are written
        (history, "record", 1),  # every row is written, not yet its revision and history
    ],
    ids=["building", "writing", "recording"],
)
def test_an_import_failing_half_way_writes_nothing(
    checked_import, monkeypatch, django_capture_on_commit_callbacks, target, name, call
):
    assert (
        checked_import.report["counts"]["create"] + checked_import.report["counts"]["update"] == 3
    )
    before = snapshot()
    calls = fail_on_call(monkeypatch, target, name, call)
    with django_capture_on_commit_callbacks(execute=True):
        service.confirm(checked_import, checked_import.uploaded_by)
    assert len(calls) == call
    assert snapshot() == before
    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.FAILED
    assert "nothing was written" in checked_import.failure_reason


def test_adopting_needs_failing_half_way_leaves_the_cycle_and_needs_as_they_were(
    cycle_data, monkeypatch
):
    cycle = cycle_data["cycle"]
    cycle.enter_board_approval()
    before = snapshot()
    from needs_snippets.models import cycles

    # The needs are approved, then recording the move fails.
    fail_on_call(monkeypatch, cycles, "log", 1)
    with pytest.raises(Injected):
        cycle.enter_database_input([need.pk for need in cycle_data["needs"].values()])
    assert snapshot() == before
    cycle.refresh_from_db()
    assert cycle.current_phase == Phase.APPROVAL and cycle.board_decision_since is not None
    assert cycle.phases.get(phase=Phase.APPROVAL).actual_end is None


def test_entering_the_boards_vote_failing_half_way_moves_nothing(cycle_data, monkeypatch):
    cycle = cycle_data["cycle"]
    phases = list(cycle.phases.order_by("phase").values())
    from needs_snippets.models import cycles

    fail_on_call(monkeypatch, cycles, "log", 1)
    with pytest.raises(Injected):
        cycle.enter_board_approval()
    cycle.refresh_from_db()
    assert cycle.board_decision_since is None and cycle.current_phase != Phase.APPROVAL
    assert list(cycle.phases.order_by("phase").values()) == phases


def test_accepting_a_member_failing_half_way_makes_no_member(monkeypatch):
    for code in ("WBCTi", "WBCSCi", "WBBSi"):
        PillarFactory(code=code)
    application = apply()
    before = snapshot()
    # The member and its focal points are made, then settling its basis fails.
    fail_on_call(monkeypatch, Member, "refresh_membership_basis", 1)
    with pytest.raises(Injected):
        application.accept(reason="Unanimity of the Board")
    assert snapshot() == before
    application.refresh_from_db()
    assert application.member_id is None
    assert application.status == MembershipApplication.Status.SUBMITTED
