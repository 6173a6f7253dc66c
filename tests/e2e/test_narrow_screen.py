"""The report on a phone (360 px): needs read as cards, without scrolling sideways, each with
its partners named; chapters fold; the page and a one-partner extract pass axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = "/reports/biennial-needs-mapping-2021-2022/"


def test_the_report_reads_on_a_phone(page, demo_site):
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(demo_site + REPORT)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    overflowing = page.evaluate(
        """Array.from(document.querySelectorAll('table.needs-table tbody tr[id]'))
            .filter(row => row.getBoundingClientRect().right > 360).length"""
    )
    assert overflowing == 0
    card = page.locator("#need-WBCTi-ANT-OPE-01")
    for code in ["AL", "BA", "XK*", "ME", "MK", "RS"]:  # identified by all six
        assert card.get_by_text(code, exact=True).is_visible()
    # Chapters fold from their title, and open again.
    chapter = page.locator("details.chapter__fold").first
    chapter.locator("summary").click()
    assert chapter.get_attribute("open") is None
    chapter.locator("summary").click()
    assert chapter.get_attribute("open") == ""
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    # One partner's extract reads the same way.
    page.goto(demo_site + REPORT + "partner/XK/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("table.needs-table tbody tr[id]").count() > 0
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
