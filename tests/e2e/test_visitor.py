"""A visitor reads the public site in a real browser; axe-core finds no accessibility issue."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def test_visitor_goes_from_home_to_pillar_to_report_and_downloads_the_pdf(page, demo_site):
    page.goto(demo_site + "/")
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


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/wbcti/",
        "/news/",
        "/news/wbcti-support-group-meets-in-prishtina-on-the-needs-mapping-template/",
        "/reports/biennial-needs-mapping-2021-2022/",
        "/search/?q=border",
    ],
)
def test_axe_finds_no_violations(page, demo_site, path):
    page.goto(demo_site + path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
