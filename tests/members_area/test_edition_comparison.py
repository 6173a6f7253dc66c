"""Editions compared in the members area: states, counts and changes of two editions,
filtered and exported, without naming responses the reader may not see."""

import csv
import io

import pytest

from needs_snippets.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def compared(area, two_editions):
    """The members area over two editions; the response that met a need is B's, restricted."""
    Response.objects.filter(title="Financial investigations training").update(
        reporting_member=area["org_b"], sensitivity=Response.Sensitivity.RESTRICTED
    )
    return {**area, **two_editions, "url": area["page"].url + "analysis/editions/"}


def test_a_member_compares_the_latest_two_editions(client, compared):
    client.force_login(compared["users"]["member_a"])
    page = client.get(compared["url"]).content.decode()
    assert "2021–2022 → 2023–2024" in page
    assert "WBCSCi-PRV-07</a> Cybercrime units" in page and ">WBCSCi-PRE-03</a>" in page
    assert "<del>parallel financial investigations.</del>" in page
    assert "<ins>witness protection.</ins>" in page
    assert "Evidence: Units set up in Albania and Serbia in 2022." in page
    assert "Reason: Merged into the WBBSi port controls need." in page
    assert "No reason recorded yet" in page
    # The response that met it is B's and restricted: member A is not told its title.
    assert "Financial investigations training" not in page


def test_the_secretariat_sees_the_responses_that_met_a_need(client, compared):
    client.force_login(compared["users"]["secretariat"])
    assert (
        "Met by: Financial investigations training" in client.get(compared["url"]).content.decode()
    )


def test_filters_narrow_the_needs_and_the_counts(client, compared):
    client.force_login(compared["users"]["member_a"])
    page = client.get(compared["url"], {"partner": "ME", "state": "new"}).content.decode()
    assert "WBCSCi-PRE-09" in page and "WBCSCi-PRE-02" not in page
    assert "1 need." in page


@pytest.mark.parametrize(
    "params, message",
    [
        ({"state": "lost"}, "State: Select a valid choice"),
        ({"partner": "FR"}, "Partner: Select a valid choice"),
        ({"earlier": "abc"}, "Earlier edition: Select a valid choice"),
    ],
)
def test_a_wrong_value_is_refused_with_what_to_fix(client, compared, params, message):
    client.force_login(compared["users"]["member_a"])
    refused = client.get(compared["url"], params)
    assert refused.status_code == 400 and message in refused.content.decode()


def test_the_editions_must_be_in_order(client, compared):
    client.force_login(compared["users"]["member_a"])
    swapped = {"earlier": compared["later"].pk, "later": compared["earlier"].pk}
    refused = client.get(compared["url"], swapped)
    assert refused.status_code == 400 and "swap them" in refused.content.decode()
    assert client.get(compared["url"], {**swapped, "export": "csv"}).status_code == 400


def test_the_export_says_which_editions_and_filters(client, compared):
    client.force_login(compared["users"]["member_a"])
    exported = client.get(compared["url"], {"state": "changed", "export": "csv"})
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert "Editions: 2021–2022 → 2023–2024; State: Changed" in rows[2][0]
    (line,) = [row for row in rows if row and row[0] == "Changed"]
    assert line[1] == "WBCSCi-PRE-02" and "Measure: M1 → M2" in line[7]
