"""The database API counts confirmed responses only when asked (`count=confirmed`)."""

import pytest

from needs_snippets.models import ResponseConfirmation
from tests.api.client import problem

pytestmark = pytest.mark.django_db


def test_gaps_overlaps_and_coverage_count_confirmed_only_when_asked(api_as, world):
    api = api_as("member_a")
    code = world["need"].reference_code
    assert code not in [n["reference_code"] for n in api.get("database/gaps/").json()["items"]]
    gaps = api.get("database/gaps/", count="confirmed").json()["items"]
    assert code in [n["reference_code"] for n in gaps]
    assert api.get("database/overlaps/").json()["count"] > 0
    assert api.get("database/overlaps/", count="confirmed").json()["count"] == 0
    ResponseConfirmation.objects.create(
        response=world["a_open"], need=world["need"], partner=world["partners"]["AL"],
        verdict="confirmed",
    )  # fmt: skip
    cells = api.get("database/coverage/").json()["cells"]
    albania = [c for c in cells if c["partner"] == "AL" and c["needs"]]
    assert [(c["covered"], c["confirmed"]) for c in albania] == [(1, 1)]
    serbia = [c for c in cells if c["partner"] == "RS" and c["needs"]]
    assert [(c["covered"], c["confirmed"]) for c in serbia] == [(1, 0)]
    # Gaps of one partner: confirmed for Albania, the need is a gap for Serbia only.
    for partner, listed in [("AL", False), ("RS", True)]:
        gaps = api.get("database/gaps/", count="confirmed", partner=partner).json()["items"]
        assert (code in [n["reference_code"] for n in gaps]) is listed
    problem(api.get("database/gaps/", count="maybe"), 422)
