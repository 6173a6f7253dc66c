"""Templates back in, first step: read a filled workbook and plan its changes, writing nothing.

Every row is checked before anything is written. The plan says which rows create, update or
leave unchanged an entry, and each error says its sheet, row, column and what to fix. A row
matches an existing entry by its code (needs) or number (responses), else by its title, so a
file imported twice plans no change the second time.
"""

import hashlib
import json
import re
import zipfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import column_index_from_string
from wagtail.models import Revision

from ..constants import ISO_4217_CODES, IATIActivityStatus
from ..models import MappingCycle, Member, Need, Pillar, Response, ResponseNeed, StrategicDocument
from ..models.registries import Area
from . import layout
from .state import need_states

PROGRESS_EVERY = 100
MAX_REPORTED_PROBLEMS = 1000


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


class TemplateRefused(Exception):
    """The file as a whole cannot be read as a template; `problems` say why."""

    def __init__(self, *problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


def _text(value):
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


def _quote(value, length=60):
    """A cell's value for a message, shortened."""
    text = _text(value)
    return f"“{text[:length]}…”" if len(text) > length else f"“{text}”"


def _split(value, separator=layout.LIST_SEPARATOR):
    return [part.strip() for part in _text(value).split(separator) if part.strip()]


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
    size_mb = len(data) / 1024 / 1024
    if len(data) > layout.MAX_FILE_BYTES:
        raise TemplateRefused(Problem(
            f"The file is {size_mb:.1f} MB; a template is at most "
            f"{layout.MAX_FILE_BYTES // 1024 // 1024} MB. Remove pictures or extra sheets, or "
            "split the rows over two files."
        ))  # fmt: skip
    not_xlsx = Problem(
        "This is not an Excel workbook (.xlsx): download the template again and fill it in "
        "Excel or LibreOffice, saving it as .xlsx."
    )
    if not zipfile.is_zipfile(BytesIO(data)):
        raise TemplateRefused(not_xlsx)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > layout.MAX_UNCOMPRESSED_BYTES:
                raise TemplateRefused(Problem(
                    f"The workbook is {unpacked / 1024 / 1024:.0f} MB once unpacked; a template "
                    f"is at most {layout.MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB. Remove "
                    "pictures or extra sheets, or split the rows over two files."
                ))  # fmt: skip
            facts = _within_limits(archive)
        workbook = Workbook(load_workbook(BytesIO(data), read_only=True), facts)
    except TemplateRefused:
        raise
    except Exception:  # noqa: BLE001 - whatever fails to read, the file is no workbook of ours
        raise TemplateRefused(not_xlsx) from None
    if layout.ABOUT_SHEET not in workbook.book.sheetnames:
        raise TemplateRefused(Problem(
            "This workbook is not an IISG consultation template: download the template from the "
            "cycle's page and copy your entries into it."
        ))  # fmt: skip
    about_sheet = workbook.book[layout.ABOUT_SHEET]
    rows = (
        about_sheet.iter_rows(max_col=2, values_only=True)
        if hasattr(about_sheet, "iter_rows")
        else []
    )
    about = {_text(key): value for key, value in (tuple(row)[:2] for row in rows) if key}
    if about.get("format") != layout.FORMAT_VERSION or about.get("kind") not in (
        "needs", "responses"
    ):  # fmt: skip
        raise TemplateRefused(Problem(
            "This template is of an older or unknown format: download the template again and "
            "copy your entries into it."
        ))  # fmt: skip
    cycle_id = about.get("cycle")
    cycle = (
        MappingCycle.objects.filter(pk=cycle_id, kind=about["kind"]).first()
        if isinstance(cycle_id, int) and 0 < cycle_id < 2**63
        else None
    )
    if cycle is None:
        raise TemplateRefused(Problem(
            f"This template is for a mapping cycle that no longer exists ({about.get('edition')})."
        ))  # fmt: skip
    if expected_cycle is not None and cycle.pk != expected_cycle.pk:
        raise TemplateRefused(Problem(
            f"This template is for the cycle {cycle}, not {expected_cycle}: upload it on that "
            "cycle's page, or download this cycle's template."
        ))  # fmt: skip
    return workbook, about, cycle


def _too_large(what, limit):
    return TemplateRefused(Problem(
        f"More than {limit:,} {what}; a template takes at most {limit:,} (hidden sheets count "
        "too): remove extra sheets and columns, or split the rows over several files."
    ))  # fmt: skip


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


def _data_sheet(workbook, name, columns):
    """(the data sheet, its number of rows), after checking its headers and merged cells."""
    if name not in workbook.book.sheetnames:
        raise TemplateRefused(Problem(
            f"The sheet “{name}” is missing: do not rename or delete the template's sheets."
        ))  # fmt: skip
    sheet = workbook.book[name]
    if not hasattr(sheet, "iter_rows"):
        raise TemplateRefused(Problem(
            f"The sheet “{name}” is not a sheet of rows: download the template again."
        ))  # fmt: skip
    problems = []
    headers = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for index, column in enumerate(columns):
        found = _text(headers[index]) if index < len(headers) else ""
        if found != column.heading:
            problems.append(Problem(
                f"The header was changed: it should read “{column.heading}”"
                + (f", not “{found}”" if found else "")
                + ". Download the template again and copy your entries into it.",
                sheet=name, row=1, column=layout.column_letter(index),
            ))  # fmt: skip
    versioned = len(headers) > len(columns) and (
        _text(headers[len(columns)]) == layout.VERSION_COLUMN.heading
    )
    for index in range(len(columns) + versioned, len(headers)):
        if _text(headers[index]):
            problems.append(Problem(
                f"{_quote(headers[index])} is not a column of the template: remove the column.",
                sheet=name, row=1, column=layout.column_letter(index),
            ))  # fmt: skip
    # openpyxl's read-only sheet names its part in the archive.
    facts = workbook.facts[sheet._worksheet_path]  # noqa: SLF001
    if facts.merged:
        problems.append(
            Problem(f"Merged cells ({', '.join(facts.merged)}): unmerge them.", sheet=name)
        )
    if problems:
        raise TemplateRefused(*problems)
    return sheet, facts.rows, [*columns, layout.VERSION_COLUMN] if versioned else columns


def _rows(sheet, rows, columns, plan, progress):
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
                    "A formula: type the value itself instead.", sheet=sheet.title, row=number,
                    column=columns[index].heading,
                ))  # fmt: skip
                formula = True
            values[columns[index].key] = cell.value
        entries = (value for key, value in values.items() if key != "version")
        if formula or all(_text(value) == "" for value in entries):
            continue
        plan.rows += 1
        yield number, values
    if progress:
        progress(total, total)


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

    def required(self, values, key, max_length=None):
        value = _text(values.get(key))
        if not value:
            self.problem(key, "This cell is required.")
        elif max_length and len(value) > max_length:
            self.problem(key, f"At most {max_length} characters (this has {len(value)}).")
        return value

    def choice(self, values, key, options, required=True):
        """The option named by the cell (case does not matter), or None."""
        value = _text(values.get(key))
        if not value:
            if required:
                self.problem(key, "Choose a value from the list.")
            return None
        found = options.get(value.lower())
        if found is None:
            self.problem(key, f"{_quote(value)} is not in the list: choose a value from the list.")
        return found


