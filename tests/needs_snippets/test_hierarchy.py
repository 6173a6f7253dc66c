"""The catalogue's hierarchy: objectives and measures per edition, needs under a measure, the
Unclassified measure the Secretariat places needs from, and the hierarchy in the admin,
the templates, the API and the exports."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Revision

from needs_snippets.consultation import layout
from needs_snippets.models import Measure, Need, Objective
from tests.admin_forms import opened_form
from tests.factories import MappingCycleFactory, MeasureFactory, NeedFactory, ObjectiveFactory
from tests.needs_snippets.filling import (
    NEEDS_AT,
    confirm,
    needs_template,
    rows_by_code,
    upload,
    xlsx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def exit_work(cycle_data):
    """An objective of WBCTi Prevent with one measure, in the fixture's edition."""
    prevent = cycle_data["needs"]["returnees"].axis
    objective = ObjectiveFactory(
        cycle=cycle_data["cycle"], axis=prevent, code="WBCTi-PRE-1", title="Radicalisation"
    )
    return MeasureFactory(objective=objective, code="WBCTi-PRE-1.1", title="Exit work")


def test_a_need_saved_without_a_measure_waits_under_its_axiss_unclassified_one(cycle_data):
    needs = cycle_data["needs"]
    returnees, strategy, crisis = needs["returnees"], needs["strategy"], needs["crisis"]
    assert returnees.measure == strategy.measure  # same edition, pillar and axis
    assert returnees.measure.unclassified and returnees.measure.title == "Unclassified"
    assert returnees.measure.code == "WBCTi-PRE-UNCL.0"
    assert returnees.measure.objective.code == "WBCTi-PRE-UNCL"
    assert crisis.measure.code == "WBCTi-RES-UNCL.0"
    assert Objective.objects.filter(unclassified=True).count() == 2


def test_a_measure_of_another_axis_or_edition_is_refused_with_what_to_do(cycle_data, exit_work):
    crisis = cycle_data["needs"]["crisis"]  # Respond
    crisis.measure = exit_work
    with pytest.raises(ValidationError) as error:
        crisis.full_clean()
    assert "is under WBCTi: Prevent" in error.value.message_dict["measure"][0]

    other = MappingCycleFactory(edition="2023–2024")
    later = MeasureFactory(objective=ObjectiveFactory(cycle=other, axis=exit_work.objective.axis))
    returnees = cycle_data["needs"]["returnees"]
    returnees.measure = later
    with pytest.raises(ValidationError) as error:
        returnees.full_clean()
    assert "belongs to another edition" in error.value.message_dict["measure"][0]


def test_a_predecessor_must_be_of_an_earlier_edition_and_the_same_pillar(cycle_data, exit_work):
    later_cycle = MappingCycleFactory(
        edition="2023–2024", period_start=date(2023, 1, 1), period_end=date(2024, 12, 31)
    )
    successor = ObjectiveFactory(cycle=later_cycle, axis=exit_work.objective.axis)
    successor.predecessor = exit_work.objective
    successor.full_clean()  # earlier edition, same pillar: fine
    exit_work.objective.predecessor = successor
    with pytest.raises(ValidationError) as error:
        exit_work.objective.full_clean()
    assert "earlier edition" in error.value.message_dict["predecessor"][0]


