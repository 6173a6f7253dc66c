"""axe-core finds no violation on the members' pages (every list, its filters and exports), as
a member opens them in chromium, nor on the API's documentation page as a developer uses it:
every operation open, "Try it out", a request executed, the authorisation dialog."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.browser import axe_violations, sign_in

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


def api_docs_violations(page, demo_site):
    """axe-core's report at each step of using the API docs page, by step."""
    page.goto(demo_site + "/api/v3/docs/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("main").locator(".opblock").count() > 10  # the operations
    found = {"opened": violations(page)}
    summaries = page.locator(".opblock-summary-control")
    for index in range(summaries.count()):
        summaries.nth(index).click()
    page.get_by_role("button", name="Try it out").first.wait_for()
    found["every operation expanded"] = violations(page)
    try_out = page.get_by_role("button", name="Try it out")
    while try_out.count():
        try_out.first.click()
    found["try it out"] = violations(page)
    page.get_by_role("button", name="Execute").first.click()
    page.locator(".live-responses-table").first.wait_for()
    found["a request executed"] = violations(page)
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".modal-ux").wait_for()
    found["authorisation dialog"] = violations(page)
    return {step: report for step, report in found.items() if report}


def test_members_pages_and_the_api_docs_pass_axe(page, demo_site):
    assert api_docs_violations(page, demo_site) == {}

    # One journey per file: a live-server test empties the database when it ends.
    sign_in(page, demo_site, "focal-unodc", "iisg-demo-2026", "/members/")
    assert axe_violations(page, demo_site, MEMBERS) == {}