def check(data, expected_cycle=None, progress=None, overwrite_conflicts=False):
    """The Plan of the template in `data` (XLSX bytes); nothing is written. A row whose entry
    changed in the database since the template was downloaded, and that would change it, is
    a conflict (left alone) unless `overwrite_conflicts`."""
    try:
        workbook, about, cycle = open_template(data, expected_cycle)
    except TemplateRefused as refused:
        return Plan(problems=refused.problems)
    plan = Plan(kind=about["kind"], cycle_id=cycle.pk, overwrite_conflicts=overwrite_conflicts)
    try:
        if plan.kind == "needs":
            _check_needs(workbook, about, cycle, plan, progress)
        else:
            _check_responses(workbook, about, cycle, plan, progress)
    except TemplateRefused as refused:
        plan.problems = refused.problems
    finally:
        workbook.book.close()
    _explain_conflicts(plan)
    return plan


def _conflict(plan, values, entry, change):
    """`change` (an update), or the conflict it is when `entry` changed since the row's
    version (and the Secretariat has not chosen to overwrite such rows)."""
    version = values.get("version")
    if (
        isinstance(version, int | float)
        and int(version) != (entry.latest_revision_id or 0)
        and not plan.overwrite_conflicts
    ):
        change.action = "conflict"
    return change


