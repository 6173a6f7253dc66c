"""Gaps, overlaps and coverage against small hand-computed fixtures, and their query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needs_snippets.constants import IATIActivityStatus
from needs_snippets.models import Need, NeedPartner, Response, ResponseBeneficiary, ResponseNeed
from tests import factories as f

pytestmark = pytest.mark.django_db


def planned(start, end):
    """A response's planned period."""
    return {"planned_start": start, "planned_end": end}


@pytest.fixture
def world():
    """Three needs, four responses.

    n1 (AL, RS, ME; WBCSCi operational) answered by r1 (UNODC, AL, 2022) and r2 (OSCE, AL+RS,
    mid-2022 to 2023): r1 and r2 overlap on n1/AL. r3 (UNODC, RS, 2022) answers n1 too: same
    member as r1, and different from r2 (OSCE) on RS where r2 runs from July 2022: overlap.
    n2 (XK; WBCSCi legislation) answered only by a cancelled response: a gap.
    n3 (AL; WBBSi operational) answered by r4 (OSCE, AL, 2019-2020): no overlap, no rival.
    """
    p = f.wb_partners()
    unodc, osce = f.MemberFactory(name="UNODC"), f.MemberFactory(name="OSCE")
    crime, borders = f.PillarFactory(code="WBCSCi"), f.PillarFactory(code="WBBSi")
    operational, legislation = f.AreaFactory(code="operational"), f.AreaFactory(code="legislation")
    n1 = f.NeedFactory(pillar=crime, area=operational, partners=[p["AL"], p["RS"], p["ME"]])
    n2 = f.NeedFactory(pillar=crime, area=legislation, partners=[p["XK"]])
    n3 = f.NeedFactory(
        pillar=borders,
        axis=f.AxisFactory(pillar=borders, name="Response"),
        area=operational,
        partners=[p["AL"]],
    )
    r1 = f.ResponseFactory(
        reporting_member=unodc,
        needs=[n1],
        beneficiaries=[p["AL"]],
        **planned(date(2022, 1, 1), date(2022, 12, 31)),
    )
    r2 = f.ResponseFactory(
        reporting_member=osce,
        needs=[n1],
        beneficiaries=[p["AL"], p["RS"]],
        **planned(date(2022, 7, 1), date(2023, 6, 30)),
    )
    r3 = f.ResponseFactory(
        reporting_member=unodc,
        needs=[n1],
        beneficiaries=[p["RS"]],
        **planned(date(2021, 1, 1), date(2021, 12, 31)),
        actual_start=date(2021, 3, 1),
        actual_end=date(2022, 8, 31),  # ran late: overlaps r2 on n1/RS
    )
    cancelled = f.ResponseFactory(
        reporting_member=osce,
        needs=[n2],
        beneficiaries=[p["XK"]],
        iati_status=IATIActivityStatus.CANCELLED,
    )
    r4 = f.ResponseFactory(
        reporting_member=osce,
        pillar=borders,
        needs=[n3],
        beneficiaries=[p["AL"]],
        **planned(date(2019, 1, 1), date(2020, 12, 31)),
    )
    return locals()


def test_a_gap_is_a_partners_need_no_ongoing_or_planned_response_answers_for_it(world):
    """n1 is answered for AL and RS but not for ME; n2 only by a cancelled response."""
    p = world["p"]
    gap_links = {(link.need_id, link.partner_id) for link in NeedPartner.objects.gaps()}
    assert gap_links == {(world["n1"].pk, p["ME"].pk), (world["n2"].pk, p["XK"].pk)}
    assert set(Need.objects.gaps()) == {world["n1"], world["n2"]}
    assert list(Need.objects.covered()) == [world["n3"]]

    # Met in Montenegro: n1 is no gap any more; a closed response no longer covers n3.
    NeedPartner.objects.filter(need=world["n1"], partner=p["ME"]).update(status="met")
    Response.objects.filter(pk=world["r4"].pk).update(iati_status=IATIActivityStatus.CLOSED)
    assert set(Need.objects.gaps()) == {world["n2"], world["n3"]}


def test_regional_counts_partners_whose_need_is_still_open(world):
    """n1 has three partners: regional; once met in one of them, partner-specific."""
    assert list(Need.objects.regional()) == [world["n1"]]
    NeedPartner.objects.filter(need=world["n1"], partner=world["p"]["RS"]).update(status="met")
    assert list(Need.objects.regional()) == []
    NeedPartner.objects.filter(need=world["n1"], partner=world["p"]["RS"]).update(
        status="addressed"
    )
    assert list(Need.objects.regional()) == [world["n1"]]


def test_overlaps_are_other_members_on_same_need_and_partner_in_time(world):
    assert set(Response.objects.overlaps()) == {world["r1"], world["r2"], world["r3"]}


def test_overlap_rows_name_need_partner_and_response(world):
    p = world["p"]
    rows = {
        (row.response_id, row.need_id, row.partner_id) for row in ResponseNeed.objects.overlapping()
    }
    n1 = world["n1"].pk
    assert rows == {
        (world["r1"].pk, n1, p["AL"].pk),
        (world["r2"].pk, n1, p["AL"].pk),
        (world["r2"].pk, n1, p["RS"].pk),
        (world["r3"].pk, n1, p["RS"].pk),
    }


def test_same_member_never_overlaps_itself(world):
    world["r2"].delete()
    assert list(Response.objects.overlaps()) == []


