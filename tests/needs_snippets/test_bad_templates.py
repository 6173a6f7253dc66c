"""Bad files in, nothing written: each kind of broken or hostile template gets its own error,
naming its sheet, row and column where it is one cell, and what to fix."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import Revision

from needs_snippets.consultation import layout
from needs_snippets.management.commands.bench_import import (
    HOSTILE_COLUMNS,
    HOSTILE_ROWS,
    with_hidden_sheet,
)
from needs_snippets.models import (
    Need,
    TemplateImport,
)
from tests.factories import (
    MappingCycleFactory,
)
from tests.needs_snippets.filling import (
    NEEDS_AT,
    download,
    needs_template,
    upload,
    xlsx,
)

pytestmark = pytest.mark.django_db


def plain_workbook():
    workbook = Workbook()
    workbook.active["A1"] = "Anything"
    return xlsx(workbook)


def edited(client, data, change):
    workbook = needs_template(client, data)
    change(workbook[layout.NEEDS_SHEET])
    return xlsx(workbook)


def with_cell(reference, value):
    """A bad file: Albania's template with the needs sheet's cell `reference` set to `value`."""

    def make(client, data, monkeypatch):
        return edited(client, data, lambda sheet: setattr(sheet[reference], "value", value))

    return make


def other_cycle_template(client, data, monkeypatch):
    other = MappingCycleFactory(edition="2023–2024")
    url = reverse("cycle_needs_template", args=[other.pk, "WBCTi", "AL"])
    return xlsx(download(client, url))


def too_many_rows(client, data, monkeypatch):
    monkeypatch.setattr(layout, "MAX_ROWS", 5)
    return edited(
        client, data, lambda s: [s.cell(row=r, column=2, value=f"Need {r}") for r in range(5, 12)]
    )


def hidden_sheet(declared):
    """Albania's template with a hidden sheet of 1.5 million cells, its size stated or not."""

    def make(client, data, monkeypatch):
        template = xlsx(needs_template(client, data))
        return with_hidden_sheet(template, HOSTILE_ROWS, HOSTILE_COLUMNS, declared=declared)

    return make


def deeply_nested(client, data, monkeypatch):
    """Albania's template with 100,000 nested tags in its About sheet: 1 MB unpacked, gigabytes
    to parse."""
    template, out = xlsx(needs_template(client, data)), io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                nested = b"<a>" * 100_000 + b"</a>" * 100_000
                content = content.replace(b"</sheetData>", nested + b"</sheetData>")
            copy.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def many_sheets(client, data, monkeypatch):
    workbook = needs_template(client, data)
    for number in range(layout.MAX_SHEETS):
        workbook.create_sheet(f"Extra {number}")
    return xlsx(workbook)


BAD_FILES = {
    "not an xlsx": (lambda c, d, m: b"Reference code;Title\n;Need\n", "not an Excel workbook"),
    "a renamed pdf": (lambda c, d, m: b"%PDF-1.7 not really", "not an Excel workbook"),
    "another workbook": (lambda c, d, m: plain_workbook(), "not an IISG consultation template"),
    "another cycle's template": (other_cycle_template, "is for the cycle 2023–2024"),
    "edited headers": (with_cell("C1", "Axe"), "The header was changed: it should read “Axis”"),
    "unknown codes": (with_cell("C2", "Anticipate"), "“Anticipate” is not in the list"),
    "an unknown need code": (with_cell("A2", "WBCTi-XXX-01"), "has the code “WBCTi-XXX-01”"),
    "formulas": (with_cell("F2", "=A2&B2"), "A formula: type the value itself instead."),
    "merged cells": (
        lambda c, d, m: edited(c, d, lambda s: s.merge_cells("E2:F2")),
        "Merged cells (E2:F2): unmerge them.",
    ),
    "too many rows": (too_many_rows, "a template takes at most 5"),
    "a hidden sheet of 1.5 million cells": (
        hidden_sheet(declared=True),
        "More than 500,000 cells; a template takes at most 500,000 (hidden sheets count too)",
    ),
    "the same, its size not stated": (
        hidden_sheet(declared=False),
        "More than 500,000 cells; a template takes at most 500,000 (hidden sheets count too)",
    ),
    "too many sheets": (many_sheets, "More than 10 sheets; a template takes at most 10"),
    "tags nested 100,000 deep": (deeply_nested, "XML nests more than 64 levels deep"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_get_their_error_and_write_nothing(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks, monkeypatch, case
):
    make, message = BAD_FILES[case]
    content = make(secretariat_client, cycle_data, monkeypatch)
    revisions, needs = Revision.objects.count(), Need.objects.count()
    page, item = upload(
        secretariat_client, cycle_data["cycle"], content, capture=django_capture_on_commit_callbacks
    )
    assert item.status == TemplateImport.Status.INVALID
    text = page.content.decode()
    assert message in text.replace("&#x27;", "'").replace("&quot;", '"'), text[-3000:]
    assert "nothing was written" in text
    assert (Revision.objects.count(), Need.objects.count()) == (revisions, needs)


def test_a_problem_names_sheet_row_and_column(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    timeframe = f"{layout.column_letter(NEEDS_AT['timeframe'])}3"
    content = edited(
        secretariat_client, cycle_data, lambda s: setattr(s[timeframe], "value", "Soon")
    )
    _, item = upload(
        secretariat_client, cycle_data["cycle"], content, capture=django_capture_on_commit_callbacks
    )
    [problem] = item.report["problems"]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("Needs", 3, "Timeframe")


def test_dates_in_the_wrong_order(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    cycle = cycle_data["responses_cycle"]
    url = reverse("cycle_responses_template", args=[cycle.pk, cycle_data["unodc"].pk])
    workbook = download(secretariat_client, url)
    workbook[layout.RESPONSES_SHEET]["H2"] = date(2025, 6, 1)
    workbook[layout.RESPONSES_SHEET]["I2"] = date(2025, 1, 1)
    _, item = upload(
        secretariat_client, cycle, xlsx(workbook), capture=django_capture_on_commit_callbacks
    )
    [problem] = item.report["problems"]
    assert (problem["row"], problem["column"]) == (2, "Planned end")
    assert "before the planned start" in problem["message"]


def test_a_50_mb_file_is_refused_before_it_is_read(secretariat_client, cycle_data):
    big = SimpleUploadedFile("huge.xlsx", b"0" * (50 * 1024 * 1024))
    response = secretariat_client.post(
        reverse("cycle_upload", args=[cycle_data["cycle"].pk]), {"file": big}
    )
    assert response.status_code == 200
    assert "The file is 50.0 MB; a template is at most 10 MB" in response.content.decode()
    assert not TemplateImport.objects.exists()
