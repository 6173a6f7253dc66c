"""Two editions compared over the API: the counts and each need's line, as the members area
shows them, for readers of the secure database only."""

import pytest

from needs_snippets.models import Response
from tests.api.client import problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def paths(world, two_editions):
    Response.objects.filter(title="Financial investigations training").update(
        reporting_member=world["org_b"], sensitivity=Response.Sensitivity.RESTRICTED
    )
    base = f"database/editions/{two_editions['earlier'].pk}/{two_editions['later'].pk}/"
    return {"counts": base, "needs": base + "needs/", **two_editions}


def test_the_counts_per_state(api_as, paths):
    answer = api_as("member_a").get(paths["counts"]).json()
    assert answer["earlier"]["edition"] == "2021–2022" and answer["later"]["edition"] == "2023–2024"
    # The `world`'s own 2021–2022 need has no successor either: dropped with the others.
    assert answer["overall"] == {"new": 1, "continuing": 2, "changed": 1, "met": 1, "dropped": 3}
    montenegro = next(p for p in answer["partners"] if p["partner"] == "ME")
    assert montenegro["counts"]["new"] == 1


def test_each_need_line_with_its_changes_and_outcome(api_as, paths):
    api = api_as("member_a")
    changed = api.get(paths["needs"], state="changed").json()["items"]
    assert [(n["code"], n["previous_code"]) for n in changed] == [
        ("WBCSCi-PRE-02", "WBCSCi-PRE-02")
    ]
    assert {c["field"] for c in changed[0]["changes"]} == {"gap", "measure", "partners"}
    (met,) = api.get(paths["needs"], state="met").json()["items"]
    assert met["outcome"]["evidence"].startswith("Units set up")
    assert met["outcome"]["responses"] == []  # B's restricted response: not A's to know
    (seen,) = api_as("member_b").get(paths["needs"], state="met").json()["items"]
    assert seen["outcome"]["responses"] == ["Financial investigations training"]


def test_only_readers_of_the_database(anonymous_api, api_as, paths):
    problem(anonymous_api.get(paths["counts"]), 401)
    assert api_as("board").get(paths["counts"]).status_code == 200


def test_wrong_editions_and_filters_say_what_to_fix(api_as, paths):
    api = api_as("member_a")
    earlier, later = paths["earlier"].pk, paths["later"].pk
    swapped = problem(api.get(f"database/editions/{later}/{earlier}/"), 422)
    assert swapped["errors"][0]["loc"] == ["path", "earlier_id"]
    problem(api.get(f"database/editions/{earlier}/999999/"), 404)
    problem(api.get(paths["needs"], state="lost"), 422)
    problem(api.get(paths["needs"], partner="albania"), 422)
