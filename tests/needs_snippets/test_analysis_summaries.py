"""The trigger-kept summaries answer exactly as the live computation over the source tables:
after every kind of write (a partner's confirmation too), within the writing transaction and
after it commits, for every reader's visibility, counting every response or only those the
partners confirmed, and when two writers change the same need at once."""

import random
import threading
from datetime import date, timedelta

import pytest
from django.db import connection, transaction

from needs_snippets.constants import IATIActivityStatus
from needs_snippets.models import (
    AnalysisDirtyNeed,
    Need,
    NeedPartner,
    Response,
    ResponseConfirmation,
    ResponseNeed,
    ResponseOverlap,
    ResponseReach,
    analysis,
)
from needs_snippets.permissions import all_visible_responses
from needs_snippets.querysets import confirmed_only
from tests.connections import started
from tests.factories import (
    AreaFactory,
    AxisFactory,
    MappingCycleFactory,
    MeasureFactory,
    MemberFactory,
    NeedFactory,
    ObjectiveFactory,
    PillarFactory,
    ResponseFactory,
    bulk_needs,
    bulk_overlapping_responses,
    focal_point,
    wb_partners,
)
from tests.markers import postgres_only

pytestmark = postgres_only("the summaries are kept by PostgreSQL's triggers (CI runs them)")


def answers(readers):
    """Everything the analyses say, for each reader (None: the whole database), and for each
    reader's responses counted only where the partner confirmed them."""
    needs = Need.objects.all()
    result = {}
    for name, reader in readers.items():
        responses = None if reader is None else all_visible_responses(reader)
        matrix = needs.coverage_matrix(responses, with_confirmed=True)
        confirmed = confirmed_only(responses if reader else Response.objects.all())
        confirmed_matrix = needs.coverage_matrix(confirmed)
        result[name] = {
            "gaps": set(needs.gaps(responses).values_list("pk", flat=True)),
            "flags": dict(needs.with_gap_flag(responses).values_list("pk", "is_gap")),
            "covered": set(needs.covered(responses).values_list("pk", flat=True)),
            "overlaps": set(
                (responses or Response.objects.all())
                .overlaps(responses)
                .values_list("pk", flat=True)
            ),
            "rows": {
                (row.response_id, row.need_id, row.partner_id)
                for row in ResponseNeed.objects.overlapping(responses)
            },
            "cells": {
                key: (cell.needs, cell.covered, cell.responses, cell.confirmed)
                for key, cell in matrix.cells.items()
            },
            "confirmed gaps": set(needs.gaps(confirmed).values_list("pk", flat=True)),
            "confirmed cells": {
                key: (cell.needs, cell.covered, cell.responses)
                for key, cell in confirmed_matrix.cells.items()
            },
        }
    return result


def live_answers(monkeypatch, readers):
    """`answers` computed from the source tables, as on a database without the summaries."""
    with monkeypatch.context() as patch:
        patch.setattr(analysis, "summaries_maintained", lambda: False)
        return answers(readers)


@pytest.fixture
def region():
    """Twelve needs and three members' responses scattered over them, one member's restricted."""
    rng = random.Random(17)  # noqa: S311 - reproducible fixture
    partners = list(wb_partners().values())
    members = [MemberFactory(name=name) for name in ("UNODC", "OSCE", "GIZ")]
    cycle = MappingCycleFactory()
    needs = [
        NeedFactory(cycle=cycle, partners=rng.sample(partners, rng.randint(1, 3)))
        for _ in range(12)
    ]
    responses = []
    for i in range(18):
        start = date(2021, 1, 1) + timedelta(days=rng.randint(0, 900))
        responses.append(
            ResponseFactory(
                reporting_member=members[i % 3],
                needs=rng.sample(needs, rng.randint(1, 2)),
                beneficiaries=rng.sample(partners, rng.randint(1, 3)),
                planned_start=start,
                planned_end=start + timedelta(days=rng.randint(90, 500)),
                sensitivity="restricted" if i % 3 == 2 else "members",
            )
        )
    for response in responses[::2]:  # half the responses' claims confirmed by the partner
        for need in response.needs.all():
            for partner in response.beneficiaries.all():
                confirm(response, need, partner)
    readers = {
        "secretariat": None,
        "unodc": focal_point(members[0], "unodc-fp"),
        "giz": focal_point(members[2], "giz-fp"),
    }
    return {"needs": needs, "responses": responses, "members": members, "readers": readers}


