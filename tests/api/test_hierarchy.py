"""The catalogue's hierarchy over the API: each need names its objective and measure, the
objectives list their measures, and needs filter by objective, measure and placement."""

import pytest

from needs_snippets.models import Need
from tests.api.client import error_locations
from tests.factories import MeasureFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(world):
    need = world["need"]
    objective = ObjectiveFactory(
        cycle=world["cycle"], axis=need.axis, code="WBCSCi-PRE-1", title="Criminal finances"
    )
    measure = MeasureFactory(objective=objective, code="WBCSCi-PRE-1.1", title="Asset tracing")
    Need.objects.filter(pk=need.pk).update(measure=measure)
    return measure


def test_a_need_names_its_objective_and_measure(api_as, world, placed):
    api = api_as("member_a")
    [item] = api.get("database/needs/").json()["items"]
    assert item["objective"] == {
        "id": placed.objective.pk, "code": "WBCSCi-PRE-1", "title": "Criminal finances",
    }  # fmt: skip
    assert item["measure"] == {
        "id": placed.pk, "code": "WBCSCi-PRE-1.1", "title": "Asset tracing", "unclassified": False,
    }  # fmt: skip
    detail = api.get(f"database/needs/{world['need'].pk}/").json()
    assert detail["measure"]["code"] == "WBCSCi-PRE-1.1"


def test_objectives_list_their_measures_in_order(api_as, world, placed):
    MeasureFactory(objective=placed.objective, code="WBCSCi-PRE-1.2", title="Confiscation",
                   sort_order=5)  # fmt: skip
    items = api_as("member_b").get("database/objectives/", pillar="WBCSCi").json()["items"]
    by_code = {item["code"]: item for item in items}
    assert [m["code"] for m in by_code["WBCSCi-PRE-1"]["measures"]] == [
        "WBCSCi-PRE-1.1", "WBCSCi-PRE-1.2",
    ]  # fmt: skip
    assert by_code["WBCSCi-PRE-1"]["axis"]["name"] == "Prevention"
    # The draft need waits under its axis's Unclassified measure.
    unclassified = [item for item in items if item["unclassified"]]
    assert [m["unclassified"] for m in unclassified[0]["measures"]] == [True]
    assert error_locations(api_as("member_b").get("database/objectives/", cycle=999999)) == [
        ["query", "cycle"]
    ]


def test_needs_filter_by_objective_measure_and_placement(api_as, world, placed):
    api = api_as("secretariat")
    assert api.get("database/needs/", measure=placed.pk).json()["count"] == 1
    assert api.get("database/needs/", objective=placed.objective.pk).json()["count"] == 1
    assert api.get("database/needs/", placement="placed").json()["count"] == 1
    assert api.get("database/needs/", placement="unclassified").json()["count"] == 0
    assert error_locations(api.get("database/needs/", measure=999999)) == [["query", "measure"]]
    assert api.get("database/needs/", placement="elsewhere").status_code == 422


def test_the_hierarchy_is_for_members_only(anonymous_api, world):
    assert anonymous_api.get("database/objectives/").status_code == 401


def test_gaps_name_the_partners_a_need_is_a_gap_for(api_as, world):
    from needs_snippets.models import NeedPartner

    NeedPartner.objects.create(
        need=world["need"], partner=world["partners"]["ME"], status="addressed", location="Bar"
    )
    api = api_as("member_a")
    [gap] = api.get("database/gaps/").json()["items"]
    assert [p["code"] for p in gap["gap_for"]] == ["ME"]
    assert [p["code"] for p in gap["covered_for"]] == ["AL", "RS"]
    detail = api.get(f"database/needs/{world['need'].pk}/").json()
    montenegro = next(d for d in detail["partner_details"] if d["partner"]["code"] == "ME")
    assert (montenegro["status"], montenegro["location"], montenegro["due"]) == (
        "addressed", "Bar", None,
    )  # fmt: skip
    assert detail["second_pillar"] is None
