"""A partner's focal point in a real browser: Albania's focal point compares the two editions
of the needs mapping, then confirms, on a need's page, that a response answers the need for
Albania; the page counts the coverage as claimed and confirmed.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import pytest
from playwright.sync_api import expect

from needs_snippets.models import Need
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.browser

USERNAME = "board-al"  # Albania's focal point (its Board member)
PASSWORD = "iisg-demo-2026"
NEED = "WBCTi-PRE-LEG-01"
RESPONSE = "EU support to preventing and countering violent extremism in the Western Balkans"


def test_albania_compares_the_editions_and_confirms_a_response(page, demo_site):
    base_url = demo_site
    sign_in(page, base_url, USERNAME, PASSWORD, "/members/")
    expect(page).to_have_url(base_url + "/members/")

    page.get_by_role("navigation", name="Members area").get_by_role(
        "link", name="Editions compared"
    ).click()
    expect(page.get_by_text("2021–2022 → 2023–2024")).to_be_visible()
    renamed = page.get_by_role("row").filter(has_text="WBCSCi-PRE-INS-04")
    expect(renamed).to_contain_text("Continuing")
    expect(renamed).to_contain_text("WBCSCi-PRE-INS-01")
    page.get_by_label("State").select_option(label="Met")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_text("Evidence: Passenger information units set up")).to_be_visible()

    need = Need.objects.get(reference_code=NEED, cycle__edition="2021–2022")
    page.goto(f"{base_url}/members/needs/{need.pk}/")
    albania = (
        page.get_by_role("region", name="Partners and coverage", exact=True)
        .locator("tbody tr")
        .filter(has=page.get_by_role("rowheader", name="Albania", exact=True))
    )
    expect(albania).to_contain_text("Claimed by 1, confirmed by 0")
    expect(albania).to_contain_text("Not confirmed yet")
    albania.get_by_role("button", name=f"Confirm {RESPONSE} (illustrative) for Albania").click()

    expect(page.get_by_text("Recorded: Albania confirmed")).to_be_visible()
    expect(albania).to_contain_text("Claimed by 1, confirmed by 1")
    expect(albania).to_contain_text("Confirmed by Albania")
    # Serbia's focal point has not confirmed it: not Albania's to decide, so no button there.
    serbia = (
        page.get_by_role("region", name="Partners and coverage", exact=True)
        .locator("tbody tr")
        .filter(has=page.get_by_role("rowheader", name="Serbia", exact=True))
    )
    expect(serbia.get_by_role("button")).to_have_count(0)
