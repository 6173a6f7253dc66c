"""Two needs-mapping editions compared: what became of each need.

Each need of the later edition is *new*, or continues a need of the earlier one: its
predecessor as the Secretariat linked it, else the earlier need with the same reference
code. A continuing need is *continuing* when nothing compared changed, *changed* otherwise
(with each field's before and after). A need of the earlier edition that nothing continues
is *met* or *dropped*, as its recorded outcome says (dropped, its reason not yet recorded,
when none is).

Objectives and measures are compared through their own predecessor links: a need is not
changed because its measure was carried over into the new edition, only when it sits under
another measure than its predecessor's successor.

The comparison is plain data (JSON-safe dicts), so that a report can freeze it at adoption and
render it later exactly as adopted. Counts are per pillar, axis, partner and overall.
"""

import difflib
from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _

from .models import MappingCycle, Need, NeedOutcome, NeedPartner

NEW, CONTINUING, CHANGED, MET, DROPPED = "new", "continuing", "changed", "met", "dropped"
STATES = [
    (NEW, _("New")),
    (CONTINUING, _("Continuing")),
    (CHANGED, _("Changed")),
    (MET, _("Met")),
    (DROPPED, _("Dropped")),
]
STATE_LABELS = dict(STATES)

#: The fields compared, with their labels; text fields are shown as a word diff.
COMPARED = [
    ("title", _("Title")),
    ("state_of_play", _("State of play")),
    ("gap", _("Gap")),
    ("action", _("Action needed")),
    ("timeframe", _("Timeframe")),
    ("pillar", _("Pillar")),
    ("axis", _("Axis")),
    ("area", _("Area")),
    ("objective", _("Objective")),
    ("measure", _("Measure")),
    ("partners", _("Partners")),
]
TEXT_FIELDS = {"title", "state_of_play", "gap", "action"}


def needs_editions():
    """The needs-mapping editions, latest first."""
    return MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS).order_by("-period_start")


def previous_edition(cycle):
    """The needs-mapping edition before `cycle` with published needs, or None."""
    return (
        needs_editions()
        .filter(period_start__lt=cycle.period_start, needs__live=True)
        .distinct()
        .first()
    )


def default_pair():
    """(earlier, later): the two latest editions with published needs, or None."""
    with_needs = needs_editions().filter(needs__live=True).distinct()[:2]
    editions = list(with_needs)
    return (editions[1], editions[0]) if len(editions) == 2 else None


def need_texts(need):
    """A need's identity and texts (from a `values()` row) as an edition records them."""
    return {
        "id": need["pk"],
        "code": need["reference_code"],
        "title": need["title"],
        "state_of_play": need["state_of_play"],
        "gap": need["gap"],
        "action": need["action_needed"],
        "timeframe": str(Need.Timeframe(need["timeframe"]).label),
    }


def edition_rows(cycle):
    """The published needs of `cycle` (withdrawn ones left out) as plain rows keyed by id,
    with their measure's and objective's predecessors (two queries)."""
    needs = (
        Need.objects.filter(cycle=cycle, live=True)
        .exclude(status=Need.Status.WITHDRAWN)
        .values(
            "pk", "reference_code", "title", "state_of_play", "gap", "action_needed",
            "timeframe", "predecessor_id", "pillar__code", "axis__name", "area__name",
            "measure_id", "measure__code", "measure__predecessor_id",
            "measure__objective_id", "measure__objective__code",
            "measure__objective__predecessor_id",
        )
    )  # fmt: skip
    partners = defaultdict(list)
    for need_id, code in (
        NeedPartner.objects.filter(need__cycle=cycle, need__live=True)
        .exclude(status=NeedPartner.Status.WITHDRAWN)
        .order_by("partner__country_code")
        .values_list("need_id", "partner__country_code")
    ):
        partners[need_id].append(code)
    return {
        need["pk"]: {
            **need_texts(need),
            "predecessor_id": need["predecessor_id"],
            "pillar": need["pillar__code"],
            "axis": need["axis__name"],
            "area": need["area__name"],
            "measure_id": need["measure_id"],
            "measure": need["measure__code"],
            "measure_predecessor_id": need["measure__predecessor_id"],
            "objective_id": need["measure__objective_id"],
            "objective": need["measure__objective__code"],
            "objective_predecessor_id": need["measure__objective__predecessor_id"],
            "partners": partners[need["pk"]],
        }
        for need in needs
    }


def outcomes_of(need_ids, shown_responses=None):
    """{need id: outcome as plain data} for the needs among `need_ids` that have one, naming
    the responses that met it among `shown_responses` only (none when None)."""
    found = {}
    titles = defaultdict(list)
    if shown_responses is not None:
        for need_id, title in (
            shown_responses.filter(outcome_links__outcome__need_id__in=need_ids)
            .order_by("title")
            .values_list("outcome_links__outcome__need_id", "title")
        ):
            titles[need_id].append(title)
    for outcome in NeedOutcome.objects.filter(need_id__in=need_ids):
        found[outcome.need_id] = {
            "outcome": outcome.outcome,
            "evidence": outcome.evidence,
            "reason": outcome.reason,
            "responses": titles[outcome.need_id],
            "recorded_at": outcome.recorded_at.date().isoformat(),
        }
    return found


