"""Charts: each one's picture says what the table beside it says, follows the page's filters,
and a frozen edition's charts come from its snapshot."""

import pytest

from iisg_pages import chart_data
from iisg_pages.report_data import ReportData

pytestmark = pytest.mark.django_db

PARTNERS = [
    {"code": "AL", "name": "Albania", "footnote": False},
    {"code": "XK", "name": "Kosovo*", "footnote": True},
]


def row(code, pillar, axis, partners, covered=(), met=()):
    return {
        "code": code, "pillar": pillar, "axis": axis, "partners": list(partners),
        "covered_for": list(covered),
        "partner_details": {p: {"status": "met" if p in met else "identified"} for p in partners},
    }  # fmt: skip


ROWS = [
    row("A", "WBCTi", "Prevent", ["AL", "XK"], covered=["AL"]),
    row("B", "WBCTi", "Respond", ["AL"]),
    row("C", "WBCSCi", "Prevention", ["XK"], met=["XK"]),
]


def test_needs_by_partner_and_axis_counts_each_partners_needs():
    chart = chart_data.needs_by_partner_and_axis(ROWS, PARTNERS)
    assert chart.columns == ["WBCTi · Prevent", "WBCTi · Respond", "WBCSCi · Prevention"]
    assert [(r.label, r.values) for r in chart.rows] == [
        ("Albania", [1, 1, 0]), ("Kosovo*", [1, 0, 1]),
    ]  # fmt: skip
    # The bars are as long as the totals, in the same proportion.
    widths = [sum(s["width"] for s in bar["segments"]) for bar in chart.drawing["bars"]]
    assert widths[0] == pytest.approx(widths[1], abs=0.2)


def test_coverage_counts_open_needs_only_and_maps_name_kosovo_with_its_footnote():
    chart = chart_data.coverage_by_partner_and_pillar(ROWS, PARTNERS)
    # Albania: 1 of its 2 WBCTi needs covered; Kosovo*: 0 of 1 in WBCTi, none open in WBCSCi.
    assert [r.values for r in chart.rows] == [[50.0, None], [0.0, None]]
    gaps = chart_data.partner_map(ROWS, PARTNERS, "gaps")
    assert {r.label: r.values[0] for r in gaps.rows} == {"Albania": 1, "Kosovo*": 1}
    assert "UNSCR 1244/1999" in gaps.footnote
    names = {region["code"]: region["name"] for region in gaps.drawing["regions"]}
    assert names["XK"] == "Kosovo*"


def test_a_report_chart_is_frozen_with_its_edition(site_tree):
    data = ReportData(site_tree["cycle"])
    live = data.chart("needs_by_partner_axis")
    frozen_rows = [
        {**r, "partners": ["AL"]} for r in data.rows
    ]  # the edition as it was adopted: only Albania
    snapshot = {"version": 2, "partners": data.partners, "needs": frozen_rows, "phases": []}
    frozen = ReportData(site_tree["cycle"], snapshot=snapshot)
    assert [r.values for r in frozen.chart("needs_by_partner_axis").rows if sum(r.values)] == [
        [2, 1, 1]
    ]
    assert live.rows != frozen.chart("needs_by_partner_axis").rows
    assert frozen.chart("timeline") is None  # no phases recorded in that edition
    old = ReportData(site_tree["cycle"], snapshot={**snapshot, "version": 1})
    assert old.chart("coverage_by_partner_pillar") is None  # coverage per partner came later


def test_the_public_report_counts_no_restricted_response(site_tree):
    """A restricted response is known to its organisation and the Secretariat only: it covers
    nothing in the report's gaps, coverage or charts."""
    from needs_snippets.models import Response
    from tests.factories import MemberFactory, ResponseFactory, wb_partners

    returnees = site_tree["needs"]["returnees"]  # AL, XK, RS
    response = ResponseFactory(
        reporting_member=MemberFactory(name="Organisation R"), needs=[returnees],
        beneficiaries=[wb_partners()["AL"]], sensitivity=Response.Sensitivity.RESTRICTED,
    )  # fmt: skip
    [row] = [r for r in ReportData(site_tree["cycle"]).rows if r["id"] == returnees.pk]
    assert row["covered_for"] == [] and row["is_gap"]
    Response.objects.filter(pk=response.pk).update(sensitivity=Response.Sensitivity.MEMBERS)
    [row] = [r for r in ReportData(site_tree["cycle"]).rows if r["id"] == returnees.pk]
    assert row["covered_for"] == ["AL"]


def test_a_chart_kind_this_release_does_not_draw_shows_no_chart_and_no_error(site_tree):
    """A block stored by a release that drew another kind of chart (an adopted edition keeps
    its blocks) renders the notice instead of failing the report page."""
    from iisg_pages.blocks import ChartBlock

    data = ReportData(site_tree["cycle"])
    assert data.chart("map_withdrawn") is None
    block = ChartBlock()
    value = block.to_python({"chart": "map_withdrawn"})
    html = block.render(value, context={"report_data": data})
    assert "chart__empty" in html
    assert "chart__empty" not in block.render(
        block.to_python({"chart": "map_needs"}), context={"report_data": data}
    )
