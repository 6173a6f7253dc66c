"""The members area's lists: query counts independent of size, filters, sorting, exports."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from iisg_pages.accounts import sessions
from needs_snippets.models import Response
from tests.factories import bulk_needs, bulk_overlapping_responses

LIST_ROUTES = ["", "needs/", "responses/", "analysis/gaps/", "analysis/overlaps/",
               "analysis/coverage/", "documents/"]  # fmt: skip


def grow(area, count):
    """`count` more live needs, each answered by organisations B and A at once (B first)."""
    need, partner = area["need"], area["partners"]["AL"]
    needs = bulk_needs(
        count, need.cycle, need.pillar, need.axis, need.area, [partner], prefix=f"GROW{count}"
    )
    bulk_overlapping_responses(needs, [area["org_b"], area["org_a"]], partner)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_pages_run_the_same_queries_at_100_and_1000_rows(client, area, monkeypatch):
    """The dashboard, lists and analyses (gaps, overlaps, coverage) alike."""
    # The session's last-seen time is saved once a minute (three queries on whichever page
    # comes then): on a slow machine this test outlasts a minute. Not what it measures.
    monkeypatch.setattr(sessions, "LAST_SEEN_RESOLUTION", float("inf"))
    client.force_login(area["users"]["member_a"])
    base = area["page"].url
    grow(area, 100)
    for route in LIST_ROUTES:  # warm the caches (site root, content types) once
        client.get(base + route)
    small = {route: queries_for(client, base + route) for route in LIST_ROUTES}
    grow(area, 900)
    large = {route: queries_for(client, base + route) for route in LIST_ROUTES}
    assert "Bulk response" in client.get(base + "analysis/overlaps/").content.decode()
    assert large == small


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_filtered_csv_export_says_what_it_is_and_holds_the_filtered_rows(client, area):
    client.force_login(area["users"]["member_a"])
    response = client.get(
        area["page"].url + "responses/",
        {"reporting_member": area["org_a"].pk, "q": "operation", "export": "csv"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="iisg-responses-')
    rows = read_csv(response)
    assert rows[0] == ["IISG Hub — Responses"]
    assert rows[1][0].startswith("Exported: ")
    assert rows[2] == ["Filters: Reporting member: Organisation A; Search: operation"]
    header = rows[4]
    assert header[:3] == ["Title", "Reporting member", "Participating organisations (IATI role)"]
    assert "Visibility" in header
    titles = [row[0] for row in rows[5:] if row]
    assert titles[:-1] == ["Alpha restricted operation"]  # then the Kosovo* footnote
    assert titles[-1].startswith("*This designation is without prejudice")


def test_an_unfiltered_xlsx_export_says_it_is_the_whole_database(client, area):
    client.force_login(area["users"]["member_b"])
    response = client.get(area["page"].url + "needs/", {"export": "xlsx"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["IISG Hub — Needs"]
    assert rows[2] == ["Filters: none (the whole database)"]
    assert rows[4][:2] == ["Reference code", "Title"]
    codes = [row[0] for row in rows[5:] if row]
    assert "WBCSCi-PRV-OPE-01" in codes
    assert "WBCSCi-PRV-OPE-02" not in codes  # the draft need is not published


def test_coverage_export_has_a_row_per_partner_pillar_and_area(client, area):
    client.force_login(area["users"]["member_b"])
    rows = read_csv(client.get(area["page"].url + "analysis/coverage/", {"export": "csv"}))
    header = rows[4]
    assert header == [
        "Partner", "Pillar", "Area", "Needs", "Needs answered",
        "Needs answered, confirmed by the partner", "Gaps", "Responses",
    ]  # fmt: skip
    albania = [row for row in rows[5:] if row and row[0] == "Albania"]
    # B sees A's open response and both of its own: three responses answer the one need, and
    # Albania has confirmed none.
    assert albania == [["Albania", "WBCSCi", area["need"].area.name, "1", "1", "0", "0", "3"]]


def test_needs_filters_and_sort_come_from_a_shareable_url(client, area):
    client.force_login(area["users"]["board"])
    bulk_needs(3, area["need"].cycle, area["pillar"], area["need"].axis, area["need"].area,
               [area["partners"]["RS"]], prefix="ZZZ")  # fmt: skip
    page = client.get(
        area["page"].url + "needs/", {"partner": area["partners"]["RS"].pk, "sort": "title"}
    ).content.decode()
    listed = [code for code in ["WBCSCi-PRV-OPE-01", "ZZZ-00000", "ZZZ-00002"] if code in page]
    assert listed == ["WBCSCi-PRV-OPE-01", "ZZZ-00000", "ZZZ-00002"]
    assert "matching Partner: Serbia" in page
    gaps = client.get(area["page"].url + "needs/", {"coverage": "gap"}).content.decode()
    assert "ZZZ-00000" in gaps and "WBCSCi-PRV-OPE-01" not in gaps


@pytest.mark.parametrize("role, cell", [("member_b", "1/1"), ("reviewer", "0/1")])
def test_the_heat_map_counts_only_visible_responses(client, area, role, cell):
    """Only restricted responses remain: B sees its own, the reviewer sees none."""
    Response.objects.exclude(sensitivity=Response.Sensitivity.RESTRICTED).delete()
    client.force_login(area["users"][role])
    page = client.get(area["page"].url + "analysis/coverage/").content.decode()
    assert f'<span class="heat__ratio">{cell}</span>' in page


@pytest.mark.parametrize(
    "listing",
    ["needs/", "responses/", "analysis/gaps/", "analysis/coverage/", "analysis/overlaps/"],
)
def test_a_filter_value_that_does_not_exist_is_refused_not_exported_as_everything(
    client, area, listing
):
    client.force_login(area["users"]["member_a"])
    url = area["page"].url + listing
    page = client.get(url, {"partner": "ZZ"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Nothing is listed: Partner: Select a valid choice." in text
    assert "everything you may see" not in text.lower()
    assert "download>CSV" not in text  # no export offered of a list that is not there
    export = client.get(url, {"partner": "ZZ", "export": "csv"})
    assert export.status_code == 400
    message = export.content.decode()
    assert message.startswith("No export was made: Partner: Select a valid choice.")
    assert message.endswith("Correct the filter, or clear all filters.")


def test_the_gap_list_says_which_partners_a_need_is_a_gap_for(client, area):
    """The world's need (AL, RS) is answered for both; Montenegro's need on it is not."""
    from needs_snippets.models import NeedPartner

    NeedPartner.objects.create(need=area["need"], partner=area["partners"]["ME"], location="Bar")
    # Another published need with partners of its own, which the need's page must not list.
    bulk_needs(2, area["need"].cycle, area["pillar"], area["need"].axis, area["need"].area,
               [area["partners"]["BA"], area["partners"]["XK"]], prefix="OTHER")  # fmt: skip
    client.force_login(area["users"]["member_a"])
    page = client.get(area["page"].url + "analysis/gaps/").content.decode()
    row = page[page.index("WBCSCi-PRV-OPE-01") :]
    row = row[: row.index("</tr>")]
    assert "Gap</span> Montenegro" in row and "Albania, Serbia" in row
    rows = read_csv(client.get(area["page"].url + "analysis/gaps/", {"export": "csv"}))
    header, data = rows[4], rows[5]
    assert dict(zip(header, data, strict=True))["Gap for"] == "Montenegro"
    assert dict(zip(header, data, strict=True))["Covered for"] == "Albania, Serbia"
    # Gaps of one partner: a gap for Montenegro, not for Albania.
    needs = area["page"].url + "needs/"
    gaps = area["page"].url + "analysis/gaps/"
    for partner, listed in [("ME", True), ("AL", False)]:
        params = {"partner": area["partners"][partner].pk, "coverage": "gap"}
        assert ("WBCSCi-PRV-OPE-01" in client.get(needs, params).content.decode()) is listed
        of_partner = {"partner": area["partners"][partner].pk}
        assert ("WBCSCi-PRV-OPE-01" in client.get(gaps, of_partner).content.decode()) is listed
    detail = client.get(area["page"].url + f"needs/{area['need'].pk}/").content.decode()
    assert "No ongoing or planned response you can see answers it for Montenegro" in detail
    assert "Bar" in detail  # Montenegro's own place
    assert detail.count('<th scope="row">') == 3  # its three partners, no other need's


def test_the_dashboard_lists_the_latest_own_responses_and_links_to_all(client, area):
    member_b = area["users"]["member_b"]
    client.force_login(member_b)
    base = area["page"].url
    grow(area, 30)  # 15 of them organisation B's, each overlapping organisation A's
    for response in Response.objects.filter(
        title__startswith="Bulk", reporting_member=area["org_b"]
    )[:3]:
        response.save_revision()  # changed last: listed first
    dashboard = client.get(base)
    html = dashboard.content.decode()
    own = html.split('id="own-responses-heading"')[1].split("</section>")[0]
    assert own.count("<tr>") == 1 + 10  # the heading row and the ten changed last
    assert "The 10 changed last of 17." in own
    bulk_rows = [row for row in own.split("</tr>") if "Bulk response" in row]
    assert bulk_rows
    assert all("Overlaps</span> another member" in row for row in bulk_rows)
    link = f"{base}responses/?reporting_member={area['org_b'].pk}"
    assert f'href="{link}"' in own
    listed = client.get(link).content.decode()
    assert "17 responses matching Reporting member: Organisation B" in listed
    figures = html.split('id="figures-heading"')[1].split("</section>")[0]
    assert "<strong>17</strong> of our responses overlap another member" in figures

    grow(area, 200)
    bigger = client.get(base)
    assert len(bigger.content) < len(dashboard.content) + 200  # the figures grow, not the page


def test_the_next_and_previous_pages_keep_the_search_and_sort(client, area):
    """A list longer than a page links to the next page, and back, with the same search and
    sort; unsearched too."""
    client.force_login(area["users"]["board"])
    bulk_needs(30, area["need"].cycle, area["pillar"], area["need"].axis, area["need"].area,
               [area["partners"]["RS"]], prefix="PAGE")  # fmt: skip
    needs = area["page"].url + "needs/"

    def follow(page, rel):
        link = BeautifulSoup(page.content, "html.parser").select_one(f"a[rel={rel}]")["href"]
        return client.get(needs + link).content.decode()

    unsearched = client.get(needs)
    assert "Page 1 of 2" in unsearched.content.decode()
    assert "Page 2 of 2" in follow(unsearched, "next")

    searched = client.get(needs, {"q": "PAGE", "sort": "code"})
    assert "Page 1 of 2" in searched.content.decode()
    second = follow(searched, "next")
    assert "Page 2 of 2" in second and "PAGE-00029" in second
    assert "WBCSCi-PRV-OPE-01" not in second  # the search is kept: only PAGE needs
    second_page = client.get(needs, {"q": "PAGE", "sort": "code", "page": 2})
    assert "PAGE-00000" in follow(second_page, "prev")
