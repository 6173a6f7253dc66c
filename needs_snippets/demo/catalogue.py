"""The demo catalogue of the secure database, read from the data files in `data/`.

`strategic_documents.csv` (the desk review's documents), `hierarchy.csv` (objectives and
measures), `needs.csv` (the 2021–2022 needs), `partner_details.csv` (each partner's own detail
of a need), `validations.csv` (international partners' validations), `responses.csv` (members'
actions), `confirmations.csv` (partners confirming them), `next_edition.json` (the edition
after it), `next_edition_needs.csv` (its needs so far) and `need_outcomes.csv` (what became of
the needs it does not continue) are described in `data/README.md`.
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
from ..models import Need, NeedPartner, NeedReview, Response, ResponseConfirmation
from ..models.cycles import Phase
from . import registries
from .rows import DemoDataError, check_unique, display_path, read_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
#: An illustrative IATI activity file, imported for a member as candidate responses.
IATI_FILE = DATA_DIR / "iati_activities.xml"

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
OUTCOME_COLUMNS = ["need", "outcome", "evidence", "reason", "responses"]
CONFIRMATION_COLUMNS = ["response", "need", "partner", "verdict", "reason", "reply"]
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
    confirmations: list
    next_edition: dict
    next_edition_needs: list
    outcomes: list


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


def read_needs(path, known, documents, measures=(), earlier=None):
    """The needs of `path`; with `earlier` (the needs of the edition before), each may name
    the one it `continues` under another code (its predecessor)."""
    columns = NEED_COLUMNS if earlier is None else [*NEED_COLUMNS, "continues"]
    earlier_codes = {n["reference_code"]: n["reference_code"] for n in earlier or ()}
    document_keys = {d["key"]: d["key"] for d in documents}
    measure_of = {m["code"]: (m["pillar"], m["axis"]) for m in measures}
    timeframes = {value: value for value in Need.Timeframe.values}
    statuses = {value: value for value in Need.Status.values}
    needs, codes = [], {}
    for row in read_rows(path, columns):
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
        if earlier is not None:
            continued = row.text("continues", required=False)
            if continued and continued not in earlier_codes:
                raise row.error(f"'continues' {continued!r} is not a need of needs.csv.")
            needs[-1]["continues"] = continued
    return needs


def read_outcomes(path, needs, responses, later_needs):
    """What became of needs of needs.csv that the next edition does not continue: met, with
    its evidence and the responses answering it that met it, or dropped with its reason
    (both illustrative)."""
    continued = {n["continues"] or n["reference_code"] for n in later_needs}
    codes = {n["reference_code"]: n["reference_code"] for n in needs}
    answering = {}
    for response in responses:
        for code in response["needs"]:
            answering.setdefault(code, {})[response["title"]] = response["title"]
    outcomes, seen = [], {}
    for row in read_rows(path, OUTCOME_COLUMNS):
        code = row.choice("need", codes)
        check_unique(row, seen, "need", code)
        if code in continued:
            raise row.error(f"{code} is continued in next_edition_needs.csv: it has no outcome.")
        outcome = row.choice("outcome", {"met": "met", "dropped": "dropped"})
        record = {
            "need": code,
            "outcome": outcome,
            "evidence": row.illustrative_text("evidence", required=outcome == "met"),
            "reason": row.illustrative_text("reason", required=outcome == "dropped"),
            "responses": row.items("responses", answering.get(code, {})),
        }
        outcomes.append(record)
    return outcomes


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
    """The edition after the demo's needs cycle, its hierarchy carried over."""
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


def read_confirmations(path, known, needs, responses):
    """Partners' confirmations and disputes of responses answering their needs: only of what
    the response claims (the need, a beneficiary that identified it), never of a restricted
    response; a dispute's reason and the reporting member's answer are illustrative."""
    partners_of = {n["reference_code"]: n["partners"] for n in needs}
    claimed = {r["title"]: r for r in responses if r["sensitivity"] != "restricted"}
    verdicts = {value: value for value in ResponseConfirmation.Verdict.values}
    confirmations, seen = [], {}
    for row in read_rows(path, CONFIRMATION_COLUMNS):
        response = claimed.get(row.text("response"))
        if response is None:
            raise row.error(
                "'response' is not the title of a response of responses.csv that is not "
                "restricted (a partner confirms only what it may see)."
            )
        need = row.choice("need", {code: code for code in response["needs"]})
        partner = row.choice("partner", known.partners)
        if partner not in response["beneficiaries"] or partner not in partners_of[need]:
            raise row.error(
                f"the response does not claim {need} for {partner}: the partner must be among "
                "its beneficiaries and among the need's partners."
            )
        check_unique(row, seen, "response, need and partner", (response["title"], need, partner))
        verdict = row.choice("verdict", verdicts)
        reason = row.illustrative_text("reason", required=verdict == "disputed")
        confirmations.append(
            {
                "response": response["title"],
                "need": need,
                "partner": partner,
                "verdict": verdict,
                "reason": reason,
                "reply": row.illustrative_text("reply", required=False),
            }
        )
    return confirmations


def load(data_dir=DATA_DIR):
    """Read and check the demo data files; a DemoDataError says what is wrong where."""
    data_dir = Path(data_dir)
    known = _Registries()
    documents = read_documents(data_dir / "strategic_documents.csv", known)
    objectives, measures = read_hierarchy(data_dir / "hierarchy.csv", known)
    needs = read_needs(data_dir / "needs.csv", known, documents, measures)
    responses = read_responses(data_dir / "responses.csv", known, needs)
    later_needs = read_needs(
        data_dir / "next_edition_needs.csv", known, documents, measures, earlier=needs
    )
    return Catalogue(
        documents=documents,
        objectives=objectives,
        measures=measures,
        needs=needs,
        partner_details=read_partner_details(data_dir / "partner_details.csv", known, needs),
        validations=read_validations(data_dir / "validations.csv", known, needs),
        responses=responses,
        confirmations=read_confirmations(data_dir / "confirmations.csv", known, needs, responses),
        next_edition=read_next_edition(data_dir / "next_edition.json", registries.NEEDS_CYCLE),
        next_edition_needs=later_needs,
        outcomes=read_outcomes(data_dir / "need_outcomes.csv", needs, responses, later_needs),
    )
