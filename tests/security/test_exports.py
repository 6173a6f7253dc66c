"""Every CSV and XLSX the product writes keeps formula-like text inert: a CSV cell starting with
=, +, - or @ gets a leading apostrophe (plain numbers stay numbers), an XLSX cell holds it as
text, never a formula. One test per export, on the real file."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.security.spreadsheets import inert
from needs_snippets.models import MappingCycle
from tests.access import client_for

pytestmark = pytest.mark.django_db

HOSTILE = {
    "equals": '=HYPERLINK("http://evil.example","click")',
    "plus": "+1+1",
    "at": "@SUM(A1:A9)",
    "minus": "-2+3",
}


@pytest.fixture
def hostile(area):
    """Data whose text a spreadsheet program would run: a need, a response, an organisation."""
    need, response, member = area["need"], area["a_open"], area["org_a"]
    need.title = HOSTILE["equals"]
    need.state_of_play = HOSTILE["plus"]
    need.save()
    response.title = HOSTILE["at"]
    response.funding_source = HOSTILE["minus"]
    response.budget = 1500
    response.save()
    member.name = HOSTILE["equals"]
    member.short_name = HOSTILE["plus"]
    member.save()
    return area


def csv_cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
    return [cell for row in rows for cell in row]


def xlsx_cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_inert_csv(response, *texts):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    cells = csv_cells(response)
    for text in texts:
        assert "'" + text in cells, text
        assert text not in cells, text
    return cells


def assert_inert_xlsx(response, *texts):
    assert response.status_code == 200
    cells = xlsx_cells(response)
    for text in texts:
        holding = [cell for cell in cells if cell.value == text]
        assert holding, text
        assert all(cell.data_type == "s" for cell in holding), text


def test_the_rule():
    assert [inert(v) for v in ("=1", "+1+1", "-1+2", "@A", "\tx", "plain", "-5", "-5.5", 3)] == [
        "'=1",
        "'+1+1",
        "'-1+2",
        "'@A",
        "'\tx",
        "plain",
        "-5",
        "-5.5",
        3,
    ]


def test_members_area_needs_export(client, hostile):
    client = client_for(client, hostile, "member_a")
    url = hostile["page"].url + "needs/"
    assert_inert_csv(client.get(url, {"export": "csv"}), HOSTILE["equals"])
    assert_inert_xlsx(client.get(url, {"export": "xlsx"}), HOSTILE["equals"])


def test_members_area_response_export(client, hostile):
    client = client_for(client, hostile, "member_a")
    url = hostile["page"].url + "responses/"
    cells = assert_inert_csv(client.get(url, {"export": "csv"}), HOSTILE["at"], HOSTILE["minus"])
    assert "1500.00" in cells  # a number stays a number
    assert_inert_xlsx(client.get(url, {"export": "xlsx"}), HOSTILE["at"], HOSTILE["minus"])


@pytest.mark.parametrize("view", ["analysis/gaps/", "analysis/overlaps/", "analysis/coverage/"])
def test_members_area_analysis_exports(client, hostile, view):
    client = client_for(client, hostile, "member_a")
    url = hostile["page"].url + view
    for spreadsheet_format in ("csv", "xlsx"):
        response = client.get(url, {"export": spreadsheet_format})
        assert response.status_code == 200
        if spreadsheet_format == "csv":
            assert not any(cell.startswith(("=", "+", "@")) for cell in csv_cells(response))
        else:
            assert all(cell.data_type != "f" for cell in xlsx_cells(response))


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/admin/snippets/needs_snippets/need/", HOSTILE["equals"]),
        ("/admin/snippets/needs_snippets/response/", HOSTILE["at"]),
    ],
)
def test_admin_snippet_exports(client, hostile, path, text):
    client = client_for(client, hostile, "secretariat")
    assert_inert_csv(client.get(path, {"export": "csv"}), text)
    assert_inert_xlsx(client.get(path, {"export": "xlsx"}), text)


def test_members_organisations_export(client, hostile):
    client = client_for(client, hostile, "secretariat")
    path = "/admin/needs_snippets/member/"
    assert_inert_csv(client.get(path, {"export": "csv"}), HOSTILE["plus"])
    assert_inert_xlsx(client.get(path, {"export": "xlsx"}), HOSTILE["plus"])


def test_site_history_report_export(client, hostile):
    ModelLogEntry.objects.create(
        timestamp=timezone.now(),
        content_type_id=1,
        label=HOSTILE["equals"],
        action="wagtail.edit",
        object_id="1",
        user=hostile["users"]["secretariat"],
    )
    client.force_login(hostile["users"]["secretariat"].__class__.objects.create_superuser("root"))
    path = "/admin/reports/site-history/"
    assert_inert_csv(client.get(path, {"export": "csv"}), HOSTILE["equals"])
    assert_inert_xlsx(client.get(path, {"export": "xlsx"}), HOSTILE["equals"])


def test_consultation_templates(client, hostile):
    client = client_for(client, hostile, "secretariat")
    need = hostile["need"]
    partner = need.partners.first()
    needs_template = client.get(
        reverse(
            "cycle_needs_template", args=[need.cycle.pk, need.pillar.code, partner.country_code]
        )
    )
    assert_inert_xlsx(needs_template, HOSTILE["equals"], HOSTILE["plus"])
    responses_cycle = MappingCycle.objects.filter(kind=MappingCycle.Kind.RESPONSES).first()
    if responses_cycle is not None:
        template = client.get(
            reverse("cycle_responses_template", args=[responses_cycle.pk, hostile["org_a"].pk])
        )
        assert template.status_code == 200
        assert all(cell.data_type != "f" for cell in xlsx_cells(template) if cell.value)
