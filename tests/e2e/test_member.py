"""A member's journey through the secure database in a real browser.

The focal point of UNODC signs in to the members area, lists the needs of Albania that no
response answers, opens the first one, exports the filtered list to Excel, reads the coverage
heat map for Albania in that need's pillar and area, adds a response answering the need for
Albania in the Wagtail admin, and sees the heat map and the need's page count it.

One test on purpose: a live-server test empties the database when it ends (see conftest).
"""

import re
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in

pytestmark = pytest.mark.browser

USERNAME = "focal-unodc"
PASSWORD = "iisg-demo-2026"
MEMBER = "United Nations Office on Drugs and Crime"
PARTNER = "Albania"
GAP = "Gap: no response"
RESPONSE_TITLE = "UNODC mentoring for Albanian financial investigators"
RESPONSE_DESCRIPTION = (
    "Mentoring of the financial investigators of the Albanian State Police by UNODC experts, "
    "answering a need mapped as a gap."
)
SENSITIVE_INFORMATION_NOTICE = (
    "IISG members are not expected to share sensitive information. Do not enter operational "
    "law-enforcement data or intelligence here."
)
KOSOVO_FOOTNOTE = "*This designation is without prejudice to positions on status"
CELL_SENTENCE = re.compile(
    r": (\d+) of (\d+) needs? of (.+) in (.+?), (.+) answered by (\d+) responses?$"
)


def sign_in_to_the_members_area(page, base_url):
    sign_in(page, base_url, USERNAME, PASSWORD, "/members/")
    expect(page).to_have_url(base_url + "/members/")
    expect(page.get_by_role("heading", name="Members area", level=1)).to_be_visible()


def members_nav(page, name):
    page.get_by_role("navigation", name="Members area").get_by_role(
        "link", name=name, exact=True
    ).click()


def column(table, header):
    """The text of each body row's cell under `header` (as written, whatever the CSS case)."""
    index = [text.strip() for text in table.locator("thead th").all_text_contents()].index(header)
    return [
        row.locator("th, td").nth(index).text_content().strip()
        for row in table.locator("tbody tr").all()
    ]


def needs_table(page):
    return page.get_by_role("table", name="Needs")


def list_the_gaps_of_the_partner(page, base_url):
    """Filter the needs by partner and coverage; return the shareable URL and listed codes."""
    members_nav(page, "Needs")
    expect(page).to_have_url(base_url + "/members/needs/")
    expect(page.get_by_role("heading", name="Needs", level=1)).to_be_visible()

    partner = page.get_by_label("Partner", exact=True)
    partner.select_option(label=PARTNER)
    partner_value = partner.input_value()
    page.get_by_label("Coverage").select_option(label=GAP)
    page.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(re.compile(r"[?&]coverage=gap(&|$)"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["partner"] == [partner_value] and query["coverage"] == ["gap"]
    summary = page.locator(".list-summary").get_by_role("status")
    expect(summary).to_have_text(re.compile(rf"^\d+ needs? matching Partner: {PARTNER}; "))
    expect(summary).to_contain_text(f"Coverage: {GAP}")

    table = needs_table(page)
    codes = column(table, "Code")
    assert codes, "no need of the partner is a gap: the journey needs one"
    assert all(PARTNER in partners.split(", ") for partners in column(table, "Partners"))
    assert set(column(table, "Coverage")) == {"Gap"}
    summary_count = int(summary.text_content().split()[0])
    assert summary_count == len(codes)

    # The URL is the list: opened afresh, it shows the same filters and rows.
    shared = page.context.new_page()
    shared.goto(page.url)
    expect(shared.get_by_label("Partner", exact=True)).to_have_value(partner_value)
    expect(shared.get_by_label("Coverage")).to_have_value("gap")
    assert column(needs_table(shared), "Code") == codes
    shared.close()
    return page.url, codes


def open_the_first_need(page):
    """Open the first listed need; return its code, pillar, area and URL as the page shows."""
    first = needs_table(page).locator("tbody tr").first
    code = first.get_by_role("rowheader").text_content().strip()
    first.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    expect(page.locator("h1 .code")).to_have_text(code)
    lead = page.locator("p.lead").text_content().strip().split(" · ")
    assert len(lead) == 5, lead
    pillar, _axis = lead[1].split(": ", 1)
    area = lead[2]
    expect(partner_coverage(page, PARTNER)).to_have_text("Gap")
    return {"code": code, "pillar": pillar, "area": area, "url": page.url}


def partner_row(page, partner):
    table = page.get_by_role("region", name="Partners and coverage", exact=True)
    return table.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=partner, exact=True)
    )


