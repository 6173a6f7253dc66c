"""The public site in the region's languages, in a real browser: the switcher keeps the visitor
on the same page, and axe-core finds no issue on translated pages, on English pages shown
under a language's address (their English text marked as such), or on search in Albanian.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.e2e.browser import axe_violations

pytestmark = pytest.mark.browser

AUDITED_PAGES = [
    "/sq/",
    "/sq/wbcti/",
    "/sq/news/",
    "/sq/reports/",
    # The report has no Albanian translation: English content in an Albanian page.
    "/sq/reports/biennial-needs-mapping-2021-2022/",
    "/sq/search/?q=kufirit",
    "/mk/",
    "/mk/membership/apply/",
    "/sr/",
]


@pytest.fixture
def with_demo_translations(settings):
    """load_demo (demo_site, requested after this) translates the demo's public pages into
    Albanian and Macedonian (demonstration translations)."""
    settings.IISG_DEMO_TRANSLATIONS = True


def test_the_switcher_and_translated_pages_in_a_browser(page, with_demo_translations, demo_site):
    translated_demo = demo_site
    page.goto(translated_demo + "/wbcti/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Shqip").click()
    page.wait_for_url(translated_demo + "/sq/wbcti/")
    assert page.locator("html").get_attribute("lang") == "sq"

    with translation.override("sq"):  # the switcher, as an Albanian reader finds it
        switcher = page.get_by_role("navigation", name=gettext("Languages"))
    assert switcher.get_by_text("Shqip").get_attribute("aria-current") == "true"
    switcher.get_by_role("link", name="Македонски").click()
    page.wait_for_url(translated_demo + "/mk/wbcti/")
    assert page.locator("html").get_attribute("lang") == "mk"
    assert page.locator('link[rel="alternate"][hreflang="sq"]').count() == 1

    page.goto(translated_demo + "/sq/")
    heading = page.locator("h1").first.inner_text()
    assert heading == "Qeverisja e Integruar e Sigurisë së Brendshme"
    # A link from an Albanian page keeps the visitor in Albanian.
    page.get_by_role("link", name="WBCTi", exact=True).first.click()
    page.wait_for_url(translated_demo + "/sq/wbcti/")

    assert axe_violations(page, translated_demo, AUDITED_PAGES) == {}