def _explain_conflicts(plan):
    """Say who changed each conflicting entry, and when, since the template was downloaded."""
    conflicts = [change for change in plan.changes if change.action == "conflict"]
    if not conflicts:
        return
    model = Need if plan.kind == "needs" else Response
    latest = dict(
        model.objects.filter(pk__in=[c.key for c in conflicts]).values_list(
            "pk", "latest_revision_id"
        )
    )
    revisions = Revision.objects.select_related("user").in_bulk(latest.values())
    for change in conflicts:
        revision = revisions.get(latest.get(change.key))
        who = (
            revision.user.get_full_name() or revision.user.get_username()
            if (revision and revision.user)
            else "someone"
        )
        when = f" on {timezone.localtime(revision.created_at):%d %b %Y %H:%M}" if revision else ""
        change.note = (
            f"Changed by {who}{when}, after this template was downloaded: left as it is in the "
            "database."
        )


def _check_needs(workbook, about, cycle, plan, progress):
    if cycle.board_decision_since:
        raise TemplateRefused(
            Problem(
                "The Board is voting on this cycle's report: its needs are locked until the "
                "vote ends or the Secretariat withdraws it. Import the template after that."
            )
        )
    pillar = Pillar.objects.filter(code=about.get("pillar")).first()
    partner = Member.objects.wb_partners().filter(country_code=about.get("partner")).first()
    if pillar is None or partner is None:
        raise TemplateRefused(
            Problem("This template names a pillar or partner that no longer exists.")
        )
    plan.pillar_id, plan.member_id = pillar.pk, partner.pk
    plan.label = f"{cycle} · {pillar.code} · {partner.display_name}"
    sheet, rows, columns = _data_sheet(workbook, layout.NEEDS_SHEET, layout.NEEDS_COLUMNS)
    needs = list(Need.objects.filter(cycle=cycle, pillar=pillar))
    by_code = {need.reference_code: need for need in needs}
    by_title = {  # a new row with the title of a need matches it (withdrawn ones excepted)
        clean_text(need.title).lower(): need
        for need in needs
        if need.status != Need.Status.WITHDRAWN
    }
    states = need_states(needs)
    axes = {axis.name.lower(): axis.pk for axis in pillar.axes.all()}
    areas = {area.name.lower(): area.pk for area in Area.objects.all()}
    areas.update({area.code.lower(): area.pk for area in Area.objects.all()})
    timeframes = {str(label).lower(): code for code, label in Need.Timeframe.choices}
    timeframes.update({code: code for code in Need.Timeframe.values})
    documents = {}
    for pk, title in StrategicDocument.objects.order_by("pk").values_list("pk", "title"):
        documents.setdefault(clean_text(title).lower(), []).append(pk)
    new_titles = {}
    seen = {}
    for number, values in _rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.NEEDS_COLUMNS)
        code, title = _text(values["code"]), _text(values["title"])
        need = None
        if code:
            need = by_code.get(code)
            if need is None:
                row.problem(
                    "code",
                    f"No {pillar.code} need of the {cycle.edition} cycle has the code "
                    f"{_quote(code)}: leave the code empty to propose a new need.",
                )
        elif title:
            need = by_title.get(title.lower())
        if need is not None:
            if need.pk in seen:
                row.problem(
                    "code", f"This need is already on row {seen[need.pk]}: keep one row per need."
                )
            seen.setdefault(need.pk, number)
        new = {
            "title": row.required(values, "title", 255),
            "axis": row.choice(values, "axis", axes),
            "area": row.choice(values, "area", areas),
            "state_of_play": row.required(values, "state_of_play"),
            "gap": row.required(values, "gap"),
            "action_needed": row.required(values, "action_needed"),
            "timeframe": row.choice(values, "timeframe", timeframes),
        }
        identified = row.choice(values, "identified", {"yes": True, "no": False}, required=False)
        linked = states[need.pk]["sources"] if need is not None else set()
        source_ids = set()
        for source in _split(values["sources"], "\n"):
            candidates = documents.get(source.lower())
            if candidates:  # two documents of one title: the one already linked, else the first
                source_ids.add(next((pk for pk in candidates if pk in linked), candidates[0]))
            else:
                row.problem("sources", f"{_quote(source)} is not a strategic document of the "
                            "Lists sheet: copy its title exactly, one per line.")  # fmt: skip
        if need is None and title:
            if title.lower() in new_titles:
                row.problem("title", f"Row {new_titles[title.lower()]} already proposes a need "
                            "with this title: keep one row per need.")  # fmt: skip
            new_titles.setdefault(title.lower(), number)
        if not row.ok:
            continue
        if need is None:
            new["partners"] = [partner.pk] if identified is not False else []
            new["sources"] = sorted(source_ids)
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        current = {
            key: clean_text(value) if isinstance(value, str) else value
            for key, value in states[need.pk].items()
        }
        partners = set(current["partners"])
        if identified is True:
            partners.add(partner.pk)
        elif identified is False:
            partners.discard(partner.pk)
        new["partners"], new["sources"] = sorted(partners), sorted(source_ids)
        changed = [
            key for key, value in new.items()
            if (sorted(current[key]) if key in ("partners", "sources") else current[key]) != value
        ]  # fmt: skip
        if changed and need.status == Need.Status.APPROVED:
            row.problem("code", "The Board approved this need with its report: it is read-only. "
                        "Propose the change as a new need, or in the next cycle.")  # fmt: skip
            continue
        if not changed:
            plan.changes.append(Change(number, "unchanged", need.reference_code, need.pk, new))
            continue
        change = Change(number, "update", need.reference_code, need.pk, new, changed)
        plan.changes.append(_conflict(plan, values, need, change))


