"""A visitor reads the public site in a real browser; axe-core finds no accessibility issue.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

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


def test_visitor_reads_the_report_and_every_page_is_accessible(page, demo_site):
    visit_home_pillar_report_and_download_the_pdf(page, demo_site)
    assert accessibility_violations(page, demo_site) == {}
