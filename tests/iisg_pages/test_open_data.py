"""Open data: each adopted edition's needs catalogue as CSV and JSON at a stable public
address, the rows the public API serves (frozen at adoption), with the Kosovo* footnote and
the licence (or the statement that none is set yet), linked from the reports' pages; nothing
of an edition that is not live and public."""

import csv
import io

import pytest
from wagtail.models import PageViewRestriction

from iisg_pages.open_data import edition_slug
from needs_snippets.constants import KOSOVO_FOOTNOTE
from tests.pages import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(site_tree, django_capture_on_commit_callbacks):
    """The site's report, published; the addresses of its edition's catalogue."""
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    slug = edition_slug(report.cycle.edition)
    return report, f"/open-data/needs/{slug}.json", f"/open-data/needs/{slug}.csv"


def test_an_edition_is_written_in_its_address_with_plain_hyphens():
    assert edition_slug("2021–2022") == "2021-2022"
    assert edition_slug(" 2023 – 2024 ") == "2023-2024"


def test_the_json_catalogue_is_the_public_apis_needs_of_the_edition(client, adopted):
    report, json_url, _csv_url = adopted
    response = client.get(json_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = response.json()
    api = client.get(f"/api/v3/needs/?cycle={report.cycle_id}&limit=100").json()
    assert document["needs"] == api["items"] and len(document["needs"]) == 4
    assert document["edition"] == report.cycle.edition
    assert document["footnote"] == str(KOSOVO_FOOTNOTE)
    assert document["licence"] is None and "not yet stated a licence" in document["licence_note"]
    assert document["report"]["url"].endswith(report.url)


def test_the_csv_catalogue_has_a_row_per_need_the_footnote_and_the_licence(
    client, adopted, settings
):
    settings.IISG_OPEN_DATA_LICENCE = "CC BY 4.0"
    settings.IISG_OPEN_DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
    _report, json_url, csv_url = adopted
    response = client.get(csv_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Reference code", "Need"]
    needs = rows[1:5]
    assert {row[0] for row in needs} >= {"WBCTi-PRE-OPE-01", "WBCTi-RES-OPE-01"}
    returnees = next(row for row in needs if row[0] == "WBCTi-PRE-OPE-01")
    assert "Kosovo*" in returnees[5] and returnees[6] == "yes"
    assert rows[5] == [] and rows[6] == [str(KOSOVO_FOOTNOTE)]
    assert rows[7] == ["Licence: CC BY 4.0. https://creativecommons.org/licenses/by/4.0/"]
    assert client.get(json_url).json()["licence"]["name"] == "CC BY 4.0"


def test_a_need_edited_after_adoption_stays_as_adopted(client, adopted, site_tree):
    _report, json_url, _csv_url = adopted
    need = site_tree["needs"]["returnees"]
    need.title = "Edited after adoption"
    need.save()
    titles = [row["title"] for row in client.get(json_url).json()["needs"]]
    assert "Returnee rehabilitation" in titles and "Edited after adoption" not in titles


def test_nothing_is_served_of_an_edition_not_live_and_public(client, site_tree, adopted):
    report, json_url, csv_url = adopted
    assert client.get("/open-data/needs/1999-2000.json").status_code == 404
    PageViewRestriction.objects.create(page=report, restriction_type="login")
    assert client.get(json_url).status_code == 404
    assert client.get(csv_url).status_code == 404
    PageViewRestriction.objects.all().delete()
    report.unpublish()
    assert client.get(json_url).status_code == 404


def test_the_reports_pages_link_to_the_catalogue(client, adopted, site_tree):
    report, json_url, csv_url = adopted
    for url in (report.url, site_tree["reports"].url):
        page = client.get(url).content.decode()
        assert f'href="{csv_url}"' in page and f'href="{json_url}"' in page
