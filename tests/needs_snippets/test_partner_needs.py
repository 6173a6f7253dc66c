"""Each partner's own need: its status, state of play, where and when; gaps per partner; a
second pillar counted once. In the model, the templates, the members area, the API and the
report."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from iisg_pages.report_data import ReportData
from needs_snippets.consultation import layout
from needs_snippets.models import Need, NeedPartner
from tests.factories import PillarFactory
from tests.needs_snippets import filling

pytestmark = pytest.mark.django_db


def link(need, code):
    return NeedPartner.objects.get(need=need, partner__country_code=code)


def test_a_partners_template_carries_and_brings_back_its_own_detail(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    returnees = cycle_data["needs"]["returnees"]  # AL and XK
    NeedPartner.objects.filter(need=returnees, partner__country_code="XK").update(
        location="Prishtina", status="addressed"
    )
    workbook = filling.needs_template(secretariat_client, cycle_data)  # Albania's
    row = filling.rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"]
    assert row[filling.NEEDS_AT["partner_status"]].value == "Identified"
    assert row[filling.NEEDS_AT["partner_location"]].value is None  # Albania's, not Kosovo*'s

    row[filling.NEEDS_AT["partner_status"]].value = "Being addressed"
    row[filling.NEEDS_AT["partner_location"]].value = "Tirana and Durrës municipalities"
    row[filling.NEEDS_AT["partner_due"]].value = date(2026, 12, 31)
    row[filling.NEEDS_AT["partner_state_of_play"]].value = "Two returnee families in Tirana."
    _, item = filling.upload(
        secretariat_client, cycle_data["cycle"], filling.xlsx(workbook), capture=capture
    )
    [change] = [c for c in item.report["changes"] if c["action"] == "update"]
    assert change["changed"] == ["detail"]
    filling.confirm(secretariat_client, item, capture)

    draft = Need.objects.get(pk=returnees.pk).get_latest_revision_as_object()
    details = {link.partner.country_code: link for link in draft.partner_links.all()}
    assert details["AL"].status == "addressed" and details["AL"].due == date(2026, 12, 31)
    assert details["AL"].location == "Tirana and Durrës municipalities"
    assert (details["XK"].location, details["XK"].status) == ("Prishtina", "addressed")
    assert link(returnees, "AL").location == ""  # the live need waits for publication
    draft.get_latest_revision().publish()
    assert link(returnees, "AL").state_of_play == "Two returnee families in Tirana."

    # The same file again changes nothing.
    again = filling.needs_template(secretariat_client, cycle_data)
    _, item = filling.upload(
        secretariat_client, cycle_data["cycle"], filling.xlsx(again), capture=capture
    )
    assert item.report["counts"]["update"] == 0, item.report


def test_a_wrong_status_or_date_is_named_with_its_row_and_column(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    workbook = filling.needs_template(secretariat_client, cycle_data)
    row = filling.rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"]
    row[filling.NEEDS_AT["partner_status"]].value = "Solved"
    row[filling.NEEDS_AT["partner_due"]].value = "next spring"
    _, item = filling.upload(
        secretariat_client, cycle_data["cycle"], filling.xlsx(workbook),
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    columns = {problem["column"] for problem in item.report["problems"]}
    assert columns == {"Your status", "Due, for you"}
    assert NeedPartner.objects.filter(location="", status="identified").count() == 4


def test_gaps_and_coverage_are_per_partner(cycle_data):
    returnees = cycle_data["needs"]["returnees"]  # AL and XK; UNODC's training serves AL
    assert link(returnees, "AL") in NeedPartner.objects.covered()
    assert link(returnees, "XK") in NeedPartner.objects.gaps()
    matrix = Need.objects.filter(pk=returnees.pk).coverage_matrix()
    al, xk = cycle_data["partners"]["AL"], cycle_data["partners"]["XK"]
    pillar, area = returnees.pillar, returnees.area
    assert (matrix.cell(al, pillar, area).covered, matrix.cell(xk, pillar, area).gaps) == (1, 1)

    NeedPartner.objects.filter(need=returnees, partner=xk).update(status="withdrawn")
    assert returnees not in Need.objects.gaps()
    assert Need.objects.filter(pk=returnees.pk).coverage_matrix().cell(xk, pillar, area).needs == 0


def test_a_second_pillar_is_shown_but_never_counted_twice(cycle_data):
    crime = PillarFactory(code="WBCSCi")
    returnees = cycle_data["needs"]["returnees"]
    returnees.second_pillar = crime
    returnees.full_clean()
    returnees.save()
    matrix = Need.objects.all().coverage_matrix()
    al = cycle_data["partners"]["AL"]
    assert sum(cell.needs for key, cell in matrix.cells.items() if key[1] == crime.pk) == 0
    assert sum(c.needs for k, c in matrix.cells.items() if k[0] == al.pk) == 1

    returnees.second_pillar = returnees.pillar
    with pytest.raises(ValidationError) as error:
        returnees.full_clean()
    assert "another pillar than the need's own" in error.value.message_dict["second_pillar"][0]


def test_the_report_shows_each_partners_own_detail_and_met_needs(cycle_data):
    returnees = cycle_data["needs"]["returnees"]
    NeedPartner.objects.filter(need=returnees, partner__country_code="AL").update(
        status="met", location="Tirana"
    )
    table = ReportData(cycle_data["cycle"]).needs_table()
    [row] = [r for group in table.groups for r in group.rows if r["code"] == "WBCTi-PRE-OPE-01"]
    marks = {cell["name"]: cell["mark"] for cell in row["marks"]}
    assert marks["Albania"] == "met" and marks["Kosovo*"] == "identified"
    assert marks["Serbia"] == ""
    assert row["own_details"] == [
        {"name": "Albania", "status": "met", "status_label": "Met", "state_of_play": "",
         "location": "Tirana", "due": ""},
    ]  # fmt: skip
    assert table.shows_met
    assert row["is_gap"]  # still a gap for Kosovo*: no response serves it