def compare(earlier, later, shown_responses=None):
    """The comparison of the editions `earlier` and `later` (MappingCycles), as entries. A met
    need names the responses that met it among `shown_responses` (those its reader may see)."""
    if earlier.period_start >= later.period_start:
        raise ValueError("Compare an earlier edition with a later one.")
    old = edition_rows(earlier)
    new = edition_rows(later)
    lineage = Lineage(old, earlier, later)
    continued = set()
    entries = []
    for row in new.values():
        previous = lineage.ancestor(row)
        if previous is None:
            entries.append(entry(NEW, row))
            continue
        continued.add(previous["id"])
        changes = differences(previous, row)
        entries.append(entry(CHANGED if changes else CONTINUING, row, previous, changes))
    ended = [row for row in old.values() if row["id"] not in continued]
    outcomes = outcomes_of([row["id"] for row in ended], shown_responses)
    for row in ended:
        outcome = outcomes.get(row["id"])
        state = MET if outcome and outcome["outcome"] == NeedOutcome.Outcome.MET else DROPPED
        entries.append(entry(state, None, row, outcome=outcome))
    entries.sort(key=lambda e: (e["pillar"], e["code"] or e["previous_code"]))
    return {
        "earlier": {"id": earlier.pk, "edition": earlier.edition},
        "later": {"id": later.pk, "edition": later.edition},
        "entries": entries,
    }


class Lineage:
    """Finds the need of the earlier edition that a later need continues, through the
    editions between them when there are any: at each step the need's predecessor as linked,
    else the need with the same code."""

    def __init__(self, old, earlier, later):
        self.old = old
        self.old_by_code = {row["code"]: row for row in old.values() if row["code"]}
        between = Need.objects.filter(
            cycle__kind=MappingCycle.Kind.NEEDS,
            cycle__period_start__gt=earlier.period_start,
            cycle__period_start__lt=later.period_start,
        ).values("pk", "reference_code", "predecessor_id", "cycle__period_start")
        self.between = {need["pk"]: need for need in between}
        by_code = defaultdict(list)
        for need in sorted(self.between.values(), key=lambda n: n["cycle__period_start"]):
            by_code[need["reference_code"]].append(need)
        self.between_by_code = by_code

    def ancestor(self, row):
        code, predecessor_id, before = row["code"], row["predecessor_id"], None
        for _step in range(len(self.between) + 1):
            if predecessor_id is not None:
                if predecessor_id in self.old:
                    return self.old[predecessor_id]
                step = self.between.get(predecessor_id)
                if step is None:
                    return None  # its line starts in another edition than the earlier one
            else:
                # The latest need with the same code in an edition between (before `before`).
                candidates = [
                    n for n in self.between_by_code.get(code, ())
                    if before is None or n["cycle__period_start"] < before
                ]  # fmt: skip
                if not candidates:
                    return self.old_by_code.get(code) if code else None
                step = candidates[-1]
            code, predecessor_id = step["reference_code"], step["predecessor_id"]
            before = step["cycle__period_start"]
        return None


def entry(state, row, previous=None, changes=(), outcome=None):
    """One need's line of the comparison: the later need (`row`) and/or its earlier one."""
    shown = row or previous
    return {
        "state": state,
        "need_id": row["id"] if row else None,
        "code": row["code"] if row else "",
        "title": shown["title"],
        "previous_id": previous["id"] if previous else None,
        "previous_code": previous["code"] if previous else "",
        "pillar": shown["pillar"],
        "axis": shown["axis"],
        "partners": shown["partners"],
        "changes": list(changes),
        "outcome": outcome,
    }


def differences(before, after):
    """The compared fields that differ between a need and its successor."""
    changes = []
    for name, label in COMPARED:
        old, new = before[name], after[name]
        if name == "measure" and after["measure_predecessor_id"] == before["measure_id"]:
            continue  # its measure carried over into the new edition
        if name == "objective" and after["objective_predecessor_id"] == before["objective_id"]:
            continue
        if name == "partners":
            old, new = ", ".join(old), ", ".join(new)
        if old == new:
            continue
        change = {"field": name, "label": str(label), "before": old, "after": new}
        if name in TEXT_FIELDS:
            change["diff"] = word_diff(old, new)
        changes.append(change)
    return changes


def word_diff(before, after):
    """[(op, text)] with op "same", "removed" or "added": `before` turned into `after`,
    word by word."""
    old, new = before.split(), after.split()
    segments = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("removed", " ".join(old[a1:a2])))
        if b2 > b1:
            segments.append(("added", " ".join(new[b1:b2])))
    return segments


def select(entries, pillar="", partner="", state=""):
    """The entries of one pillar (code), partner (country code) and state, each if given."""
    return [
        e
        for e in entries
        if (not pillar or e["pillar"] == pillar)
        and (not partner or partner in e["partners"])
        and (not state or e["state"] == state)
    ]


def counts(entries):
    """{"overall": {state: n}, "pillars": {code: {…}}, "axes": {(pillar, axis): {…}},
    "partners": {code: {…}}}, each with every state (0 when none)."""
    overall = Counter()
    pillars, axes, partners = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    for e in entries:
        overall[e["state"]] += 1
        pillars[e["pillar"]][e["state"]] += 1
        axes[(e["pillar"], e["axis"])][e["state"]] += 1
        for code in e["partners"]:
            partners[code][e["state"]] += 1

    def full(counter):
        return {state: counter.get(state, 0) for state, _label in STATES}

    return {
        "overall": full(overall),
        "pillars": {key: full(c) for key, c in sorted(pillars.items())},
        "axes": {key: full(c) for key, c in sorted(axes.items())},
        "partners": {key: full(c) for key, c in sorted(partners.items())},
    }
