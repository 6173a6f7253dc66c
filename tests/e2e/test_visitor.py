"""The public site and the report's approval in a real browser; axe-core finds no issue.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import pytest

from tests.e2e.browser import axe_violations
from tests.e2e.browser import sign_in as sign_in_with_second_factor
from workflows.models import Ballot

pytestmark = pytest.mark.browser

AUDITED_PAGES = [
    "/",
    "/wbcti/",
    "/news/",
    "/news/wbcti-support-group-meets-in-prishtina-on-the-needs-mapping-template/",
    "/reports/biennial-needs-mapping-2021-2022/",
    "/search/?q=border",
    "/membership/apply/",
]


def visit_home_pillar_report_and_download_the_pdf(page, base_url):
    page.goto(base_url + "/")
    assert page.locator("h1").first.inner_text() == "Integrative Internal Security Governance"

    page.get_by_role("link", name="WBCTi", exact=True).first.click()
    assert page.locator("h1").inner_text() == "WBCTi"
    assert page.get_by_role("table").first.is_visible()

    page.get_by_role("link", name="Read the whole report").click()
    assert "Biennial Needs Mapping Report 2021–2022" in page.locator("h1").inner_text()
    assert page.get_by_role("navigation", name="Contents").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


REVIEWERS = {"reviewer-wbcti": "WBCTi", "reviewer-wbcsci": "WBCSCi", "reviewer-wbbsi": "WBBSi"}
BOARD = ["board-al", "board-ba", "board-xk", "board-me", "board-mk", "board-rs", "board-ec"]
FIRST_SUMMARY = "The needs of the six partners, as first submitted in this journey."
NEW_SUMMARY = "The needs of the six partners, as approved again by the Board in this journey."


def sign_in(browser, base_url, username):
    page = browser.new_context(accept_downloads=True).new_page()
    sign_in_with_second_factor(page, base_url, username, "iisg-demo-2026", "/admin/")
    return page


def current_step(report):
    from wagtail.models import WorkflowState

    return WorkflowState.objects.get(
        status="in_progress", object_id=str(report.pk)
    ).current_task_state


def submit_with_summary(browser, base_url, report, summary, withdraw=False):
    """The Secretariat changes the summary and submits the report, its primary action; with
    `withdraw`, it first withdraws the report from the Board's vote (nobody edits during it)."""
    page = sign_in(browser, base_url, "secretariat")
    page.goto(f"{base_url}/admin/pages/{report.pk}/edit/")
    if withdraw:
        assert page.locator("#id_summary").is_disabled() or "locked" in page.content().lower()
        with page.expect_navigation():
            page.locator('button[name="action-cancel-workflow"]').evaluate("b => b.click()")
    page.fill("#id_summary", summary)
    primary = page.locator("footer button").first
    assert "Submit to Biennial report approval" in primary.inner_text()
    with page.expect_navigation():
        primary.click()
    assert "has been submitted for moderation" in page.content()
    page.context.close()


def decide(browser, base_url, report, username, button, confirmation):
    """`username` opens the decision (the link of their e-mail), takes it with `button` and
    lands on a confirmation of what they did."""
    page = sign_in(browser, base_url, username)
    page.goto(f"{base_url}/admin/decisions/{current_step(report).pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    assert confirmation in page.locator("[role=status]").all_inner_texts()[-1]
    assert "permission" not in page.content().lower()
    page.context.close()


def review_and_vote(browser, base_url, report, voters=BOARD):
    for username, pillar in REVIEWERS.items():
        decide(
            browser, base_url, report, username, f"Approve for Support Group {pillar}",
            "Your approval is recorded",
        )  # fmt: skip
    for number, username in enumerate(voters, start=1):
        decide(
            browser, base_url, report, username, f"Approve (vote {number} of 7)",
            "Your approval is recorded",
        )  # fmt: skip


def approve_the_report_in_the_admin(browser, base_url, report):
    """A corrigendum of the adopted report: the Secretariat submits a change; the reviewers
    approve it and three seats vote; the Secretariat withdraws it to edit again, which starts
    the approval again; the reviewers and all seven seats approve the new revision, which is
    what is published."""
    submit_with_summary(browser, base_url, report, FIRST_SUMMARY)
    review_and_vote(browser, base_url, report, voters=BOARD[:3])
    submit_with_summary(browser, base_url, report, NEW_SUMMARY, withdraw=True)
    assert current_step(report).task.name == "Support Group review"
    review_and_vote(browser, base_url, report)
    final = Ballot.objects.filter(decision="approve", seat_key__startswith="board-seat:")
    last_vote = final.order_by("-cast_at").first().task_state
    assert last_vote.ballots.count() == 7
    assert {b.revision_id for b in last_vote.ballots.all()} == {last_vote.revision_id}
    report.refresh_from_db()
    assert report.live_revision_id == last_vote.revision_id


def test_the_report_in_a_browser_from_approval_to_visitors(browser, page, demo_site):
    from iisg_pages.models import ReportPage

    visit_home_pillar_report_and_download_the_pdf(page, demo_site)
    assert axe_violations(page, demo_site, AUDITED_PAGES) == {}

    report = ReportPage.objects.get()
    approve_the_report_in_the_admin(browser, demo_site, report)
    report.refresh_from_db()
    assert report.summary == NEW_SUMMARY and report.live and not report.has_unpublished_changes

    page.goto(demo_site + report.url)
    assert NEW_SUMMARY in page.content()
    visit_home_pillar_report_and_download_the_pdf(page, demo_site)
