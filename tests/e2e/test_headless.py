"""The headless example: a static page on another origin draws the public needs table from
the API alone, and shows the same needs as the HTML report."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

EXAMPLE = Path(settings.BASE_DIR) / "iisg_pages" / "static" / "headless"
REPORT = "/reports/biennial-needs-mapping-2021-2022/"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def other_origin():
    """The example's folder served by a plain static web server, on another port."""
    handler = functools.partial(QuietHandler, directory=str(EXAMPLE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def report_rows(page):
    """Each need of the report once: code → the partners marked as having identified it."""
    rows = {}
    for row in page.locator("table.needs-table tbody tr:has(th[scope=row])").all():
        code = row.locator("th[scope=row]").inner_text().strip()
        rows[code] = row.locator(".visually-hidden").all_inner_texts()
    return rows


def test_the_headless_page_shows_the_reports_needs(page, demo_site, other_origin):
    page.goto(demo_site + REPORT)
    in_report = report_rows(page)
    assert len(in_report) > 20

    page.goto(f"{other_origin}/needs.html?api={demo_site}/api/v3/")
    page.wait_for_selector("#needs-table")
    assert page.locator("#status").inner_text() == f"{len(in_report)} needs, read from the API."
    headless = page.locator("#needs-table tbody tr[data-code]")
    codes = headless.evaluate_all("rows => rows.map(row => row.dataset.code)")
    assert len(codes) == len(set(codes)) == len(in_report)
    assert set(codes) == set(in_report)
    for row in headless.all():
        code = row.get_attribute("data-code")
        assert row.locator(".visually-hidden").all_inner_texts() == in_report[code], code
    assert page.locator("#needs-table thead abbr[title='Kosovo*']").inner_text() == "XK*"
    assert "This designation is without prejudice" in page.locator("#footnote").inner_text()
