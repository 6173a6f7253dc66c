"""Spreadsheet exports that say what they contain: title, date, filters, and footnotes."""

import csv

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter, SpreadsheetExportMixin

from .constants import KOSOVO_FOOTNOTE

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class DescribedExportMixin(SpreadsheetExportMixin):
    """Write a preamble (what, when, which filters) above the table and footnotes below it,
    so that nobody mistakes a filtered export for the whole database.

    Views using it provide `export_title` and `active_filters` (Wagtail's index views do).
    """

    export_title = ""

    def preprocess_field_value(self, field, value, export_format):
        """Defuse spreadsheet formulas in CSV cells (Wagtail does it for XLSX only)."""
        value = super().preprocess_field_value(field, value, export_format)
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value[:1] in FORMULA_STARTS
        ):
            return "'" + value
        return value

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
        worksheet = workbook.create_sheet(title=self.export_title[:31] or "Export")
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
