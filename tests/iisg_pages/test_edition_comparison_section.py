"""The report's section comparing its edition with the one before: its figures and needs are
frozen at adoption like the rest of the edition."""

import json

import pytest

from iisg_pages.demo_blocks import chapter, edition_comparison
from iisg_pages.models import ReportIndexPage, ReportPage
from needs_snippets.models import Need, NeedOutcome, Response
from tests.default_site import default_site_home

pytestmark = pytest.mark.django_db


def report_for(cycle, slug, reports):
    report = ReportPage(
        title=f"Report {cycle.edition}", slug=slug, cycle=cycle, summary="The needs.",
        body=json.dumps([chapter("Compared", [edition_comparison()])]),
    )  # fmt: skip
    reports.add_child(instance=report)
    report.save_revision().publish()
    report.refresh_from_db()
    return report


@pytest.fixture
def reports(two_editions):
    home = default_site_home()
    index = home.add_child(instance=ReportIndexPage(title="Reports", slug="reports"))
    for page in (home, index):
        page.save_revision().publish()
    Response.objects.filter(title="Financial investigations training").update(sensitivity="public")
    return {
        **two_editions,
        "earlier_report": report_for(two_editions["earlier"], "report-2021", index),
        "later_report": report_for(two_editions["later"], "report-2023", index),
    }


def test_the_section_shows_what_became_of_the_needs_of_the_edition_before(client, reports):
    html = client.get(reports["later_report"].url).content.decode()
    assert "Compared with 2021–2022" in html
    assert "<strong>WBCSCi-PRV-07</strong> Cybercrime units (was WBCSCi-PRE-03)" in html
    assert "Evidence: Units set up in Albania and Serbia in 2022." in html
    assert "Met by: Financial investigations training." in html  # a public response
    assert "Reason: Merged into the WBBSi port controls need." in html
    assert "Changed: Gap; Measure (M1 → M2); Partners (AL, RS → AL, ME, RS)" in html


def test_a_first_edition_says_there_is_nothing_to_compare(client, reports):
    html = client.get(reports["earlier_report"].url).content.decode()
    assert "there is no earlier edition to compare it with" in html


def test_later_work_does_not_change_the_adopted_comparison(client, reports):
    before = client.get(reports["later_report"].url).content.decode()
    NeedOutcome.objects.filter(need=reports["dropped"]).update(reason="A different reason.")
    Need.objects.filter(reference_code="WBCSCi-PRE-09").update(title="Renamed after adoption")
    Response.objects.filter(title="Financial investigations training").update(
        sensitivity="restricted"
    )
    after = client.get(reports["later_report"].url).content.decode()
    assert "Merged into the WBBSi port controls need." in after
    assert "Crypto-asset tracing" in after and "Renamed after adoption" not in after
    snapshot = ReportPage.objects.get(pk=reports["later_report"].pk).edition_snapshot
    assert snapshot["comparison"]["earlier"]["edition"] == "2021–2022"
    assert before.count("<li>") == after.count("<li>")


def test_the_report_names_only_responses_that_may_be_published(client, two_editions, reports):
    Response.objects.filter(title="Financial investigations training").update(sensitivity="members")
    reports["later_report"].save_revision().publish()  # a new edition frozen now
    html = client.get(reports["later_report"].url).content.decode()
    assert "Financial investigations training" not in html
    assert "Evidence: Units set up in Albania and Serbia in 2022." in html
