"""Open data: each adopted edition's needs catalogue as CSV and JSON at a stable public
address, the rows the public API serves (frozen at adoption), with the Kosovo* footnote and
the licence (or the statement that none is set yet), linked from the reports' pages; nothing
of an edition that is not live and public."""

import csv
import importlib
import io

import pytest
from django.apps import apps as django_apps
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


def test_renaming_the_cycle_or_an_area_later_changes_no_adopted_edition(client, adopted, site_tree):
    """The report's name of its edition, its open-data address and the API's edition name and
    area codes stay as adopted, and the API's filters find the needs by those codes."""
    report, json_url, csv_url = adopted
    area = site_tree["needs"]["returnees"].area
    adopted_area = area.code
    report.cycle.edition = "2021–2022 (renamed)"
    report.cycle.save()
    area.code = "renamed-area"
    area.save()

    page = client.get(report.url + "?fresh").content.decode()
    assert "Biennial Needs Mapping · 2021–2022<" in page and "renamed" not in page
    assert client.get(csv_url + "?fresh").status_code == 200
    document = client.get(json_url + "?fresh").json()
    assert document["edition"] == "2021–2022"
    returnees = next(n for n in document["needs"] if n["reference_code"] == "WBCTi-PRE-OPE-01")
    assert returnees["area"]["code"] == adopted_area
    assert returnees["cycle"] == {"id": report.cycle_id, "edition": "2021–2022"}
    assert client.get("/open-data/needs/2021-2022-renamed.json").status_code == 404

    api = client.get("/api/v3/needs/", {"area": adopted_area}).json()
    assert "WBCTi-PRE-OPE-01" in [need["reference_code"] for need in api["items"]]
    assert client.get(f"/api/v3/reports/{report.pk}/").json()["cycle"]["edition"] == "2021–2022"


def test_an_edition_frozen_before_it_kept_its_name_is_completed_as_it_shows(adopted, site_tree):
    """The data migration completes older frozen editions (the page's and its revisions')
    with the names shown today."""
    migration = importlib.import_module(
        "iisg_pages.migrations.0021_editions_keep_their_name_and_area_codes"
    )
    report, _json_url, _csv_url = adopted
    older = dict(report.edition_snapshot)
    del older["edition"]
    older["needs"] = [{k: v for k, v in row.items() if k != "area_code"} for row in older["needs"]]
    type(report).objects.filter(pk=report.pk).update(edition_snapshot=older)
    revision = report.live_revision
    revision.content["edition_snapshot"] = older
    revision.save(update_fields=["content"])

    migration.complete_editions(django_apps, None)
    report.refresh_from_db()
    revision.refresh_from_db()
    for snapshot in (report.edition_snapshot, revision.content["edition_snapshot"]):
        assert snapshot["edition"] == report.cycle.edition
        codes = {row["code"]: row["area_code"] for row in snapshot["needs"]}
        assert codes["WBCTi-PRE-OPE-01"] == site_tree["needs"]["returnees"].area.code
