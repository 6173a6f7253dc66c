"""IATI in a real browser: UNODC's focal point imports an IATI activity file on the members
area's IATI page, accepts a candidate with the need suggested first, and finds it among its
organisation's responses.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in

pytestmark = pytest.mark.browser

USERNAME = "focal-unodc"
PASSWORD = "iisg-demo-2026"
TITLE = "Regional training on the investigation of firearms trafficking (illustrative)"
ACTIVITY = f"""<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
  <iati-activity xml:lang="en">
    <iati-identifier>XI-IATI-ILLUSTRATIVE-UNODC-042</iati-identifier>
    <reporting-org ref="XI-IATI-ILLUSTRATIVE" type="40">
      <narrative>Illustrative</narrative>
    </reporting-org>
    <title><narrative>{TITLE}</narrative></title>
    <description type="1"><narrative>Investigation of firearms trafficking supply chains and
      exchange of ballistic information.</narrative></description>
    <participating-org role="4"><narrative>Illustrative</narrative></participating-org>
    <activity-status code="1"/>
    <activity-date type="1" iso-date="2023-09-01"/>
    <recipient-country code="RS"/>
  </iati-activity>
</iati-activities>
"""


def test_a_member_imports_an_iati_file_and_accepts_a_candidate(page, demo_site, tmp_path):
    base_url = demo_site
    file = tmp_path / "activities.xml"
    file.write_text(ACTIVITY, encoding="utf-8")
    sign_in(page, base_url, USERNAME, PASSWORD, "/members/iati/")
    expect(page).to_have_url(base_url + "/members/iati/")
    expect(page.get_by_role("heading", name="IATI activity files", level=1)).to_be_visible()

    page.get_by_label("IATI activity file (XML, IATI 2.03)").set_input_files(str(file))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Read 1 activities: 1 new and 0 updated candidates")).to_be_visible()

    candidate = page.get_by_role("form", name=TITLE)
    first_need = candidate.get_by_role("checkbox").first
    expect(first_need).to_be_checked()
    need_code = candidate.locator("label").first.text_content().split()[0]
    assert need_code == "WBCSCi-RES-OPE-01", need_code  # firearms trafficking investigations
    candidate.get_by_role("button", name="Accept as a response").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text(f"“{TITLE}” is now a response of")).to_be_visible()
    expect(page.get_by_role("link", name=need_code)).to_be_visible()
    page.goto(base_url + "/members/responses/?q=firearms")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