def confirm(response, need, partner, verdict="confirmed"):
    """The partner's word on `response` answering `need` for it."""
    return ResponseConfirmation.objects.create(
        response=response,
        need=need,
        partner=partner,
        verdict=verdict,
        reason="" if verdict == "confirmed" else "It trains another unit.",
    )


def move_to_another_pillar(need):
    """Move `need` to a measure of another pillar's axis in its edition."""
    axis = AxisFactory(pillar=PillarFactory(code="WBBSi"))
    measure = MeasureFactory(objective=ObjectiveFactory(cycle=need.cycle, axis=axis))
    Need.objects.filter(pk=need.pk).update(pillar=axis.pillar, axis=axis, measure=measure)


@pytest.mark.django_db
def test_every_kind_of_write_reads_the_same_as_the_live_computation(region, monkeypatch):
    readers, needs, responses = region["readers"], region["needs"], region["responses"]
    partners = list(wb_partners().values())
    first, second = responses[0], responses[1]
    moved = ResponseNeed.objects.filter(response=responses[4]).first()
    elsewhere = next(need for need in needs if need not in responses[4].needs.all())
    answered = responses[3].needs.first()
    its_links = NeedPartner.objects.filter(need=answered)
    newcomer = next(p for p in partners if not its_links.filter(partner=p).exists())
    assert answers(readers) == live_answers(monkeypatch, readers)
    assert answers(readers)["secretariat"]["overlaps"], "the fixture has overlaps to lose"
    assert any(cell[3] for cell in answers(readers)["unodc"]["cells"].values()), (
        "the fixture has confirmed coverage to lose"
    )
    unconfirmed = responses[1]  # odd: none of its claims confirmed
    its_need, its_partner = unconfirmed.needs.first(), unconfirmed.beneficiaries.first()
    confirmations = ResponseConfirmation.objects.filter(response=responses[0])

    writes = [
        # A partner confirms a claim, disputes one it had confirmed, or its word is removed.
        lambda: confirm(unconfirmed, its_need, its_partner),
        lambda: confirmations.filter(pk=confirmations.first().pk).update(
            verdict="disputed", reason="Not for this unit."
        ),
        lambda: confirmations.filter(pk=confirmations.last().pk).delete(),
        lambda: Response.objects.filter(pk=first.pk).update(planned_end=date(2030, 1, 1)),
        lambda: Response.objects.filter(pk=second.pk).update(
            iati_status=IATIActivityStatus.CANCELLED
        ),
        lambda: Response.objects.filter(pk=first.pk).update(sensitivity="restricted"),
        lambda: Response.objects.filter(pk=first.pk).update(reporting_member=region["members"][1]),
        lambda: first.beneficiaries.set(partners[:4]),
        lambda: second.needs.set(needs[3:6]),
        lambda: ResponseNeed.objects.filter(pk=moved.pk).update(need=elsewhere),
        lambda: responses[5].delete(),
        lambda: ResponseFactory(
            reporting_member=region["members"][2],
            needs=needs[:4],
            beneficiaries=partners,
            planned_start=None,
            planned_end=None,
        ),
        # The need's partners and its place in the matrix change the cells' counts too.
        lambda: its_links.update(status=NeedPartner.Status.MET),
        lambda: its_links.update(status=NeedPartner.Status.ADDRESSED),
        lambda: NeedPartner.objects.create(need=answered, partner=newcomer),
        lambda: its_links.filter(partner=newcomer).delete(),
        lambda: Need.objects.filter(pk=answered.pk).update(area=AreaFactory(code="legislation")),
        lambda: move_to_another_pillar(answered),
    ]
    for write in writes:
        write()
        assert answers(readers) == live_answers(monkeypatch, readers)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_committed_writes_are_in_the_summaries_without_a_read_refreshing_them(region):
    unodc, osce = region["members"][:2]
    need = region["needs"][0]
    partner = wb_partners()["AL"]
    with transaction.atomic():
        mine = ResponseFactory(reporting_member=unodc, needs=[need], beneficiaries=[partner])
        theirs = ResponseFactory(reporting_member=osce, needs=[need], beneficiaries=[partner])
    assert not AnalysisDirtyNeed.objects.exists()
    pairs = set(ResponseOverlap.objects.filter(need=need).values_list("response_id", "rival_id"))
    assert {(mine.pk, theirs.pk), (theirs.pk, mine.pk)} <= pairs
    assert ResponseReach.objects.filter(response=mine, need=need, partner=partner).exists()

    with transaction.atomic():
        theirs.delete()
    assert not ResponseOverlap.objects.filter(rival_id=theirs.pk).exists()
    assert not ResponseReach.objects.filter(response_id=theirs.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_writers_on_one_need_at_once_lose_neither_answer(region, monkeypatch):
    """Each writer adds a response on the same need and partner; the second commits while the
    first still holds its transaction open. Both overlaps are in the summary at the end."""
    need, partner = region["needs"][0], wb_partners()["ME"]
    first_wrote, second_may_commit = threading.Event(), threading.Event()

    def write(member, wrote=None, wait=None):
        with transaction.atomic():
            ResponseFactory(reporting_member=member, needs=[need], beneficiaries=[partner])
            if wrote:
                wrote.set()
            if wait:
                wait.wait(timeout=10)

    unodc, osce = region["members"][:2]
    first = started(write, unodc, first_wrote, second_may_commit)
    first_wrote.wait(timeout=10)
    second = started(write, osce)
    second.waits(1)  # it waits on the first writer's need…
    second_may_commit.set()
    first.outcome()  # neither raises
    second.outcome()
    kept = set(ResponseOverlap.objects.values_list("response_id", "need_id", "partner_id"))
    with monkeypatch.context() as patch:
        patch.setattr(analysis, "summaries_maintained", lambda: False)
        live = {
            (row.response_id, row.need_id, row.partner_id)
            for row in ResponseNeed.objects.overlapping()
        }
    assert kept == live
    assert sum(1 for row in live if row[1:] == (need.pk, partner.pk)) >= 2


def reach_rows_counted():
    """How many reach rows PostgreSQL's planner believes there are."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'needs_snippets_responsereach'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_bulk_refresh_counts_its_rows_for_the_planner_and_plans_afresh():
    """Statistics taken while the tables were empty made a bulk write's refresh join every
    row by nested loops (a seed of 10,000 needs never committed): a refresh of 1,000 needs or
    more analyses the tables first, and no call reuses a plan made for smaller tables."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE needs_snippets_responsereach")  # empty: "no rows"
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'iisg_analysis_refresh'")
        assert cursor.fetchone()[0] == ["plan_cache_mode=force_custom_plan"]
    assert reach_rows_counted() <= 0
    partner = wb_partners()["AL"]
    cycle, (unodc, osce) = MappingCycleFactory(), [MemberFactory(name=n) for n in ("U", "O")]
    pillar = PillarFactory(code="WBCTi")
    needs = bulk_needs(1000, cycle, pillar, AxisFactory(pillar=pillar), AreaFactory(), [partner])
    bulk_overlapping_responses(needs, [unodc, osce], partner)
    analysis.refresh_summaries()
    assert ResponseReach.objects.count() == 2000
    assert reach_rows_counted() == 2000