def _date(row, values, key):
    value = values.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        row.problem(key, f"{_quote(value)} is not a date: write it like 2025-01-31.")
        return None


def _model_rules(row, values):
    """The rules `Response.clean` keeps (dates in order, a budget's currency), said on the
    row's columns."""
    fields = ("planned_start", "planned_end", "actual_start", "actual_end", "currency")
    response = Response(**{name: values[name] for name in fields})
    response.budget = Decimal(values["budget"]) if values["budget"] is not None else None
    try:
        response.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                row.problem(name, message)


def _check_responses(workbook, about, cycle, plan, progress):
    member_id = about.get("member")
    member = (
        Member.objects.filter(pk=member_id).first()
        if isinstance(member_id, int) and 0 < member_id < 2**63
        else None
    )
    if member is None:
        raise TemplateRefused(Problem("This template names a member that no longer exists."))
    plan.member_id = member.pk
    plan.label = f"{cycle} · {member.display_name}"
    sheet, rows, columns = _data_sheet(workbook, layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS)
    responses = list(
        Response.objects.filter(reporting_member=member).prefetch_related(
            "need_links", "beneficiary_links"
        )
    )
    by_id = {response.pk: response for response in responses}
    by_title = {clean_text(response.title).lower(): response for response in responses}
    new_titles = {}
    pillars = {code.lower(): pk for pk, code in Pillar.objects.values_list("pk", "code")}
    needs = {}
    for pk, code in (
        Need.objects.filter(live=True)
        .order_by("cycle__period_start")
        .values_list("pk", "reference_code")
    ):
        needs[code.lower()] = pk  # a code shared by cycles: the latest cycle's need …
    linked_codes = defaultdict(dict)  # … unless the response already answers a need of it
    for response_id, need_id, code in ResponseNeed.objects.filter(
        response__in=responses
    ).values_list("response_id", "need_id", "need__reference_code"):
        linked_codes[response_id][code.lower()] = need_id
    partners = {
        code.lower(): pk
        for pk, code in Member.objects.wb_partners().values_list("pk", "country_code")
    }
    statuses = {str(label).lower(): code for code, label in IATIActivityStatus.choices}
    statuses.update({str(code): code for code in IATIActivityStatus.values})
    visibilities = {str(label).lower(): code for code, label in Response.Sensitivity.choices}
    visibilities.update({code: code for code in Response.Sensitivity.values})
    currencies = {code.lower(): code for code in ISO_4217_CODES}
    seen = {}
    for number, values in _rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.RESPONSES_COLUMNS)
        number_text, title = _text(values["id"]), _text(values["title"])
        response = None
        if number_text:
            is_number = re.fullmatch(r"[0-9]{1,18}", number_text)
            response = by_id.get(int(number_text)) if is_number else None
            if response is None:
                row.problem("id", f"{member.display_name} has no response numbered "
                            f"{_quote(number_text)}: leave it empty for a new action.")  # fmt: skip
        elif title:
            response = by_title.get(title.lower())
        if response is not None:
            if response.pk in seen:
                row.problem("id", f"This response is already on row {seen[response.pk]}: keep "
                            "one row per response.")  # fmt: skip
            seen.setdefault(response.pk, number)
        new = {
            "title": row.required(values, "title", 255),
            "description": row.required(values, "description"),
            "pillar": row.choice(values, "pillar", pillars),
            "iati_status": row.choice(values, "iati_status", statuses),
            "planned_start": _date(row, values, "planned_start"),
            "planned_end": _date(row, values, "planned_end"),
            "actual_start": _date(row, values, "actual_start"),
            "actual_end": _date(row, values, "actual_end"),
            "currency": row.choice(values, "currency", currencies, required=False) or "",
            "funding_source": _text(values["funding_source"]),
            "sensitivity": row.choice(values, "sensitivity", visibilities),
        }
        budget = values.get("budget")
        new["budget"] = None
        if _text(budget):
            try:
                amount = Decimal(_text(budget)).quantize(Decimal("0.01"))
                if amount < 0 or amount >= Decimal("1e12"):
                    raise InvalidOperation
                new["budget"] = str(amount)
            except InvalidOperation:
                row.problem("budget", f"{_quote(budget)} is not an amount: write a number "
                            "such as 250000 or 250000.50, without the currency.")  # fmt: skip
        _model_rules(row, new)
        new["needs"] = []
        if len(new["funding_source"]) > 255:
            row.problem("funding_source", "At most 255 characters.")
        if response is None and title:
            if title.lower() in new_titles:
                row.problem("title", f"Row {new_titles[title.lower()]} already adds an action "
                            "with this title: keep one row per action.")  # fmt: skip
            new_titles.setdefault(title.lower(), number)
        own = linked_codes[response.pk] if response is not None else {}
        for code in _split(values["needs"]):
            need_id = own.get(code.lower()) or needs.get(code.lower())
            if need_id:
                new["needs"].append(need_id)
            else:
                row.problem("needs", f"{_quote(code)} is not the code of a published need: "
                            "copy it from the “Needs to link” sheet.")  # fmt: skip
        new["beneficiaries"] = []
        for code in _split(values["beneficiaries"]):
            if code.lower() in partners:
                new["beneficiaries"].append(partners[code.lower()])
            else:
                row.problem("beneficiaries", f"{_quote(code)} is not a partner's code: use AL, BA, "
                            "XK, ME, MK or RS.")  # fmt: skip
        if not row.ok:
            continue
        new["needs"], new["beneficiaries"] = (
            sorted(set(new["needs"])),
            sorted(set(new["beneficiaries"])),
        )
        for key in ("planned_start", "planned_end", "actual_start", "actual_end"):
            new[key] = new[key].isoformat() if new[key] else None
        if response is None:
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        current = {
            "title": clean_text(response.title),
            "description": clean_text(response.description),
            "pillar": response.pillar_id,
            "iati_status": response.iati_status,
            "planned_start": response.planned_start.isoformat() if response.planned_start else None,
            "planned_end": response.planned_end.isoformat() if response.planned_end else None,
            "actual_start": response.actual_start.isoformat() if response.actual_start else None,
            "actual_end": response.actual_end.isoformat() if response.actual_end else None,
            "currency": response.currency,
            "funding_source": clean_text(response.funding_source),
            "sensitivity": response.sensitivity,
            "budget": None
            if response.budget is None
            else str(response.budget.quantize(Decimal("0.01"))),
            "needs": sorted({link.need_id for link in response.need_links.all()}),
            "beneficiaries": sorted({link.partner_id for link in response.beneficiary_links.all()}),
        }
        changed = [key for key, value in new.items() if current[key] != value]
        if not changed:
            plan.changes.append(Change(number, "unchanged", response.title, response.pk, new))
            continue
        change = Change(number, "update", response.title, response.pk, new, changed)
        plan.changes.append(_conflict(plan, values, response, change))
