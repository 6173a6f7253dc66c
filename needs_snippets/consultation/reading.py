"""Templates back in, the reading: a filled workbook opened within its limits, its data sheet
checked for shape, and its rows read one at a time.

Nothing is parsed before the limits are checked: the sheets' XML is counted as a stream (sheets,
rows, cells, hidden sheets too), then the workbook is opened in read-only mode, so what passes
costs memory in proportion to one row. A file that cannot be read as a template is refused
with `TemplateRefused`, whose problems say what to fix.
"""

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import column_index_from_string

from ..models import MappingCycle
from . import layout

PROGRESS_EVERY = 100


@dataclass
class Problem:
    """What to fix, and where (sheet, row and column when it is one cell)."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self):
        place = ", ".join(
            part
            for part in [
                f"sheet “{self.sheet}”" if self.sheet else "",
                f"row {self.row}" if self.row else "",
                f"column “{self.column}”" if self.column else "",
            ]
            if part
        )
        return f"{place}: {self.message}" if place else self.message


class TemplateRefused(Exception):
    """The file as a whole cannot be read as a template; `problems` say why."""

    def __init__(self, *problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


def cell_text(value):
    """A cell's value as clean text (see `clean_text`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


def clean_text(text):
    """Text as a workbook gives it back: line breaks as newlines, no control characters, no
    spaces at either end. Values are compared this way, so an untouched row is unchanged."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text).strip()


#: What a cell holds of a text: openpyxl cuts longer ones when a template is written.
CELL_CHARS = 32_767


def kept_if_cut(new, current):
    """`current` when a cell's `new` text is all the template could hold of it (the text is
    longer than a cell): untouched, it is no change; else `new`."""
    if len(current) > CELL_CHARS and new == clean_text(current[:CELL_CHARS]):
        return current
    return new


def quote(value, length=60):
    """A cell's value for a message, shortened."""
    text = cell_text(value)
    return f"“{text[:length]}…”" if len(text) > length else f"“{text}”"


@dataclass
class Workbook:
    """A workbook opened in read-only mode, and what each of its worksheet parts holds."""

    book: object
    facts: dict


def open_template(data, expected_cycle=None):
    """(workbook, facts of its About sheet, cycle) for XLSX bytes `data`, or TemplateRefused.

    The workbook is read in streaming (read-only) mode, never whole: its limits (file size,
    size unpacked, sheets, rows and cells) are checked before any other work, and what passes
    them costs memory in proportion to one row at a time.
    """
    workbook = _open_within_limits(data)
    about = _about(workbook)
    return workbook, about, _cycle_of(about, expected_cycle)


