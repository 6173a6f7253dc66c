"""Failure injection: an error in the middle of a multi-row write of the secure database
leaves nothing of it written. Each test lets the write go part of the way, then fails it."""

import pytest
from django.db.models import Max
from wagtail.models import ModelLogEntry, Revision

from needs_snippets.consultation import applying, history, service
from needs_snippets.iati import imports as iati_imports
from needs_snippets.models import (
    CandidateResponse,
    FocalPoint,
    Measure,
    Member,
    MembershipApplication,
    Need,
    Objective,
    Priority,
    Response,
    ResponseBeneficiary,
    ResponseNeed,
    ResponseParticipant,
    TemplateImport,
    carry_over_hierarchy,
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
        "hierarchy": [
            list(model.objects.order_by("pk").values()) for model in (Priority, Objective, Measure)
        ],
        "responses": list(Response.objects.order_by("pk").values()),
        "response_links": [
            model.objects.count()
            for model in (ResponseNeed, ResponseBeneficiary, ResponseParticipant)
        ],
        "candidates": list(CandidateResponse.objects.order_by("pk").values()),
    }


@pytest.mark.parametrize(
    "target, name, call",
    [
        (applying, "_write_need", 3),  # two entries built, the third fails
        (applying, "_save_sources", 1),  # the needs and their partner links are written
        (history, "record", 1),  # every row is written, not yet its revision and history
        (TemplateImport, "save", 1),  # everything is written, not yet the import's status
    ],
    ids=["building", "writing", "recording", "marking applied"],
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
    assert snapshot() == before
    assert len(calls) == call + (target is TemplateImport)  # then the failure is recorded
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


def test_a_confirmation_failing_half_way_leaves_the_import_waiting_for_it(
    checked_import, monkeypatch, django_capture_on_commit_callbacks
):
    """Confirming claims the import, then queues the job that applies it: when queueing fails,
    the import still waits for a confirmation (not "being applied" with no job to apply it),
    and the Secretariat's next confirmation applies it."""
    user = checked_import.uploaded_by
    # The import is claimed for this confirmation, then queueing its job fails.
    fail_on_call(monkeypatch, TemplateImport, "queue", 1)
    with pytest.raises(Injected):
        service.confirm(checked_import, user)
    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.READY
    assert checked_import.applied_by is None

    with django_capture_on_commit_callbacks(execute=True):
        assert service.confirm(checked_import, user)
    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.APPLIED


def test_accepting_an_iati_activity_failing_half_way_makes_no_response(world, monkeypatch):
    """The member's accepted activity becomes a response with its needs, beneficiaries and
    participants; when recording the acceptance fails, none of them is kept and the activity
    is still waiting for the member's decision."""
    candidate = CandidateResponse.objects.create(
        member=world["org_a"], iati_identifier="XI-IATI-ORGA-1", title="Parallel training",
        recipient_countries=["AL"], sector="15130", activity_status=2, roles=[1],
        file_name="activities.xml",
    )  # fmt: skip
    member, needs = world["users"]["member_a"], [world["need"].pk]
    before = snapshot()
    # The response, its links and its revision are written, then logging the import fails.
    fail_on_call(monkeypatch, iati_imports, "log", 1)
    with pytest.raises(Injected):
        iati_imports.accept(member, candidate, needs)
    assert snapshot() == before

    response = iati_imports.accept(member, candidate, needs)
    assert list(response.needs.all()) == [world["need"]]
    assert Response.objects.filter(iati_identifier="XI-IATI-ORGA-1").count() == 1


def test_carrying_over_failing_half_way_copies_nothing(editions, monkeypatch):
    """Carrying the hierarchy over copies a priority, an objective and two measures, each with
    its revision; when the second measure's revision fails, the later edition has none of them
    and carrying over again copies them all."""
    before = snapshot()
    calls = fail_on_call(monkeypatch, Measure, "save_revision", 2)
    with pytest.raises(Injected):
        carry_over_hierarchy(editions["first"], editions["second"])
    assert len(calls) == 2
    assert snapshot() == before

    created = carry_over_hierarchy(editions["first"], editions["second"])
    assert created == {"priorities": 1, "objectives": 1, "measures": 2}