def partner_coverage(page, partner):
    """The "Covered?" cell of the partner's row in the need's coverage table."""
    # Status, where, due, its state of play, then whether it is covered.
    return partner_row(page, partner).get_by_role("cell").nth(4)


def partner_responses(page, partner):
    """The "Responses for this partner" cell of the partner's row."""
    return partner_row(page, partner).get_by_role("cell").last


def export_the_list_to_excel(page, tmp_path):
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))


def check_the_export(rows, codes, need_code):
    """Preamble, header, exactly the listed needs, and the Kosovo* footnote at the bottom."""
    first_cells = [row[0] for row in rows]
    assert first_cells[0] == "IISG Hub — Needs"
    assert first_cells[1].startswith("Exported: ")
    assert first_cells[2].startswith("Filters: ")
    assert f"Partner: {PARTNER}" in first_cells[2]
    assert GAP in first_cells[2]
    header = first_cells.index("Reference code")
    data = [row for row in rows[header + 1 :] if row[0] and not row[0].startswith("*")]
    assert [row[0] for row in data] == codes
    assert need_code in [row[0] for row in data]
    partners = rows[header].index("Partners that identified it")
    assert all(PARTNER in row[partners].split(", ") for row in data)
    last = [cell for cell in first_cells if cell][-1]
    assert last.startswith(KOSOVO_FOOTNOTE)


def coverage_cell(page, base_url, pillar, area):
    """(answered, identified, responses) in the heat map cell of the partner, pillar, area;
    the visible figures and the sentence read to screen readers agree."""
    members_nav(page, "Coverage")
    expect(page).to_have_url(base_url + "/members/analysis/coverage/")
    heatmap = page.locator("table.heatmap")
    row = heatmap.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=PARTNER, exact=True)
    )
    cell = row.get_by_role("cell").filter(
        has_text=f" needs of {PARTNER} in {pillar}, {area} answered by "
    )
    expect(cell).to_have_count(1)
    ratio = cell.locator(".heat__ratio").text_content().strip()
    responses = cell.locator(".heat__responses").text_content().strip()
    sentence = cell.locator(".visually-hidden").text_content().strip()
    visible = re.fullmatch(r"(\d+)/(\d+)", ratio), re.fullmatch(r"(\d+) resp\.", responses)
    assert all(visible), (ratio, responses)
    spoken = CELL_SENTENCE.search(sentence)
    assert spoken, sentence
    assert spoken.group(3, 4, 5) == (PARTNER, pillar, area)
    figures = tuple(int(n) for n in (*visible[0].groups(), visible[1].group(1)))
    assert figures == (int(spoken.group(1)), int(spoken.group(2)), int(spoken.group(6)))
    return figures


def add_a_response_answering(page, base_url, need):
    """From the dashboard, add a response for the partner that answers `need`."""
    members_nav(page, "Dashboard")
    page.get_by_role("link", name="Add a response").click()
    expect(page).to_have_url(base_url + "/admin/snippets/needs_snippets/response/add/")
    expect(page.get_by_text(SENSITIVE_INFORMATION_NOTICE)).to_be_visible()
    # Wagtail's panels are labelled by their headings too: ask for the form controls.
    reporting_member = page.get_by_role("combobox", name="Reporting member")
    expect(reporting_member.locator("option:checked")).to_have_text(MEMBER)
    expect(reporting_member.locator("option:not([value=''])")).to_have_text([MEMBER])

    page.get_by_role("textbox", name="Title").fill(RESPONSE_TITLE)
    page.get_by_role("textbox", name="Description").fill(RESPONSE_DESCRIPTION)
    page.get_by_role("combobox", name="Pillar").select_option(label=need["pillar"])
    page.get_by_role("checkbox", name=PARTNER, exact=True).check()

    choose_the_need(page, need)
    chosen = page.get_by_role("region", name="Needs answered").locator("[data-chooser-title]")
    expect(chosen).to_have_text([re.compile(rf"^{re.escape(need['code'])} ")])

    page.get_by_role("button", name="Save", exact=True).click()
    messages = page.locator(".messages")
    expect(messages).to_contain_text(f"Response '{RESPONSE_TITLE}' created.")
    expect(messages).not_to_contain_text("error")
    expect(page.locator(".error-message")).to_have_count(0)


