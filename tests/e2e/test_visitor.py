"""The public site and the report's approval in a real browser; axe-core finds no issue.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

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


def accessibility_violations(page, base_url):
    """axe-core's report for each audited page that has any violation."""
    axe = Axe()
    reports = {}
    for path in AUDITED_PAGES:
        page.goto(base_url + path)
        results = axe.run(page)
        if results.violations_count:
            reports[path] = results.generate_report()
    return reports


REVIEWERS = ["reviewer-wbcti", "reviewer-wbcsci", "reviewer-wbbsi"]
BOARD = ["board-al", "board-ba", "board-xk", "board-me", "board-mk", "board-rs", "board-ec"]
NEW_SUMMARY = "The needs of the six partners, as approved again by the Board in this journey."


def sign_in(browser, base_url, username):
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(base_url + "/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "iisg-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    return page


def approve_the_report_in_the_admin(browser, base_url, report):
    """The Secretariat edits and submits the report; every reviewer and Board member approves
    it in the editor, each with their own login."""
    edit_url = f"{base_url}/admin/pages/{report.pk}/edit/"
    page = sign_in(browser, base_url, "secretariat")
    page.goto(edit_url)
    page.fill("#id_summary", NEW_SUMMARY)
    with page.expect_navigation():
        page.locator('button[name="action-submit"]').evaluate("button => button.click()")
    assert "has been submitted for moderation" in page.content()
    page.context.close()

    for username in REVIEWERS + BOARD:
        page = sign_in(browser, base_url, username)
        page.goto(edit_url)
        approve = page.locator(
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        )
        with page.expect_navigation():
            approve.evaluate("button => button.click()")
        assert Ballot.objects.filter(user__username=username, decision="approve").exists()
        page.context.close()


def test_the_report_in_a_browser_from_approval_to_visitors(browser, page, demo_site):
    from iisg_pages.models import ReportPage

    visit_home_pillar_report_and_download_the_pdf(page, demo_site)
    assert accessibility_violations(page, demo_site) == {}

    report = ReportPage.objects.get()
    approve_the_report_in_the_admin(browser, demo_site, report)
    report.refresh_from_db()
    assert report.summary == NEW_SUMMARY and report.live and not report.has_unpublished_changes

    page.goto(demo_site + report.url)
    assert NEW_SUMMARY in page.content()
    visit_home_pillar_report_and_download_the_pdf(page, demo_site)
