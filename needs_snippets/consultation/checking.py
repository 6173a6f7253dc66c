"""Templates back in, first step: read a filled workbook and plan its changes, writing nothing.

Every row is checked before anything is written. The plan says which rows create, update or
leave unchanged an entry, and each error says its sheet, row, column and what to fix. A row
matches an existing entry by its code (needs) or number (responses), else by its title, so a
file imported twice plans no change the second time.
"""

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Revision

from ..constants import ISO_4217_CODES, IATIActivityStatus
from ..models import (
    Measure,
    Member,
    Need,
    NeedPartner,
    Pillar,
    Response,
    ResponseNeed,
    StrategicDocument,
)
from ..models.registries import Area
from . import layout
from .reading import (
    Problem,
    TemplateRefused,
    cell_text,
    clean_text,
    data_rows,
    data_sheet,
    open_template,
    quote,
)
from .state import need_states

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


def _split(value, separator=layout.LIST_SEPARATOR):
    return [part.strip() for part in cell_text(value).split(separator) if part.strip()]


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
        value = cell_text(values.get(key))
        if not value:
            self.problem(key, "This cell is required.")
        elif max_length and len(value) > max_length:
            self.problem(key, f"At most {max_length} characters (this has {len(value)}).")
        return value

    def choice(self, values, key, options, required=True):
        """The option named by the cell (case does not matter), or None."""
        value = cell_text(values.get(key))
        if not value:
            if required:
                self.problem(key, "Choose a value from the list.")
            return None
        found = options.get(value.lower())
        if found is None:
            self.problem(key, f"{quote(value)} is not in the list: choose a value from the list.")
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
    sheet, rows, columns = data_sheet(workbook, layout.NEEDS_SHEET, layout.NEEDS_COLUMNS)
    needs = list(Need.objects.filter(cycle=cycle, pillar=pillar))
    by_code = {need.reference_code: need for need in needs}
    by_title = {  # a new row with the title of a need matches it (withdrawn ones excepted)
        clean_text(need.title).lower(): need
        for need in needs
        if need.status != Need.Status.WITHDRAWN
    }
    states = need_states(needs)
    axes = {axis.name.lower(): axis.pk for axis in pillar.axes.all()}
    measures, measure_axes = {}, {}
    for measure in Measure.objects.filter(cycle=cycle, objective__pillar=pillar).select_related(
        "objective__axis"
    ):
        measure_axes[measure.pk] = measure.objective.axis
        if not measure.unclassified:  # by its label or its code alone
            measures[clean_text(measure.label).lower()] = measures[measure.code.lower()] = (
                measure.pk
            )
    unplaced = {pk for pk in measure_axes if pk not in measures.values()}
    areas = {area.name.lower(): area.pk for area in Area.objects.all()}
    areas.update({area.code.lower(): area.pk for area in Area.objects.all()})
    timeframes = {str(label).lower(): code for code, label in Need.Timeframe.choices}
    timeframes.update({code: code for code in Need.Timeframe.values})
    documents = {}
    for pk, title in StrategicDocument.objects.order_by("pk").values_list("pk", "title"):
        documents.setdefault(clean_text(title).lower(), []).append(pk)
    new_titles = {}
    seen = {}
    for number, values in data_rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.NEEDS_COLUMNS)
        code, title = cell_text(values["code"]), cell_text(values["title"])
        need = None
        if code:
            need = by_code.get(code)
            if need is None:
                row.problem(
                    "code",
                    f"No {pillar.code} need of the {cycle.edition} cycle has the code "
                    f"{quote(code)}: leave the code empty to propose a new need.",
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
            "measure": row.choice(values, "measure", measures, required=False),
            "area": row.choice(values, "area", areas),
            "state_of_play": row.required(values, "state_of_play"),
            "gap": row.required(values, "gap"),
            "action_needed": row.required(values, "action_needed"),
            "timeframe": row.choice(values, "timeframe", timeframes),
        }
        identified = row.choice(values, "identified", {"yes": True, "no": False}, required=False)
        detail = _partner_detail(row, values)
        axis_of_measure = measure_axes.get(new["measure"])
        if new["axis"] and axis_of_measure and axis_of_measure.pk != new["axis"]:
            row.problem("measure", f"The measure {quote(cell_text(values['measure']))} is under "
                        f"the axis {axis_of_measure.name}: choose a measure of the row's axis, "
                        "or change the axis.")  # fmt: skip
        linked = states[need.pk]["sources"] if need is not None else set()
        source_ids = set()
        for source in _split(values["sources"], "\n"):
            candidates = documents.get(source.lower())
            if candidates:  # two documents of one title: the one already linked, else the first
                source_ids.add(next((pk for pk in candidates if pk in linked), candidates[0]))
            else:
                row.problem("sources", f"{quote(source)} is not a strategic document of the "
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
            new["detail"] = detail if identified is not False else None
            new["sources"] = sorted(source_ids)
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        current = {
            key: clean_text(value) if isinstance(value, str) else value
            for key, value in states[need.pk].items()
        }
        if current["measure"] in unplaced or current["measure"] not in measure_axes:
            current["measure"] = None  # waiting for placement, as the template shows it
        partners = set(current["partners"])
        if identified is True:
            partners.add(partner.pk)
        elif identified is False:
            partners.discard(partner.pk)
        new["partners"], new["sources"] = sorted(partners), sorted(source_ids)
        current["detail"] = current["details"].get(partner.pk)
        new["detail"] = detail if partner.pk in partners else None
        if new["detail"] is not None and current["detail"] is None and detail == _EMPTY_DETAIL:
            current["detail"] = new["detail"]  # newly identified without detail: not a change
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


#: A partner's own detail when its cells are empty (see state.PARTNER_FIELDS).
_EMPTY_DETAIL = {"status": "identified", "state_of_play": "", "location": "", "due": None}


def _partner_detail(row, values):
    """The importing partner's own detail of the row's need, from its four columns."""
    statuses = {str(label).lower(): code for code, label in NeedPartner.Status.choices}
    statuses.update({code: code for code in NeedPartner.Status.values})
    status = row.choice(values, "partner_status", statuses, required=False)
    location = cell_text(values.get("partner_location"))
    if len(location) > 255:
        row.problem("partner_location", f"At most 255 characters (this has {len(location)}).")
    due = _date(row, values, "partner_due")
    return {
        "status": status or NeedPartner.Status.IDENTIFIED,
        "state_of_play": cell_text(values.get("partner_state_of_play")),
        "location": location,
        "due": due.isoformat() if due else None,
    }


def _date(row, values, key):
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
        row.problem(key, f"{quote(value)} is not a date: write it like 2025-01-31.")
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
    sheet, rows, columns = data_sheet(workbook, layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS)
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
    for number, values in data_rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.RESPONSES_COLUMNS)
        number_text, title = cell_text(values["id"]), cell_text(values["title"])
        response = None
        if number_text:
            is_number = re.fullmatch(r"[0-9]{1,18}", number_text)
            response = by_id.get(int(number_text)) if is_number else None
            if response is None:
                row.problem("id", f"{member.display_name} has no response numbered "
                            f"{quote(number_text)}: leave it empty for a new action.")  # fmt: skip
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
            "funding_source": cell_text(values["funding_source"]),
            "sensitivity": row.choice(values, "sensitivity", visibilities),
        }
        budget = values.get("budget")
        new["budget"] = None
        if cell_text(budget):
            try:
                amount = Decimal(cell_text(budget)).quantize(Decimal("0.01"))
                if amount < 0 or amount >= Decimal("1e12"):
                    raise InvalidOperation
                new["budget"] = str(amount)
            except InvalidOperation:
                row.problem("budget", f"{quote(budget)} is not an amount: write a number "
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
                row.problem("needs", f"{quote(code)} is not the code of a published need: "
                            "copy it from the “Needs to link” sheet.")  # fmt: skip
        new["beneficiaries"] = []
        for code in _split(values["beneficiaries"]):
            if code.lower() in partners:
                new["beneficiaries"].append(partners[code.lower()])
            else:
                row.problem("beneficiaries", f"{quote(code)} is not a partner's code: use AL, BA, "
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
