"""The demo catalogue of the secure database, read from the data files in `data/`.

`strategic_documents.csv` (the desk review's documents), `needs.csv` (the 2021–2022 needs) and
`responses.csv` (members' actions) are described in `data/README.md`. Every row is checked
before anything is written: an invalid one stops the load with a DemoDataError that names the
file, the row (as a spreadsheet numbers it: the header is row 1) and what is wrong.

The rules that keep the demo honest are checked here too: every need and response is
illustrative (its title ends with ILLUSTRATIVE_SUFFIX), no response carries a budget or a
funding source, desk-review documents predate the end of the desk review, and responses are
reported as of the end of the 2022 response mapping.
"""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from ..constants import IATIActivityStatus, IATIOrganisationRole
from ..models import Need, Response
from ..models.cycles import Phase
from . import registries

DATA_DIR = Path(__file__).resolve().parent / "data"
PROJECT_DIR = Path(__file__).resolve().parents[2]
LIST_SEPARATOR = ";"

# The rule for demo content: a need or response of the demo is an illustrative example, and
# says so in its title, which every list, table, export and the report show.
ILLUSTRATIVE_SUFFIX = " (illustrative)"

DOCUMENT_COLUMNS = ["key", "title", "issuer", "published", "pillars", "partners"]
HIERARCHY_COLUMNS = ["level", "code", "pillar", "axis", "objective", "title"]
NEED_COLUMNS = [
    "code",
    "pillar",
    "axis",
    "area",
    "measure",
    "partners",
    "timeframe",
    "status",
    "title",
    "state_of_play",
    "gap",
    "action_needed",
    "sources",
]
RESPONSE_COLUMNS = [
    "title",
    "reporting_member",
    "roles",
    "pillar",
    "needs",
    "beneficiaries",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "visibility",
    "description",
]
# Columns the demo must never have: invented amounts or donors of named organisations.
FORBIDDEN_COLUMNS = {
    "budget": "demo responses carry no budget",
    "currency": "demo responses carry no budget, so no currency",
    "funding_source": "demo responses name no funding source",
}


def is_illustrative(title):
    """Whether a demo need's or response's title carries the illustrative marker."""
    return title.endswith(ILLUSTRATIVE_SUFFIX)


def desk_review_end(cycle=registries.NEEDS_CYCLE):
    """The last day a desk-review document of `cycle` may be dated: the formulation phase's
    actual end, else its planned end."""
    _start, planned_end, _actual_start, actual_end = cycle["phases"][Phase.FORMULATION]
    return actual_end or planned_end


def responses_reported_as_of():
    """Demo responses are as reported for the 2022 response mapping: no actual date after it."""
    return registries.RESPONSES_CYCLE["period_end"]


class DemoDataError(CommandError):
    """A demo data file is missing, malformed, or holds an invalid row. A CommandError, so
    `manage.py load_demo` prints the message (file, row, problem) rather than a traceback."""


