"""The needs a report shows: read live, or frozen with the published edition.

A report's needs tables and key figures all derive from one list of need rows. Drafts and
previews load the rows from the database (a fixed number of queries); publishing freezes the
rows into the page (`ReportPage.edition_snapshot`) so the published report never changes when
needs are edited afterwards.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from needs_snippets import editions
from needs_snippets.constants import KOSOVO_FOOTNOTE
from needs_snippets.models import Member, Need, NeedPartner, Response
from needs_snippets.querysets import regional_threshold

from . import chart_data

#: 1: rows grouped pillar → axis → area. 2: rows carry their objective and measure and are
#: grouped pillar → axis → objective → measure, the area shown on each need; each partner has
#: its own detail (status, state of play, where, due) and coverage. A snapshot keeps the
#: version it was frozen with and renders with that version's grouping.
SNAPSHOT_VERSION = 2


def live_rows(cycle):
    """The cycle's published needs as plain rows (three queries, whatever their number).

    The report is public: its gaps and coverage count the responses shared with all IISG
    members, never restricted ones (known only to their organisation and the Secretariat).
    """
    shared = Response.objects.exclude(sensitivity=Response.Sensitivity.RESTRICTED)
    return rows_of(Need.objects.filter(cycle=cycle, live=True), shared)


#: A report row's key: the need's value it takes (a path through its relations).
ROW_VALUES = {
    "pillar_id": "pillar_id",
    "pillar": "pillar__code",
    "axis_id": "axis_id",
    "axis": "axis__name",
    "area_id": "area_id",
    "area": "area__name",
    "area_code": "area__code",
    "objective_id": "measure__objective_id",
    "objective": "measure__objective__code",
    "objective_title": "measure__objective__title",
    "measure_id": "measure_id",
    "measure": "measure__code",
    "measure_title": "measure__title",
}
#: The needs' own texts (see editions.need_texts) and what the rows are computed from.
_TEXT_VALUES = ("reference_code", "title", "state_of_play", "gap", "action_needed", "timeframe")
_COMPUTED_FROM = ("pk", "second_pillar__code", "partner_count", "is_gap")


def rows_of(needs, responses=None):
    """`needs` (withdrawn ones left out) as plain rows, gaps and coverage over `responses`
    (all when None), in the hierarchy's order (three queries, whatever their number)."""
    needs = (
        needs.exclude(status=Need.Status.WITHDRAWN)
        .with_partner_count()
        .with_gap_flag(responses)
        .in_hierarchy_order()
    )
    partners, details, covered = _partner_links(needs, responses)
    threshold = regional_threshold()
    return [
        {
            **editions.need_texts(need),
            **{key: need[path] for key, path in ROW_VALUES.items()},
            "partners": partners[need["pk"]],
            "partner_details": details[need["pk"]],
            "covered_for": covered[need["pk"]],
            "second_pillar": need["second_pillar__code"] or "",
            "regional": need["partner_count"] >= threshold,
            "is_gap": need["is_gap"],
        }
        for need in needs.values(*_TEXT_VALUES, *ROW_VALUES.values(), *_COMPUTED_FROM)
    ]


def _partner_links(needs, responses):
    """({need id: partner codes}, {need id: {code: the partner's detail}}, {need id: codes of
    the partners whose open need `responses` cover}), partners by name (one query)."""
    partners, details, covered = defaultdict(list), defaultdict(dict), defaultdict(list)
    for link in (
        NeedPartner.objects.filter(need__in=needs.values("pk"))
        .exclude(status=NeedPartner.Status.WITHDRAWN)
        .with_covered_flag(responses)
        .order_by("partner__name")
        .values("need_id", "partner__country_code", "status", "state_of_play", "location", "due",
                "is_covered")
    ):  # fmt: skip
        need_id, code = link["need_id"], link["partner__country_code"]
        partners[need_id].append(code)
        details[need_id][code] = {
            "status": link["status"],
            "status_label": str(NeedPartner.Status(link["status"]).label),
            "state_of_play": link["state_of_play"],
            "location": link["location"],
            "due": link["due"].isoformat() if link["due"] else "",
        }
        if link["is_covered"] and link["status"] in NeedPartner.OPEN_STATUSES:
            covered[need_id].append(code)
    return partners, details, covered


def live_partners():
    return [
        {"code": m.country_code, "name": m.display_name, "footnote": m.has_designation_footnote}
        for m in Member.objects.wb_partners()
    ]


def live_phases(cycle):
    """The cycle's phases (label and ISO dates) for its timeline."""
    return [
        {
            "label": str(phase.get_phase_display()),
            **{
                name: getattr(phase, name).isoformat() if getattr(phase, name) else ""
                for name in ("planned_start", "planned_end", "actual_start", "actual_end")
            },
        }
        for phase in cycle.phases.order_by("phase")
    ]


