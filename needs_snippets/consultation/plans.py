"""What checking a template produces: the plan of its changes (each with its row), the
problems found, and the per-row checker that reports them by column."""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import layout
from .reading import Problem, cell_text, data_rows, data_sheet, quote

MAX_REPORTED_PROBLEMS = 1000


@dataclass
class Change:
    """One row's effect: create, update, unchanged, or conflict (an update of an entry changed
    since the template was downloaded, left alone); `values` are the entry's new values (ids
    and codes), `changed` the fields that differ, `note` why a conflict is one."""

    row: int
    action: str
    label: str
    key: int | None = None
    values: dict = field(default_factory=dict)
    changed: list = field(default_factory=list)
    note: str = ""


@dataclass
class Plan:
    """A checked template: what it is, what it would change, what is wrong."""

    kind: str = ""
    cycle_id: int | None = None
    pillar_id: int | None = None
    member_id: int | None = None
    label: str = ""
    rows: int = 0
    overwrite_conflicts: bool = False
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.problems

    def made_for(self, cycle, member, pillar=None):
        """Notes the member (and pillar) the template was made for, and labels the plan so."""
        self.member_id, self.pillar_id = member.pk, pillar.pk if pillar else None
        scope = [str(cycle), *([pillar.code] if pillar else []), member.display_name]
        self.label = " · ".join(scope)

    def counts(self):
        counts = {"create": 0, "update": 0, "unchanged": 0, "conflict": 0}
        for change in self.changes:
            counts[change.action] += 1
        return counts

    def fingerprint(self):
        """A digest of what applying would write: confirming a report confirms exactly this."""
        writes = [asdict(c) for c in self.changes if c.action != "unchanged"]
        return hashlib.sha256(json.dumps(writes, sort_keys=True, default=str).encode()).hexdigest()

    def as_report(self):
        """A JSON-safe summary, kept with the import."""
        return {
            "kind": self.kind,
            "label": self.label,
            "rows": self.rows,
            "counts": self.counts(),
            "changes": [
                {key: value for key, value in asdict(change).items() if key != "values"}
                for change in self.changes
                if change.action != "unchanged"
            ],
            "problems": [asdict(problem) for problem in self.problems[:MAX_REPORTED_PROBLEMS]],
            "problem_count": len(self.problems),
            "fingerprint": self.fingerprint(),
        }


def split_list(value, separator=layout.LIST_SEPARATOR):
    return [part.strip() for part in cell_text(value).split(separator) if part.strip()]


def checked_rows(workbook, sheet_name, columns, plan, progress):
    """(row number, {key: value}, its RowChecker) for each filled row of the workbook's data
    sheet `sheet_name` of `columns`; a missing sheet or column refuses the template at once."""
    sheet, rows, found = data_sheet(workbook, sheet_name, columns)
    return (
        (number, values, RowChecker(plan, sheet.title, number, columns))
        for number, values in data_rows(sheet, rows, found, plan, progress)
    )


class RowChecker:
    """Reports problems of one row, by column."""

    def __init__(self, plan, sheet, row, columns):
        self.plan, self.sheet, self.row = plan, sheet, row
        self.headings = {column.key: column.heading for column in columns}
        self.ok = True

    def problem(self, key, message):
        self.ok = False
        self.plan.problems.append(
            Problem(message, sheet=self.sheet, row=self.row, column=self.headings[key])
        )

    def once(self, first_rows, key, column, message):
        """Notes this row in `first_rows` ({key: row number}) as the first with `key`; when an
        earlier row has it, the problem `message` on `column` (its %(row)s: that row)."""
        if key in first_rows:
            self.problem(column, message % {"row": first_rows[key]})
        first_rows.setdefault(key, self.row)

    def required(self, values, key, max_length=None):
        value = cell_text(values.get(key))
        if not value:
            self.problem(key, _("This cell is required."))
        elif max_length and len(value) > max_length:
            self.problem(
                key,
                _("At most %(limit)s characters (this has %(length)s).")
                % {"limit": max_length, "length": len(value)},
            )
        return value

    def choice(self, values, key, options, required=True):
        """The option named by the cell (case does not matter), or None."""
        value = cell_text(values.get(key))
        if not value:
            if required:
                self.problem(key, _("Choose a value from the list."))
            return None
        found = options.get(value.lower())
        if found is None:
            self.problem(
                key,
                _("%(value)s is not in the list: choose a value from the list.")
                % {"value": quote(value)},
            )
        return found


def date_cell(row, values, key):
    value = values.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(cell_text(value))
    except ValueError:
        row.problem(
            key, _("%(value)s is not a date: write it like 2025-01-31.") % {"value": quote(value)}
        )
        return None


#: Why a row whose version cannot be read is left alone, as a conflict.
VERSION_EMPTY = gettext_lazy(
    "The row's “%(column)s” cell is empty: whether the entry changed after the template was "
    "downloaded cannot be told, so it is left as it is in the database."
)
VERSION_NOT_A_NUMBER = gettext_lazy(
    "The row's “%(column)s” cell holds %(value)s, not the number the site wrote there: "
    "whether the entry changed after the template was downloaded cannot be told, so it is "
    "left as it is in the database."
)


def row_version(values):
    """The row's version (its hidden "Row version" cell) as a whole number, also when it was
    turned into text ("154"); None when the cell is empty or holds anything else."""
    text = cell_text(values.get("version"))
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None


def change_of(plan, number, values, entry, label, new, changed, named_by):
    """The change row `number` makes to its existing `entry` (`changed`: the keys of `new`
    that differ): unchanged, an update, or the conflict it is, left alone (unless the
    Secretariat has chosen to overwrite such rows): when `entry` changed since the row's
    version, or when the row names its entry (its `named_by` cell: code or number) in a file
    with the version column but its version cannot be read (empty, or not a whole number).
    Such a row is not applied blindly: as a conflict it is listed with why (its `note`), and
    the Secretariat may still choose to apply it, where a problem would refuse the whole file
    for a cell nobody can fill in. A file without the version column (from before row
    versions) and a new row matched by its title have no version: they are compared by
    content."""
    if not changed:
        return Change(number, "unchanged", label, entry.pk, new)
    change = Change(number, "update", label, entry.pk, new, changed)
    named = bool(cell_text(values[named_by]))
    if plan.overwrite_conflicts or "version" not in values or not named:
        return change
    version = row_version(values)
    if version is None:
        change.action = "conflict"
        written = cell_text(values["version"])
        change.note = (VERSION_NOT_A_NUMBER if written else VERSION_EMPTY) % {
            "column": layout.VERSION_COLUMN.heading,
            "value": quote(written),
        }
    elif version != (entry.latest_revision_id or 0):
        change.action = "conflict"
    return change