def test_the_secretariat_places_needs_from_the_dashboard(secretariat_client, cycle_data, exit_work):
    dashboard = secretariat_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Needs to place under a measure" in dashboard
    assert "3 needs wait under Unclassified measures" in dashboard
    unclassified = cycle_data["needs"]["returnees"].measure
    listing = secretariat_client.get(
        reverse(Need.snippet_viewset.get_url_name("list")), {"measure": unclassified.pk}
    ).content.decode()
    assert "WBCTi-PRE-OPE-01" in listing and "WBCTi-PRE-LEG-01" in listing
    assert "WBCTi-RES-OPE-01" not in listing

    # The Secretariat creates a measure in the admin and places a need under it.
    add_url = reverse(Measure.snippet_viewset.get_url_name("add"))
    response = secretariat_client.post(
        add_url,
        {
            "cycle": cycle_data["cycle"].pk,
            "code": "WBCTi-PRE-1.2",
            "objective": exit_work.objective.pk,
            "title": "Prison programmes",
            "description": "",
            "sort_order": 2,
            "predecessor": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    created = Measure.objects.get(code="WBCTi-PRE-1.2")
    assert created.latest_revision is not None  # revisioned from the start
    need = cycle_data["needs"]["returnees"]
    need.measure = created
    need.save()
    dashboard = secretariat_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 needs wait under Unclassified measures" in dashboard
    placed = secretariat_client.get(
        reverse(Need.snippet_viewset.get_url_name("list")), {"placement": "placed"}
    ).content.decode()
    assert "WBCTi-PRE-OPE-01" in placed and "WBCTi-PRE-LEG-01" not in placed


def test_a_measure_of_the_wrong_axis_is_refused_in_the_admin_form(
    secretariat_client, cycle_data, exit_work
):
    crisis = cycle_data["needs"]["crisis"]
    edit_url = reverse(Need.snippet_viewset.get_url_name("edit"), args=[crisis.pk])
    data = {**opened_form(secretariat_client, edit_url), "measure": exit_work.pk}
    response = secretariat_client.post(edit_url, data)
    assert response.status_code == 200
    assert "is under WBCTi: Prevent" in response.content.decode()
    crisis.refresh_from_db()
    assert crisis.measure.unclassified  # nothing saved


def test_the_template_places_needs_under_measures(
    secretariat_client, cycle_data, exit_work, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    workbook = needs_template(secretariat_client, cycle_data)
    sheet = workbook[layout.NEEDS_SHEET]
    assert sheet.cell(row=1, column=NEEDS_AT["measure"] + 1).value == "Measure"
    lists = workbook[layout.LISTS_SHEET]
    measure_list = [cell.value for cell in lists[layout.column_letter(1)] if cell.value]
    assert measure_list == ["measure", "WBCTi-PRE-1.1 Exit work"]  # no Unclassified one
    rows = rows_by_code(sheet)
    assert rows["WBCTi-PRE-OPE-01"][NEEDS_AT["measure"]].value in (None, "")

    # Albania places the returnees need; a measure of Prevent on a Respond need is refused.
    rows["WBCTi-PRE-OPE-01"][NEEDS_AT["measure"]].value = "WBCTi-PRE-1.1 Exit work"
    rows["WBCTi-RES-OPE-01"][NEEDS_AT["measure"]].value = "WBCTi-PRE-1.1"
    _, item = upload(secretariat_client, cycle_data["cycle"], xlsx(workbook), capture=capture)
    [problem] = item.report["problems"]
    assert problem["column"] == "Measure" and problem["row"] == rows["WBCTi-RES-OPE-01"][0].row
    assert "is under the axis Prevent" in problem["message"]

    rows["WBCTi-RES-OPE-01"][NEEDS_AT["measure"]].value = None
    _, item = upload(secretariat_client, cycle_data["cycle"], xlsx(workbook), capture=capture)
    assert item.report["counts"]["update"] == 1, item.report
    confirm(secretariat_client, item, capture)
    returnees = Need.objects.get(reference_code="WBCTi-PRE-OPE-01")
    assert returnees.get_latest_revision_as_object().measure == exit_work  # a draft to review
    returnees.get_latest_revision().publish()
    returnees.refresh_from_db()
    assert returnees.measure == exit_work

    # The next template shows the placement, and sending it back changes nothing.
    again = needs_template(secretariat_client, cycle_data)
    row = rows_by_code(again[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"]
    assert row[NEEDS_AT["measure"]].value == "WBCTi-PRE-1.1 Exit work"
    revisions = Revision.objects.count()
    _, item = upload(secretariat_client, cycle_data["cycle"], xlsx(again), capture=capture)
    assert item.report["counts"]["update"] == 0 and item.report["counts"]["create"] == 0
    assert Revision.objects.count() == revisions


def test_the_admin_export_names_objective_and_measure(secretariat_client, cycle_data, exit_work):
    Need.objects.filter(pk=cycle_data["needs"]["returnees"].pk).update(measure=exit_work)
    response = secretariat_client.get(
        reverse(Need.snippet_viewset.get_url_name("list")), {"export": "csv"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header = rows[4]
    data = {
        row[0]: dict(zip(header, row, strict=False))
        for row in rows[5:]
        if row and row[0].startswith("WB")
    }
    assert data["WBCTi-PRE-OPE-01"]["Objective"] == "WBCTi-PRE-1 Radicalisation"
    assert data["WBCTi-PRE-OPE-01"]["Measure"] == "WBCTi-PRE-1.1 Exit work"
    assert data["WBCTi-RES-OPE-01"]["Measure"] == "WBCTi-RES-UNCL.0 Unclassified"


def test_needs_of_one_axis_share_one_unclassified_measure_per_edition(cycle_data):
    prevent = cycle_data["needs"]["returnees"].axis
    other = MappingCycleFactory(edition="2023–2024")
    later = NeedFactory(cycle=other, pillar=prevent.pillar, axis=prevent)
    assert later.measure.cycle == other and later.measure != cycle_data["needs"]["strategy"].measure
    assert Measure.unclassified_for(other.pk, prevent) == later.measure
