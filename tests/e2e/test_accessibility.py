"""axe-core finds no violation on the members' pages (every list, its filters and exports), as
a member opens them in chromium; the API's documentation page declares its language and has
its main landmark (Swagger UI's own markup is not ours to fix)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBERS = [
    "/members/",
    "/members/needs/",
    "/members/responses/",
    "/members/analysis/gaps/",
    "/members/analysis/coverage/",
    "/members/analysis/overlaps/",
    "/members/analysis/charts/",
    "/members/analysis/charts/?shade=gaps",
    "/members/partners/XK/",
    "/members/documents/",
    "/members/api-tokens/",
]


def violations(page):
    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


def test_members_pages_pass_axe_and_the_api_docs_have_language_and_main(page, demo_site):
    page.goto(demo_site + "/api/v3/docs/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("main").locator(".opblock").count() > 10  # the operations
    rules = {item["id"] for item in Axe().run(page).response["violations"]}
    assert not rules & {"html-has-lang", "landmark-one-main", "region"}

    # One journey per file: a live-server test empties the database when it ends.
    found = {}
    sign_in(page, demo_site, "focal-unodc", "iisg-demo-2026", "/members/")
    for path in MEMBERS:
        page.goto(demo_site + path)
        page.wait_for_load_state("networkidle")
        found[path] = violations(page)
    assert {path: report for path, report in found.items() if report} == {}