def choose_the_need(page, need):
    """In the need chooser, filter by the need's pillar and the partner, search for the code,
    tick the need and confirm."""
    needs_answered = page.get_by_role("region", name="Needs answered")
    needs_answered.get_by_role("button", name=re.compile(r"^Add needs?$")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Choose need")).to_be_visible()
    # Labelled within the dialog: not by a label that names the form's field behind it.
    pillar, partner = dialog.get_by_label("Pillar"), dialog.get_by_label("Partner")
    expect(pillar, "the chooser's Pillar filter is labelled").to_be_visible()
    expect(partner, "the chooser's Partner filter is labelled").to_be_visible()
    pillar.select_option(label=need["pillar"])
    partner.select_option(label=PARTNER)
    dialog.get_by_label("Search term").fill(need["code"])
    # The results of a search are announced; only then is the list the search's.
    expect(dialog.get_by_role("alert")).to_have_text("There is 1 match")
    checkbox = dialog.get_by_role("checkbox", name=re.compile(rf"^{re.escape(need['code'])} "))
    checkbox.check()
    expect(checkbox).to_be_checked()
    dialog.get_by_role("button", name="Confirm selection").click()
    expect(dialog).to_be_hidden()


def test_a_member_finds_a_gap_exports_it_and_answers_it(page, demo_site, tmp_path):
    """A focal point signs in to the members area; lists the needs of Albania that no response
    answers (the filters travel in the URL); opens the first; exports the filtered list to
    Excel (preamble with the filters, the listed needs, the Kosovo* footnote); reads the heat map
    cell of Albania in the need's pillar and area; adds, from the dashboard, a response in the
    Wagtail admin for Albania answering the need (chosen in the need chooser); and then sees one
    more need answered and one more response in that cell, and the response on the need's page,
    Albania now covered.
    """
    sign_in_to_the_members_area(page, demo_site)

    needs_url, codes = list_the_gaps_of_the_partner(page, demo_site)
    need = open_the_first_need(page)
    assert need["code"] == codes[0]
    partners = page.get_by_role("region", name="Partners and coverage", exact=True).locator(
        "tbody th"
    )
    other_partners = [name.strip() for name in partners.all_text_contents()]
    other_partners.remove(PARTNER)
    # The others' coverage, which answering the need for Albania leaves as it is.
    others = {p: partner_coverage(page, p).text_content().strip() for p in other_partners}

    page.go_back()
    expect(page).to_have_url(needs_url)
    check_the_export(export_the_list_to_excel(page, tmp_path), codes, need["code"])

    answered, identified, responses = coverage_cell(page, demo_site, need["pillar"], need["area"])
    assert answered < identified

    add_a_response_answering(page, demo_site, need)

    page.goto(demo_site + "/members/")
    assert coverage_cell(page, demo_site, need["pillar"], need["area"]) == (
        answered + 1,
        identified,
        responses + 1,
    )

    page.goto(need["url"])
    summary = page.locator("p", has=page.locator(".tag")).first
    if "Gap" in others.values():  # still a gap for some of them, no longer for Albania
        expect(summary).to_contain_text("No ongoing or planned response you can see")
        expect(summary).not_to_contain_text(PARTNER)
    else:
        expect(summary).to_contain_text("Answered for every partner")
    answering = page.get_by_role("heading", name="Responses answering it").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(answering.get_by_role("listitem")).to_have_text(
        [re.compile(rf"^{re.escape(RESPONSE_TITLE)}, {MEMBER} · ")]
    )
    expect(answering.get_by_role("link", name=RESPONSE_TITLE)).to_be_visible()
    expect(partner_coverage(page, PARTNER)).to_have_text("Covered")
    expect(partner_responses(page, PARTNER)).to_contain_text(RESPONSE_TITLE)
    for partner, before in others.items():
        expect(partner_coverage(page, partner)).to_have_text(before)