def _display(path):
    try:
        return str(path.relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


class Row:
    """One row of a data file: reads its cells, and names itself in errors."""

    def __init__(self, path, number, cells):
        self.path, self.number, self.cells = path, number, cells

    def error(self, message):
        return DemoDataError(f"{_display(self.path)}, row {self.number}: {message}")

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
                        f"{_display(path)}: remove the column '{column}': "
                        f"{FORBIDDEN_COLUMNS[column]} (see data/README.md)."
                    )
            missing = [c for c in columns if c not in header]
            unknown = [c for c in header if c not in columns]
            if missing or unknown:
                raise DemoDataError(
                    f"{_display(path)}: the header must name the columns "
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
        raise DemoDataError(f"{_display(path)}: the demo data file is missing.") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise DemoDataError(f"{_display(path)}: not a UTF-8 CSV file ({error}).") from None


def _unique(row, seen, column, value):
    if value in seen:
        raise row.error(f"'{column}' {value!r} is already used in row {seen[value]}.")
    seen[value] = row.number


@dataclass(frozen=True)
class Catalogue:
    """The checked demo catalogue: lists of dicts whose keys are the models' field names."""

    documents: list
    objectives: list
    measures: list
    needs: list
    responses: list


class _Registries:
    """What the rows may refer to, from the demo registries."""

    def __init__(self):
        self.pillars = {p["code"]: p["code"] for p in registries.PILLARS}
        self.axes = {p["code"]: {a: a for a in p["axes"]} for p in registries.PILLARS}
        self.areas = {code: code for code, _name in registries.AREAS}
        self.partners = {m[3]: m[3] for m in registries.MEMBERS if m[3]}
        self.members = {m[1]: m[1] for m in registries.MEMBERS}


def read_documents(path, known):
    last_day = desk_review_end()
    documents, keys, titles = [], {}, {}
    for row in read_rows(path, DOCUMENT_COLUMNS):
        key, title = row.text("key"), row.text("title")
        _unique(row, keys, "key", key)
        _unique(row, titles, "title", title)
        published = row.date("published", required=True)
        if published > last_day:
            raise row.error(
                f"published {published} is after the desk review of the "
                f"{registries.NEEDS_CYCLE['edition']} cycle ends ({last_day}): a document of "
                "the desk review cannot postdate it."
            )
        documents.append(
            {
                "key": key,
                "title": title,
                "issuer": row.text("issuer"),
                "published": published,
                "pillars": row.items("pillars", known.pillars),
                "partners": row.items("partners", known.partners),
            }
        )
    return documents


def read_hierarchy(path, known):
    """(objectives, measures): each measure names an objective of the same pillar and axis,
    listed above it; every title is illustrative."""
    objectives, measures, codes, parents = [], [], {}, {}
    levels = {"objective": "objective", "measure": "measure"}
    for row in read_rows(path, HIERARCHY_COLUMNS):
        level, code = row.choice("level", levels), row.text("code")
        _unique(row, codes, "code", code)
        pillar = row.choice("pillar", known.pillars)
        record = {
            "code": code,
            "pillar": pillar,
            "axis": row.choice("axis", known.axes[pillar]),
            "title": row.illustrative_title(),
        }
        if level == "objective":
            if row.text("objective", required=False):
                raise row.error("an objective has no objective above it: leave the cell empty.")
            parents[code] = (pillar, record["axis"])
            objectives.append(record)
            continue
        parent = row.choice("objective", {c: c for c in parents})
        if parents[parent] != (pillar, record["axis"]):
            raise row.error(f"objective {parent!r} is of another pillar or axis.")
        measures.append({**record, "objective": parent})
    return objectives, measures


def read_needs(path, known, documents, measures=()):
    document_keys = {d["key"]: d["key"] for d in documents}
    measure_of = {m["code"]: (m["pillar"], m["axis"]) for m in measures}
    timeframes = {value: value for value in Need.Timeframe.values}
    statuses = {value: value for value in Need.Status.values}
    needs, codes = [], {}
    for row in read_rows(path, NEED_COLUMNS):
        code = row.text("code")
        _unique(row, codes, "code", code)
        pillar = row.choice("pillar", known.pillars)
        axis = row.choice("axis", known.axes[pillar])
        measure = row.text("measure", required=False)
        if measure and measure_of.get(measure) != (pillar, axis):
            raise row.error(
                f"'measure' {measure!r} is not a measure of {pillar} {axis} in hierarchy.csv "
                "(leave it empty for an Unclassified need)."
            )
        needs.append(
            {
                "reference_code": code,
                "pillar": pillar,
                "axis": axis,
                "measure": measure,
                "area": row.choice("area", known.areas),
                "partners": row.items("partners", known.partners, required=True),
                "timeframe": row.choice("timeframe", timeframes),
                "status": row.choice("status", statuses),
                "title": row.illustrative_title(),
                "state_of_play": row.text("state_of_play"),
                "gap": row.text("gap"),
                "action_needed": row.text("action_needed"),
                "sources": row.items("sources", document_keys),
            }
        )
    return needs


def _check_response_dates(row, record):
    status = IATIActivityStatus
    for first, last in [("planned_start", "planned_end"), ("actual_start", "actual_end")]:
        if record[first] and record[last] and record[last] < record[first]:
            raise row.error(f"'{last}' {record[last]} is before '{first}' {record[first]}.")
    as_of = responses_reported_as_of()
    for column in ["actual_start", "actual_end"]:
        if record[column] and record[column] > as_of:
            raise row.error(
                f"'{column}' {record[column]} is after {as_of}: demo responses are as reported "
                "for the 2022 response mapping, so nothing actually started or ended later."
            )
    started, ended = record["actual_start"], record["actual_end"]
    expected = {
        status.PIPELINE: (not started and not ended, "has no actual dates"),
        status.IMPLEMENTATION: (started and not ended, "has an actual start and no actual end"),
        status.FINALISATION: (started, "has an actual start"),
        status.CLOSED: (started and ended, "has an actual start and end"),
    }
    if record["iati_status"] in expected:
        consistent, rule = expected[record["iati_status"]]
        if not consistent:
            raise row.error(
                f"a response in status '{row.text('status')}' {rule}: correct the status or "
                "the actual dates."
            )


def read_responses(path, known, needs):
    pillar_of_need = {n["reference_code"]: n["pillar"] for n in needs}
    statuses = {s.name.lower(): s for s in IATIActivityStatus}
    roles = {r.name.lower(): r for r in IATIOrganisationRole}
    visibility = {value: value for value in Response.Sensitivity.values}
    responses, titles = [], {}
    for row in read_rows(path, RESPONSE_COLUMNS):
        title = row.illustrative_title()
        _unique(row, titles, "title", title)
        pillar = row.choice("pillar", known.pillars)
        answered = row.items("needs", pillar_of_need)
        for code in answered:
            if pillar_of_need[code] != pillar:
                raise row.error(f"the need {code} is not a need of {pillar}.")
        record = {
            "title": title,
            "reporting_member": row.choice("reporting_member", known.members),
            "roles": [roles[r] for r in row.items("roles", roles, required=True)],
            "pillar": pillar,
            "needs": answered,
            "beneficiaries": row.items("beneficiaries", known.partners),
            "iati_status": row.choice("status", statuses),
            "planned_start": row.date("planned_start"),
            "planned_end": row.date("planned_end"),
            "actual_start": row.date("actual_start"),
            "actual_end": row.date("actual_end"),
            "sensitivity": row.choice("visibility", visibility),
            "description": row.text("description"),
        }
        _check_response_dates(row, record)
        responses.append(record)
    return responses


def load(data_dir=DATA_DIR):
    """Read and check the demo data files; a DemoDataError says what is wrong where."""
    data_dir = Path(data_dir)
    known = _Registries()
    documents = read_documents(data_dir / "strategic_documents.csv", known)
    objectives, measures = read_hierarchy(data_dir / "hierarchy.csv", known)
    needs = read_needs(data_dir / "needs.csv", known, documents, measures)
    responses = read_responses(data_dir / "responses.csv", known, needs)
    return Catalogue(
        documents=documents,
        objectives=objectives,
        measures=measures,
        needs=needs,
        responses=responses,
    )