def _open_within_limits(data):
    """The Workbook of XLSX bytes, refused before parsing when it is past a limit."""
    size_mb = len(data) / 1024 / 1024
    if len(data) > layout.MAX_FILE_BYTES:
        raise TemplateRefused(Problem(
            _("The file is %(size)s MB; a template is at most %(limit)s MB. Remove pictures or "
              "extra sheets, or split the rows over two files.")
            % {"size": f"{size_mb:.1f}", "limit": layout.MAX_FILE_BYTES // 1024 // 1024}
        ))  # fmt: skip
    not_xlsx = Problem(
        _(
            "This is not an Excel workbook (.xlsx): download the template again and fill it in "
            "Excel or LibreOffice, saving it as .xlsx."
        )
    )
    if not zipfile.is_zipfile(BytesIO(data)):
        raise TemplateRefused(not_xlsx)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > layout.MAX_UNCOMPRESSED_BYTES:
                raise TemplateRefused(Problem(
                    _("The workbook is %(size)s MB once unpacked; a template is at most "
                      "%(limit)s MB. Remove pictures or extra sheets, or split the rows over two "
                      "files.")
                    % {"size": f"{unpacked / 1024 / 1024:.0f}",
                       "limit": layout.MAX_UNCOMPRESSED_BYTES // 1024 // 1024}
                ))  # fmt: skip
            _shallow_enough(archive)
            facts = _within_limits(archive)
        return Workbook(load_workbook(BytesIO(data), read_only=True), facts)
    except TemplateRefused:
        raise
    except Exception:  # noqa: BLE001 - whatever fails to read, the file is no workbook of ours
        raise TemplateRefused(not_xlsx) from None


def _about(workbook):
    """The facts of a template's About sheet, refused unless it is one of ours, current."""
    if layout.ABOUT_SHEET not in workbook.book.sheetnames:
        raise TemplateRefused(Problem(
            _("This workbook is not an IISG consultation template: download the template from "
              "the cycle's page and copy your entries into it.")
        ))  # fmt: skip
    about_sheet = workbook.book[layout.ABOUT_SHEET]
    rows = (
        about_sheet.iter_rows(max_col=2, values_only=True)
        if hasattr(about_sheet, "iter_rows")
        else []
    )
    about = {cell_text(key): value for key, value in (tuple(row)[:2] for row in rows) if key}
    if about.get("format") != layout.FORMAT_VERSION or about.get("kind") not in (
        "needs", "responses", "review"
    ):  # fmt: skip
        raise TemplateRefused(Problem(
            _("This template is of an older or unknown format: download the template again and "
              "copy your entries into it.")
        ))  # fmt: skip
    return about


def _cycle_of(about, expected_cycle):
    """The mapping cycle a template's About sheet names, refused when it is gone or is not
    `expected_cycle` (when given)."""
    cycle_id = about.get("cycle")
    cycle_kind = "responses" if about["kind"] == "responses" else "needs"  # reviews: needs
    cycle = (
        MappingCycle.objects.filter(pk=cycle_id, kind=cycle_kind).first()
        if isinstance(cycle_id, int) and 0 < cycle_id < 2**63
        else None
    )
    if cycle is None:
        raise TemplateRefused(Problem(
            _("This template is for a mapping cycle that no longer exists (%(edition)s).")
            % {"edition": about.get("edition")}
        ))  # fmt: skip
    if expected_cycle is not None and cycle.pk != expected_cycle.pk:
        raise TemplateRefused(Problem(
            _("This template is for the cycle %(cycle)s, not %(expected)s: upload it on that "
              "cycle's page, or download this cycle's template.")
            % {"cycle": cycle, "expected": expected_cycle}
        ))  # fmt: skip
    return cycle


def _too_large(what, limit):
    """`what`: "sheets", "rows" or "cells"."""
    messages = {
        "sheets": _(
            "More than %(limit)s sheets; a template takes at most %(limit)s (hidden "
            "sheets count too): remove extra sheets and columns, or split the rows over "
            "several files."
        ),
        "rows": _(
            "More than %(limit)s rows; a template takes at most %(limit)s (hidden sheets "
            "count too): remove extra sheets and columns, or split the rows over several "
            "files."
        ),
        "cells": _(
            "More than %(limit)s cells; a template takes at most %(limit)s (hidden "
            "sheets count too): remove extra sheets and columns, or split the rows over "
            "several files."
        ),
    }
    return TemplateRefused(Problem(messages[what] % {"limit": f"{limit:,}"}))  # fmt: skip


@dataclass
class SheetFacts:
    """What a sheet's XML holds, counted without parsing its cells: rows (its last row
    number), cells, and its first merged ranges."""

    rows: int = 0
    cells: int = 0
    merged: list = field(default_factory=list)


CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
ROW_NUMBER = re.compile(rb'\br="(\d+)"')
MERGED = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
CHUNK = 1 << 20
#: Longer than any tag the counts look at: a tag cut by a chunk's end is read with the next.
OVERLAP = 256


WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*\bref="[A-Z]+[0-9]+:([A-Z]+)([0-9]+)"')


def _within_limits(archive):
    """{worksheet part: SheetFacts} of an XLSX archive, refusing it as soon as it goes past a
    limit: sheets, rows of a sheet, cells in all (hidden sheets count too). Nothing is parsed:
    a sheet's stated size is checked first, then its XML is counted as a stream, a megabyte
    at a time, whatever it stated."""
    parts = [name for name in archive.namelist() if WORKSHEET.fullmatch(name)]
    if len(parts) > layout.MAX_SHEETS:
        raise _too_large("sheets", layout.MAX_SHEETS)
    facts, cells = {}, 0
    for part in parts:
        found = facts[part] = SheetFacts()
        for number, text in enumerate(_xml_chunks(archive, part)):
            stated = DIMENSION.search(text) if number == 0 else None
            if stated:
                rows = int(stated.group(2))
                if rows > layout.MAX_ROWS + 1:
                    raise _too_large("rows", layout.MAX_ROWS)
                if rows * column_index_from_string(stated.group(1).decode()) > layout.MAX_CELLS:
                    raise _too_large("cells", layout.MAX_CELLS)
            found.cells += len(CELL.findall(text))
            for match in ROW.finditer(text):
                row = ROW_NUMBER.search(match.group(1))
                found.rows = max(found.rows + 1, int(row.group(1)) if row else 0)
            if len(found.merged) < 10:
                found.merged.extend(m.decode() for m in MERGED.findall(text)[:10])
            if found.rows > layout.MAX_ROWS + 1:
                raise _too_large("rows", layout.MAX_ROWS)
            if cells + found.cells > layout.MAX_CELLS:
                raise _too_large("cells", layout.MAX_CELLS)
        cells += found.cells
    return facts


#: Any tag: its kind ("/" closing; "?" or "!" neither opens nor closes) and "/" if it closes
#: itself.
TAG = re.compile(rb"<([/?!]?)[^>]*?(/?)>")
#: Excel's and LibreOffice's parts nest a dozen levels; a parser keeps every open level.
MAX_DEPTH = 64


def _shallow_enough(archive):
    """Refuse a workbook any of whose XML parts nests deeper than MAX_DEPTH: a small file of
    nested tags would take gigabytes to parse."""
    for part in archive.namelist():
        if not part.endswith((".xml", ".rels")):
            continue
        depth = 0
        for text in _xml_chunks(archive, part):
            for kind, closes_itself in TAG.findall(text):
                if not kind and not closes_itself:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise TemplateRefused(Problem(_(
                            "This workbook's XML nests more than %(limit)s levels deep, which "
                            "no spreadsheet program writes: download the template again and "
                            "fill it in Excel or LibreOffice.") % {"limit": MAX_DEPTH}
                        ))  # fmt: skip
                elif kind == b"/":
                    depth -= 1


def _xml_chunks(archive, part):
    """A part's XML in pieces such that each tag lies whole in one of them."""
    tail = b""
    with archive.open(part) as source:
        while chunk := source.read(CHUNK):
            text = tail + chunk
            # Cut before the last tag start near the end: that tag may be incomplete.
            cut = text.rfind(b"<", max(len(text) - OVERLAP, 0))
            if cut <= 0:
                cut = len(text)
            yield text[:cut]
            tail = text[cut:]
    if tail:
        yield tail


def data_sheet(workbook, name, columns):
    """(the data sheet, its number of rows), after checking its headers and merged cells."""
    if name not in workbook.book.sheetnames:
        raise TemplateRefused(Problem(
            _("The sheet “%(sheet)s” is missing: do not rename or delete the template's sheets.")
            % {"sheet": name}
        ))  # fmt: skip
    sheet = workbook.book[name]
    if not hasattr(sheet, "iter_rows"):
        raise TemplateRefused(Problem(
            _("The sheet “%(sheet)s” is not a sheet of rows: download the template again.")
            % {"sheet": name}
        ))  # fmt: skip
    problems = []
    headers = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for index, column in enumerate(columns):
        found = cell_text(headers[index]) if index < len(headers) else ""
        if found != column.heading:
            if found:
                message = _(
                    "The header was changed: it should read “%(heading)s”, not “%(found)s”. "
                    "Download the template again and copy your entries into it."
                ) % {"heading": column.heading, "found": found}
            else:
                message = _(
                    "The header was changed: it should read “%(heading)s”. Download the "
                    "template again and copy your entries into it."
                ) % {"heading": column.heading}
            problems.append(Problem(message, sheet=name, row=1, column=layout.column_letter(index)))
    versioned = len(headers) > len(columns) and (
        cell_text(headers[len(columns)]) == layout.VERSION_COLUMN.heading
    )
    for index in range(len(columns) + versioned, len(headers)):
        if cell_text(headers[index]):
            problems.append(Problem(
                _("%(value)s is not a column of the template: remove the column.")
                % {"value": quote(headers[index])},
                sheet=name, row=1, column=layout.column_letter(index),
            ))  # fmt: skip
    # openpyxl's read-only sheet names its part in the archive.
    facts = workbook.facts[sheet._worksheet_path]  # noqa: SLF001
    if facts.merged:
        problems.append(
            Problem(
                _("Merged cells (%(cells)s): unmerge them.") % {"cells": ", ".join(facts.merged)},
                sheet=name,
            )
        )
    if problems:
        raise TemplateRefused(*problems)
    return sheet, facts.rows, [*columns, layout.VERSION_COLUMN] if versioned else columns


def data_rows(sheet, rows, columns, plan, progress):
    """(row number, {key: value}) for each row with a value of a sheet of `rows` rows (its
    header included); formulas are problems."""
    total = max(rows - 1, 0)
    for number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(columns)), start=2):
        if progress and (number - 2) % PROGRESS_EVERY == 0:
            progress(number - 2, total)
        values, formula = {}, False
        for index, cell in enumerate(cells):
            if cell.data_type == "f":
                plan.problems.append(Problem(
                    _("A formula: type the value itself instead."), sheet=sheet.title, row=number,
                    column=columns[index].heading,
                ))  # fmt: skip
                formula = True
            values[columns[index].key] = cell.value
        entries = (value for key, value in values.items() if key != "version")
        if formula or all(cell_text(value) == "" for value in entries):
            continue
        plan.rows += 1
        yield number, values
    if progress:
        progress(total, total)
