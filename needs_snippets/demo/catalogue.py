"""The demo catalogue of the secure database, read from the data files in `data/`.

`strategic_documents.csv` (the desk review's documents), `hierarchy.csv` (objectives and
measures), `needs.csv` (the 2021–2022 needs), `partner_details.csv` (each partner's own detail
of a need), `validations.csv` (international partners' validations), `responses.csv` (members'
actions) and `next_edition.json` (the edition after it) are described in `data/README.md`.
Every row is checked before anything is written: an invalid one stops the load with a
DemoDataError (`rows.py`) that names the file, the row and what is wrong.

The rules that keep the demo honest are checked here too: every need and response is
illustrative (its title ends with rows.ILLUSTRATIVE_SUFFIX), and so is every partner's own state
of play and every validation's comment, no response carries a budget or a
funding source, desk-review documents predate the end of the desk review, and responses are
reported as of the end of the 2022 response mapping.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..constants import IATIActivityStatus, IATIOrganisationRole
from ..models import Need, NeedPartner, NeedReview, Response
from ..models.cycles import Phase
from . import registries
from .rows import DemoDataError, check_unique, display_path, read_rows

DATA_DIR = Path(__file__).resolve().parent / "data"

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
PARTNER_DETAIL_COLUMNS = ["need", "partner", "status", "state_of_play", "location", "due"]
VALIDATION_COLUMNS = ["need", "member", "verdict", "comment", "support"]
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


def desk_review_end(cycle=registries.NEEDS_CYCLE):
    """The last day a desk-review document of `cycle` may be dated: the formulation phase's
    actual end, else its planned end."""
    _start, planned_end, _actual_start, actual_end = cycle["phases"][Phase.FORMULATION]
    return actual_end or planned_end


def responses_reported_as_of():
    """Demo responses are as reported for the 2022 response mapping: no actual date after it."""
    return registries.RESPONSES_CYCLE["period_end"]


@dataclass(frozen=True)
class Catalogue:
    """The checked demo catalogue: lists of dicts whose keys are the models' field names."""

    documents: list
    objectives: list
    measures: list
    needs: list
    partner_details: list
    validations: list
    responses: list
    next_edition: dict


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
        check_unique(row, keys, "key", key)
        check_unique(row, titles, "title", title)
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
        check_unique(row, codes, "code", code)
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
        check_unique(row, codes, "code", code)
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


def read_partner_details(path, known, needs):
    """Each partner's own status, state of play, place and due date of a need it identified."""
    partners_of = {n["reference_code"]: n["partners"] for n in needs}
    statuses = {value: value for value in NeedPartner.Status.values}
    details, seen = [], {}
    for row in read_rows(path, PARTNER_DETAIL_COLUMNS):
        code = row.choice("need", {c: c for c in partners_of})
        partner = row.choice("partner", known.partners)
        if partner not in partners_of[code]:
            raise row.error(
                f"{partner} did not identify {code} (its partners: "
                f"{', '.join(partners_of[code])}): add it to the need's partners first."
            )
        check_unique(row, seen, "need and partner", (code, partner))
        details.append(
            {
                "need": code,
                "partner": partner,
                "status": row.choice("status", statuses),
                "state_of_play": row.illustrative_text("state_of_play"),
                "location": row.text("location", required=False),
                "due": row.date("due"),
            }
        )
    return details


def read_validations(path, known, needs):
    """International partners' validations of needs: never a Western Balkans partner's."""
    codes = {n["reference_code"]: n["reference_code"] for n in needs}
    international = {m: m for m in known.members if m not in known.partners}
    verdicts = {value: value for value in NeedReview.Verdict.values}
    validations, seen = [], {}
    for row in read_rows(path, VALIDATION_COLUMNS):
        record = {
            "need": row.choice("need", codes),
            "member": row.choice("member", international),
            "verdict": row.choice("verdict", verdicts),
            "comment": row.illustrative_text("comment", required=False),
            "support": row.illustrative_text("support", required=False),
        }
        check_unique(row, seen, "need and member", (record["need"], record["member"]))
        validations.append(record)
    return validations


def read_next_edition(path, first_edition):
    """The edition after the demo's needs cycle: planned, its hierarchy carried over."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{display_path(path)}: the demo data file is missing.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DemoDataError(f"{display_path(path)}: not a UTF-8 JSON file ({error}).") from None
    try:
        edition = {
            "edition": data["edition"],
            "kind": data["kind"],
            "period_start": date.fromisoformat(data["period_start"]),
            "period_end": date.fromisoformat(data["period_end"]),
            "status": data["status"],
            "current_phase": None,
            "phases": {},
            "carry_over_from": data["carry_over_from"],
        }
    except (KeyError, TypeError, ValueError) as error:
        raise DemoDataError(
            f"{display_path(path)}: expected edition, kind, period_start and period_end "
            f"(YYYY-MM-DD), status and carry_over_from ({error})."
        ) from None
    if edition["carry_over_from"] != first_edition["edition"] or (
        edition["period_start"] <= first_edition["period_end"]
    ):
        raise DemoDataError(
            f"{display_path(path)}: the next edition follows {first_edition['edition']}: carry "
            f"over from it and start after {first_edition['period_end']}."
        )
    return edition


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
        check_unique(row, titles, "title", title)
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
    return Catalogue(
        documents=documents,
        objectives=objectives,
        measures=measures,
        needs=needs,
        partner_details=read_partner_details(data_dir / "partner_details.csv", known, needs),
        validations=read_validations(data_dir / "validations.csv", known, needs),
        responses=read_responses(data_dir / "responses.csv", known, needs),
        next_edition=read_next_edition(data_dir / "next_edition.json", registries.NEEDS_CYCLE),
    )