def live_comparison(cycle):
    """The cycle compared with the edition before it, or None for a first edition. The report
    is public: a met need names only the responses that may be published."""
    earlier = editions.previous_edition(cycle)
    if earlier is None:
        return None
    public = Response.objects.filter(sensitivity=Response.Sensitivity.PUBLIC)
    return editions.compare(earlier, cycle, public)


def capture(cycle):
    """A JSON-safe snapshot of the cycle's edition name, needs, partners, phases and comparison
    with the edition before, as published now. Its labels are in the source language (the adopted
    edition's authoritative text), whatever language the request that freezes it speaks."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "version": SNAPSHOT_VERSION,
            "captured_at": timezone.now().isoformat(),
            "edition": cycle.edition,
            "partners": live_partners(),
            "needs": live_rows(cycle),
            "phases": live_phases(cycle),
            "comparison": live_comparison(cycle),
        }


def empty_edition():
    """A snapshot with nothing in it: what a translation shows before its original has an
    edition (never the live database)."""
    return {"version": SNAPSHOT_VERSION, "captured_at": "", "partners": [], "needs": []}


@dataclass
class NeedsGroup:
    """Needs of one innermost heading (an area in version 1 snapshots, a measure since),
    preceded by the headings that start with it: (level, text) pairs, outermost first."""

    headings: list
    rows: list


@dataclass
class NeedsTable:
    partners: list
    groups: list = field(default_factory=list)

    @property
    def shows_met(self):
        """Whether some partner's need is marked met (the legend then explains ✓)."""
        return any(
            cell["mark"] == "met" for group in self.groups for row in group.rows
            for cell in row["marks"]
        )  # fmt: skip

    @property
    def count(self):
        return sum(len(group.rows) for group in self.groups)

    @property
    def footnote(self):
        """The Kosovo* designation footnote when Kosovo* is among the columns."""
        return KOSOVO_FOOTNOTE if any(p["footnote"] for p in self.partners) else None


class EditionComparison:
    """The comparison a report block shows: `compared` (editions.compare's data, or None for a
    first edition), narrowed to one pillar (code) and partner when given."""

    def __init__(self, compared, pillar=None, partner=None):
        self.compared = compared
        self.entries = (
            editions.select(compared["entries"], pillar or "", partner or "") if compared else []
        )

    @property
    def is_first_edition(self):
        return self.compared is None

    @property
    def earlier(self):
        return self.compared["earlier"]["edition"] if self.compared else ""

    def counts(self):
        """(state label, count) for each state."""
        overall = editions.counts(self.entries)["overall"]
        return [(label, overall[state]) for state, label in editions.STATES]

    def by_state(self):
        """(state, label, entries) for each state with entries; of the continuing needs only
        those under a new code (the counts give the number of the others)."""
        groups = []
        for state, label in editions.STATES:
            entries = [e for e in self.entries if e["state"] == state]
            if state == editions.CONTINUING:
                entries = [e for e in entries if e["code"] != e["previous_code"]]
                label = _("Continuing under a new code")
            if entries:
                groups.append((state, label, entries))
        return groups


