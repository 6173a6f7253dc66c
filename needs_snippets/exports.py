"""Spreadsheet exports that say what they contain: title, date, filters, and footnotes."""

import csv
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter, SpreadsheetExportMixin

from .constants import KOSOVO_FOOTNOTE

# Columns of the needs and responses exports, in the admin and in the members area.
NEED_EXPORT_COLUMNS = [
    "reference_code",
    "title",
    "cycle",
    "pillar",
    "axis.name",
    "measure.objective",
    "measure",
    "area",
    "partner_names",
    "scope_label",
    "state_of_play",
    "gap",
    "action_needed",
    "get_timeframe_display",
    "get_status_display",
    "live",
]
NEED_EXPORT_HEADINGS = {
    "axis.name": gettext_lazy("Axis"),
    "measure.objective": gettext_lazy("Objective"),
    "measure": gettext_lazy("Measure"),
    "partner_names": gettext_lazy("Partners that identified it"),
    "scope_label": gettext_lazy("Scope"),
    "get_timeframe_display": gettext_lazy("Timeframe"),
    "get_status_display": gettext_lazy("Status"),
    "live": gettext_lazy("Published"),
}

RESPONSE_EXPORT_COLUMNS = [
    "title",
    "reporting_member",
    "participant_names",
    "pillar",
    "need_codes",
    "beneficiary_names",
    "get_iati_status_display",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "funding_source",
    "get_sensitivity_display",
    "description",
]
RESPONSE_EXPORT_HEADINGS = {
    "participant_names": gettext_lazy("Participating organisations (IATI role)"),
    "need_codes": gettext_lazy("Needs answered"),
    "beneficiary_names": gettext_lazy("Beneficiary partners"),
    "get_iati_status_display": gettext_lazy("Activity status"),
    "get_sensitivity_display": gettext_lazy("Visibility"),
}


class DescribedExportMixin(SpreadsheetExportMixin):
    """Write a preamble (what, when, which filters) above the table and footnotes below it,
    so that nobody mistakes a filtered export for the whole database. (Cells that look like
    formulas are made inert for every CSV by cms.security.spreadsheets, and Wagtail's XLSX
    rows keep them as text.)

    Views using it provide `export_title` and `active_filters` (Wagtail's index views do).
    """

    export_title = ""

    def get_filename(self):
        """e.g. iisg-needs-2026-11-21: the date tells one export from another."""
        return f"iisg-{slugify(self.export_title)}-{timezone.localdate():%Y-%m-%d}"

    def export_preamble(self):
        exported = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
        filters = [f"{f.field_label}: {f.value}" for f in self.active_filters]
        search = getattr(self, "search_query", None)
        if search:
            filters.append(_("Search: %(query)s") % {"query": search})
        return [
            [_("IISG Hub — %(title)s") % {"title": self.export_title}],
            [_("Exported: %(date)s") % {"date": exported}],
            [
                _("Filters: %(filters)s") % {"filters": "; ".join(filters)}
                if filters
                else _("Filters: none (the whole database)")
            ],
            [],
        ]

    def export_footnotes(self):
        return [[], [str(KOSOVO_FOOTNOTE)]]

    def stream_csv(self, queryset):
        plain = csv.writer(Echo())
        yield "\ufeff"  # byte order mark: spreadsheet programs then read the file as UTF-8
        for row in self.export_preamble():
            yield plain.writerow(row)
        yield from super().stream_csv(queryset)
        for row in self.export_footnotes():
            yield plain.writerow(row)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx(self, queryset, output):
        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=str(self.export_title)[:31] or _("Export"))
        for row in self.export_preamble():
            worksheet.append(row)
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format)
            )
        for row in self.export_footnotes():
            worksheet.append(row)
        workbook.save(output)


@dataclass(frozen=True)
class ActiveFilter:
    """A filter as the export preamble names it."""

    field_label: str
    value: str


class Export(DescribedExportMixin):
    """A described CSV or XLSX export of any rows, outside the admin's index views.

    `rows` is a queryset or a list of objects; `columns` are attribute paths, each with a
    heading in `headings` (or a model field label when `rows` is a queryset).
    """

    def __init__(self, title, columns, headings, filters=(), search_query=""):
        self.export_title = str(title)
        self.list_export = list(columns)
        self.export_headings = dict(headings)
        self.active_filters = list(filters)
        self.search_query = search_query

    def response(self, rows, spreadsheet_format):
        return self.as_spreadsheet(rows, spreadsheet_format)
