"""The Content-Security-Policy blocks nothing the product itself needs: the public site, the
report, the API docs, the sign-in pages, the members area and the Wagtail admin (dashboard,
listings, the page editor, reports) run in chromium without one violation."""

import pytest

from tests.e2e.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = ["/", "/reports/biennial-needs-mapping-2021-2022/", "/search/?q=border", "/login/"]
SIGNED_IN = [
    "/members/",
    "/members/analysis/coverage/",
    "/account/2fa/",
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/needs_snippets/need/",
    "/admin/documents/",
    "/admin/reports/site-history/",
    "/",
]


def test_no_page_breaks_the_policy(page, demo_site):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for path in [*PUBLIC, "/api/v3/docs/"]:
        page.goto(demo_site + path)
        page.wait_for_load_state("networkidle")
    sign_in(page, demo_site, "secretariat", "iisg-demo-2026", "/admin/")
    for path in SIGNED_IN:
        page.goto(demo_site + path)
        page.wait_for_load_state("networkidle")
    page.goto(demo_site + "/admin/pages/")
    editor = page.locator("a[href*='/edit/']").first.get_attribute("href")
    page.goto(demo_site + editor)
    page.wait_for_load_state("networkidle")
    assert page.locator("form").count() > 0
    assert violations == []
