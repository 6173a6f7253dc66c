"""Spreadsheet cells that stay text: a cell that a spreadsheet program would run as a formula
(text starting with =, +, -, @, a tab or a carriage return) is written inert, in every CSV and
XLSX the product writes.

- CSV: such a cell gets a leading apostrophe (OWASP's advice); plain numbers such as -5 stay
  numbers. `InertCSVMiddleware` applies it to every CSV response, Wagtail's own exports and
  reports included, so no export can forget it.
- XLSX: such text is stored as a string cell, never a formula (`inert_xlsx_cell`); Wagtail's
  exports do the same. Text in a string cell is shown, never run, whatever it starts with.
"""

import csv
import io
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def inert(value):
    """A CSV cell's text that no spreadsheet program runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def inert_xlsx_cell(cell):
    """Keep an openpyxl cell holding text as text (openpyxl takes "=…" for a formula)."""
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _inert_rows(text):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([inert(cell) for cell in row])
    return out.getvalue()


def _inert_chunk(chunk, charset):
    text = chunk.decode(charset) if isinstance(chunk, bytes) else chunk
    prefix = ""
    if text.startswith("\ufeff"):  # the byte order mark some exports write first
        prefix, text = "\ufeff", text[1:]
    converted = prefix + (_inert_rows(text) if text else "")
    return converted.encode(charset)


class InertCSVMiddleware:
    """Rewrites every CSV response's cells with `inert`, row by row as they stream."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/csv"):
            return response
        charset = response.charset or "utf-8"
        if response.streaming:
            response.streaming_content = (
                _inert_chunk(chunk, charset) for chunk in response.streaming_content
            )
        else:
            response.content = _inert_chunk(response.content, charset)
        return response