class ReportData:
    """Answers the data blocks of one report: from `snapshot` when given, else live."""

    def __init__(self, cycle, snapshot=None, partner=""):
        self.cycle = cycle
        self.snapshot = snapshot
        #: A one-partner extract: only the needs this partner (country code) identified, and
        #: only its column.
        self.partner = partner
        self._rows = None
        self._partners = None
        self._anchored = set()

    @property
    def is_frozen(self):
        return self.snapshot is not None

    @property
    def rows(self):
        if self._rows is None:
            rows = self.snapshot["needs"] if self.snapshot else live_rows(self.cycle)
            if self.partner:
                rows = [row for row in rows if self.partner in row["partners"]]
            self._rows = rows
        return self._rows

    @property
    def partners(self):
        if self._partners is None:
            partners = self.snapshot["partners"] if self.snapshot else live_partners()
            if self.partner:
                partners = [p for p in partners if p["code"] == self.partner]
            self._partners = partners
        return self._partners

    @property
    def all_partners(self):
        """Every partner of the edition (for the links to the one-partner extracts)."""
        return self.snapshot["partners"] if self.snapshot else live_partners()

    def select(self, filters):
        """Rows matching a data block's filters (see NeedsFilterBlock.filters)."""
        filters = filters or {}
        return [
            row
            for row in self.rows
            if (not filters.get("pillar") or row["pillar_id"] == filters["pillar"])
            and (not filters.get("axis") or row["axis_id"] == filters["axis"])
            and (not filters.get("area") or row["area_id"] == filters["area"])
            and (not filters.get("measure") or row.get("measure_id") == filters["measure"])
            and (not filters.get("partner") or filters["partner"] in row["partners"])
            and (not filters.get("regional_only") or row["regional"])
        ]

    def _with_anchor(self, row):
        """The row as a table shows it: the anchor `need-<code>` the first time the report
        shows it, a mark per partner column (identified, met or none) and the partners' own
        details where they gave any."""
        anchor = "" if row["code"] in self._anchored else f"need-{row['code']}"
        self._anchored.add(row["code"])
        details = row.get("partner_details", {})
        names = {partner["code"]: partner["name"] for partner in self.partners}
        marks = [
            {
                "name": partner["name"],
                "code": f"{partner['code']}*" if partner["footnote"] else partner["code"],
                "mark": details.get(partner["code"], {}).get("status", "identified")
                if partner["code"] in row["partners"]
                else "",
            }
            for partner in self.partners
        ]
        own = [
            {"name": names.get(code, code), **detail}
            for code, detail in details.items()
            if detail["state_of_play"] or detail["location"] or detail["due"]
            or detail["status"] != "identified"
        ]  # fmt: skip
        return {**row, "anchor": anchor, "marks": marks, "own_details": own}

    @property
    def version(self):
        return self.snapshot.get("version", 1) if self.snapshot else SNAPSHOT_VERSION

    @property
    def shows_hierarchy(self):
        """Whether rows are grouped by objective and measure (not in version 1 snapshots)."""
        return self.version >= 2

    def _headings(self, row):
        """The nested headings of `row`: (level, key, text), outermost first."""
        pillar, axis = row["pillar"], row["axis"]
        headings = [("pillar", (pillar,), pillar), ("axis", (pillar, axis), f"{pillar} · {axis}")]
        if not self.shows_hierarchy:
            return [*headings, ("area", (pillar, axis, row["area"]), f"{axis} · {row['area']}")]
        objective = (pillar, axis, row["objective"])
        return [
            *headings,
            ("objective", objective, f"{row['objective']} {row['objective_title']}"),
            ("measure", (*objective, row["measure"]), f"{row['measure']} {row['measure_title']}"),
        ]

    def needs_table(self, filters=None):
        table = NeedsTable(partners=self.partners)
        opened = ()
        for _key, rows in groupby(self.select(filters), key=lambda row: self._headings(row)[-1]):
            rows = list(rows)
            headings = self._headings(rows[0])
            # A heading is shown where its group starts; the innermost one always is.
            shown = [
                (level, text)
                for index, (level, key, text) in enumerate(headings)
                if index == len(headings) - 1 or key not in opened
            ]
            opened = {key for _level, key, _text in headings}
            table.groups.append(
                NeedsGroup(headings=shown, rows=[self._with_anchor(row) for row in rows])
            )
        return table

    def chart(self, kind, filters=None):
        """A drawn chart of the rows matching `filters` (None when this edition was frozen
        before the chart's data was recorded, or when `kind` is none of REPORT_CHARTS: a block
        stored by a release that drew it)."""
        if kind not in chart_data.REPORT_CHARTS:
            return None
        rows = self.select(filters)
        if kind == "timeline":
            if self.snapshot is not None:
                phases = self.snapshot.get("phases")
            else:
                phases = live_phases(self.cycle)
            return chart_data.cycle_timeline(phases) if phases else None
        if kind == "needs_by_partner_axis":
            return chart_data.needs_by_partner_and_axis(rows, self.partners)
        if not self.shows_hierarchy:  # per-partner coverage came with version 2
            return None
        if kind == "coverage_by_partner_pillar":
            return chart_data.coverage_by_partner_and_pillar(rows, self.partners)
        return chart_data.partner_map(rows, self.partners, kind.removeprefix("map_"))

    def comparison(self, filters=None):
        """The edition compared with the one before (`EditionComparison`), as frozen at
        adoption; None when this edition was frozen before comparisons were recorded."""
        if self.snapshot is not None:
            if "comparison" not in self.snapshot:
                return None
            compared = self.snapshot["comparison"]
        else:
            compared = live_comparison(self.cycle)
        filters = filters or {}
        return EditionComparison(compared, filters.get("pillar_code"), filters.get("partner"))

    def key_figure(self, figure, filters=None):
        rows = self.select(filters)
        if figure == "regional":
            return sum(1 for row in rows if row["regional"])
        if figure == "partner_specific":
            return sum(1 for row in rows if not row["regional"])
        if figure == "gaps":
            return sum(1 for row in rows if row["is_gap"])
        return len(rows)
