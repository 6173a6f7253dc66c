"""What a Secretariat user does with consultation templates in the tests: download, fill,
upload, confirm."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from needs_snippets.consultation import layout
from needs_snippets.models import TemplateImport


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def xlsx(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def needs_template(client, data, partner="AL"):
    url = reverse("cycle_needs_template", args=[data["cycle"].pk, "WBCTi", partner])
    return download(client, url)


#: 0-based position of each needs column, by key: tests name columns, never count them.
NEEDS_AT = {column.key: index for index, column in enumerate(layout.NEEDS_COLUMNS)}


def needs_row(sheet, number, **values):
    """Write `values` (by column key) into row `number` of a needs sheet."""
    for index, value in enumerate(layout.row_of(layout.NEEDS_COLUMNS, **values)):
        sheet.cell(row=number, column=index + 1, value=value)


def rows_by_code(sheet):
    return {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}


def upload(client, cycle, content, name="filled.xlsx", capture=None):
    with capture(execute=True):
        response = client.post(
            reverse("cycle_upload", args=[cycle.pk]),
            {"file": SimpleUploadedFile(name, content)},
        )
    if response.status_code != 302:
        return response, None
    item = TemplateImport.objects.latest("uploaded_at")
    return client.get(reverse("template_import", args=[item.pk])), item


def confirm(client, item, capture):
    with capture(execute=True):
        response = client.post(reverse("apply_template_import", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    return item


def fill_as_albania(workbook):
    """A partner's answers: edits one need, says another applies to it, adds one."""
    sheet = workbook[layout.NEEDS_SHEET]
    rows = rows_by_code(sheet)
    rows["WBCTi-PRE-LEG-01"][NEEDS_AT["gap"]].value = "No CVE strategy since 2020 in Albania."
    rows["WBCTi-RES-OPE-01"][NEEDS_AT["identified"]].value = "Yes"  # identified by us too
    needs_row(
        sheet, sheet.max_row + 1, title="Online radicalisation monitoring", axis="Prevent",
        area="Operational work", state_of_play="No monitoring unit.",
        gap="Police lack the tools.", action_needed="Set up a unit.",
        timeframe="Short term (within a year)", identified="Yes",
        sources="EU enlargement package 2020",
    )  # fmt: skip
    return workbook