def test_periods_that_only_touch_overlap_and_disjoint_ones_do_not(world):
    r1, r2 = world["r1"], world["r2"]
    Response.objects.filter(pk=r2.pk).update(planned_start=date(2022, 12, 31))
    assert r1 in Response.objects.overlaps()
    Response.objects.filter(pk=r2.pk).update(planned_start=date(2023, 1, 1))
    Response.objects.filter(pk=world["r3"].pk).delete()
    assert list(Response.objects.overlaps()) == []


def test_open_ended_response_overlaps_everything_after_its_start(world):
    Response.objects.filter(pk=world["r2"].pk).update(
        planned_start=date(2030, 1, 1), planned_end=None
    )
    Response.objects.filter(pk=world["r1"].pk).update(planned_end=None)
    assert {world["r1"], world["r2"]} <= set(Response.objects.overlaps())


def test_coverage_matrix_counts(world):
    p = world["p"]
    crime, borders = world["crime"], world["borders"]
    operational, legislation = world["operational"], world["legislation"]
    matrix = Need.objects.coverage_matrix()

    assert [str(partner) for partner in matrix.partners] == [
        "Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia", "Serbia",
    ]  # fmt: skip
    al_crime_ops = matrix.cell(p["AL"], crime, operational)
    assert (al_crime_ops.needs, al_crime_ops.covered, al_crime_ops.responses) == (1, 1, 2)
    rs_crime_ops = matrix.cell(p["RS"], crime, operational)
    assert (rs_crime_ops.needs, rs_crime_ops.covered, rs_crime_ops.responses) == (1, 1, 2)
    me_crime_ops = matrix.cell(p["ME"], crime, operational)
    assert (me_crime_ops.needs, me_crime_ops.covered, me_crime_ops.gaps) == (1, 0, 1)
    xk_crime_leg = matrix.cell(p["XK"], crime, legislation)
    assert (xk_crime_leg.needs, xk_crime_leg.covered, xk_crime_leg.responses) == (1, 0, 0)
    al_borders_ops = matrix.cell(p["AL"], borders, operational)
    assert (al_borders_ops.needs, al_borders_ops.covered, al_borders_ops.responses) == (1, 1, 1)
    assert matrix.cell(p["BA"], crime, operational).needs == 0
    assert matrix.cell(p["BA"], crime, operational).coverage_ratio is None


def test_coverage_counts_responses_only_for_partners_that_identified_the_need(world):
    p, crime, operational = world["p"], world["crime"], world["operational"]
    f.ResponseFactory(
        reporting_member=world["unodc"], needs=[world["n1"]], beneficiaries=[p["BA"]]
    )  # BA did not identify n1
    matrix = Need.objects.coverage_matrix()
    assert matrix.cell(p["BA"], crime, operational).responses == 0
    assert matrix.cell(p["AL"], crime, operational).responses == 2


def test_coverage_matrix_of_a_filtered_queryset(world):
    matrix = Need.objects.for_pillar(world["borders"]).coverage_matrix()
    assert matrix.cell(world["p"]["AL"], world["crime"], world["operational"]).needs == 0
    assert matrix.cell(world["p"]["AL"], world["borders"], world["operational"]).needs == 1


def build_database(size):
    """`size` needs in AL and BA, and `size` responses of alternating members, two per need."""
    p = f.wb_partners()
    pillar = f.PillarFactory(code="WBCSCi")
    axis = f.AxisFactory(pillar=pillar)
    area = f.AreaFactory(code="operational")
    members = [f.MemberFactory(name="UNODC"), f.MemberFactory(name="OSCE")]
    cycle = f.MappingCycleFactory()
    needs = f.bulk_needs(size, cycle, pillar, axis, area, [p["AL"], p["BA"]], prefix=f"B{size}")
    NeedPartner.objects.bulk_create(
        NeedPartner(need=need, partner=p["RS"]) for need in needs[::2]
    )  # every other need is regional
    responses = Response.objects.bulk_create(
        Response(
            reporting_member=members[i % 2],
            title=f"Action {i}",
            description="Training.",
            pillar=pillar,
            planned_start=date(2022, 1, 1),
            planned_end=date(2022, 12, 31),
        )
        for i in range(size)
    )
    ResponseNeed.objects.bulk_create(
        ResponseNeed(response=r, need=needs[i // 2]) for i, r in enumerate(responses)
    )
    ResponseBeneficiary.objects.bulk_create(
        ResponseBeneficiary(response=r, partner=p["AL"]) for r in responses
    )


ANALYSES = {
    "regional": lambda: list(Need.objects.regional()),
    "gaps": lambda: list(Need.objects.gaps()),
    "overlaps": lambda: list(Response.objects.overlaps()),
    "overlap rows": lambda: list(ResponseNeed.objects.overlapping()),
    "coverage": lambda: Need.objects.coverage_matrix(),
}


@pytest.mark.parametrize("name", ANALYSES)
def test_query_count_does_not_grow_with_the_data(name):
    build_database(10)
    with CaptureQueriesContext(connection) as small:
        small_result = ANALYSES[name]()
    build_database(200)
    with CaptureQueriesContext(connection) as large:
        large_result = ANALYSES[name]()

    assert len(small) == len(large)
    if name != "coverage":
        assert len(large_result) > len(small_result)  # the data did grow
