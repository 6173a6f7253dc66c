"""Reading the demo's data files: CSV rows checked cell by cell, JSON items field by field, and
errors that name the file, the row (as a spreadsheet numbers it: the header is row 1) or the
item, and what is wrong."""

import csv
import json
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

PROJECT_DIR = Path(__file__).resolve().parents[2]
LIST_SEPARATOR = ";"

# The rule for demo content: a need or response of the demo is an illustrative example, and
# says so in its title, which every list, table, export and the report show.
ILLUSTRATIVE_SUFFIX = " (illustrative)"

# Columns the demo must never have: invented amounts or donors of named organisations.
FORBIDDEN_COLUMNS = {
    "budget": "demo responses carry no budget",
    "currency": "demo responses carry no budget, so no currency",
    "funding_source": "demo responses name no funding source",
}


def is_illustrative(title):
    """Whether a demo need's or response's title carries the illustrative marker."""
    return title.endswith(ILLUSTRATIVE_SUFFIX)


class DemoDataError(CommandError):
    """A demo data file is missing, malformed, or holds an invalid row. A CommandError, so
    `manage.py load_demo` prints the message (file, row, problem) rather than a traceback."""


def display_path(path):
    try:
        return str(path.relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


class JsonFile:
    """A demo JSON file whose items are checked as they are read; every problem is a
    DemoDataError naming the file, the item (`where`) and what is wrong."""

    def __init__(self, path):
        self.path = path

    def read(self):
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return self.fail("the file", f"cannot be read as JSON ({error})")

    def fail(self, where, problem):
        raise DemoDataError(f"{display_path(self.path)}, {where}: {problem}")

    def fields(self, item, names, where):
        """The values of `names` in `item` (an object that must have them all)."""
        if not isinstance(item, dict):
            self.fail(where, "expected an object")
        missing = [name for name in names if name not in item]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        return [item[name] for name in names]

    def choice(self, value, choices, where, name):
        """`value`, which must be one of `choices`; the message calls it `name`."""
        if value not in list(choices):
            self.fail(where, f"{name} is {value!r}; expected one of {', '.join(map(str, choices))}")
        return value

    def entries(self, value, where):
        """`value`, which must be a list."""
        if not isinstance(value, list):
            self.fail(where, f"expected a list, not {value!r}")
        return value

    def text(self, value, where, name):
        """`value`, which must be a string that is not blank."""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"{name} must be a text, not {value!r}")
        return value

    def date(self, value, where, required=False):
        """`value` (YYYY-MM-DD) as a date; None stays None unless `required`."""
        if value is None and not required:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            return self.fail(where, f"{value!r} is not a date (YYYY-MM-DD)")


class Row:
    """One row of a data file: reads its cells, and names itself in errors."""

    def __init__(self, path, number, cells):
        self.path, self.number, self.cells = path, number, cells

    def error(self, message):
        return DemoDataError(f"{display_path(self.path)}, row {self.number}: {message}")

    def text(self, column, required=True):
        value = (self.cells.get(column) or "").strip()
        if required and not value:
            raise self.error(f"'{column}' is empty.")
        return value

    def choice(self, column, choices):
        """The cell's value, which must be one of `choices` (a dict: text → value)."""
        value = self.text(column)
        if value not in choices:
            raise self.error(
                f"'{column}' is {value!r}; expected one of {', '.join(map(str, choices))}."
            )
        return choices[value]

    def items(self, column, choices, required=False):
        """The cell's `;`-separated values, each one of `choices` (a dict or set), no repeats."""
        values = [v.strip() for v in self.text(column, required).split(LIST_SEPARATOR)]
        values = [v for v in values if v]
        for value in values:
            if value not in choices:
                raise self.error(
                    f"'{column}' lists {value!r}; expected items among "
                    f"{', '.join(map(str, choices))}."
                )
        if len(set(values)) != len(values):
            raise self.error(f"'{column}' lists an item twice.")
        if required and not values:
            raise self.error(f"'{column}' is empty.")
        return values

    def date(self, column, required=False):
        value = self.text(column, required)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.error(f"'{column}' is {value!r}, not a date (YYYY-MM-DD).") from None

    def illustrative_text(self, column, required=True):
        """The cell's text, which (when given) must end with the illustrative marker."""
        value = self.text(column, required)
        if value and not is_illustrative(value):
            raise self.error(
                f"'{column}' must end with {ILLUSTRATIVE_SUFFIX.strip()!r}: it is an "
                "illustrative statement, not one of the partner or organisation named."
            )
        return value

    def illustrative_title(self):
        title = self.text("title")
        if not is_illustrative(title):
            raise self.error(
                f"the title {title!r} must end with {ILLUSTRATIVE_SUFFIX.strip()!r}: demo "
                "needs and responses are illustrative, not statements of the partners or "
                "organisations named."
            )
        return title


def read_rows(path, columns):
    """The rows of the CSV file at `path`, whose header must be exactly `columns` (any order)."""
    try:
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            header = reader.fieldnames or []
            for column in header:
                if column in FORBIDDEN_COLUMNS:
                    raise DemoDataError(
                        f"{display_path(path)}: remove the column '{column}': "
                        f"{FORBIDDEN_COLUMNS[column]} (see data/README.md)."
                    )
            missing = [c for c in columns if c not in header]
            unknown = [c for c in header if c not in columns]
            if missing or unknown:
                raise DemoDataError(
                    f"{display_path(path)}: the header must name the columns "
                    f"{', '.join(columns)}"
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; unknown: {', '.join(unknown)}" if unknown else "")
                    + "."
                )
            rows = []
            for index, cells in enumerate(reader):
                row = Row(path, index + 2, cells)
                if None in cells:
                    raise row.error("more cells than columns (a comma outside quotes?).")
                if any((value or "").strip() for value in cells.values()):
                    rows.append(row)
            return rows
    except FileNotFoundError:
        raise DemoDataError(f"{display_path(path)}: the demo data file is missing.") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise DemoDataError(f"{display_path(path)}: not a UTF-8 CSV file ({error}).") from None


def check_unique(row, seen, column, value):
    if value in seen:
        raise row.error(f"'{column}' {value!r} is already used in row {seen[value]}.")
    seen[value] = row.number
