"""The IISG's charts, from need rows (report_data rows: a frozen edition's or the database's
own) and from the responses a user may see. Each function returns a drawn `charts.Chart`.

Counting rules (the same as the tables'): a need counts once per partner that identified it
(withdrawn ones left out), under its own pillar only; coverage is the share of a partner's open
needs that an ongoing or planned response serves for that partner.
"""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from needs_snippets.models import NeedPartner

from . import charts

OPEN = set(NeedPartner.OPEN_STATUSES)


def _partner_rows(partners, values_of, urls=None):
    urls = urls or {}
    return [
        charts.ChartRow(partner["name"], values_of(partner["code"]), urls.get(partner["code"], ""))
        for partner in partners
    ]


def _is_open(row, code):
    detail = row.get("partner_details", {}).get(code)
    return detail is None or detail["status"] in OPEN


def needs_by_partner_and_axis(rows, partners, urls=None):
    """How many needs each partner identified, per pillar and axis."""
    columns = list(dict.fromkeys(f"{row['pillar']} · {row['axis']}" for row in rows))
    counts = Counter(
        (code, f"{row['pillar']} · {row['axis']}") for row in rows for code in row["partners"]
    )
    chart = charts.Chart(
        slug="needs-by-partner-axis",
        title="Needs by partner and axis",
        description="How many needs each Western Balkans partner identified, per pillar and axis.",
        row_heading="Partner",
        columns=columns,
        unit="needs",
        rows=_partner_rows(partners, lambda code: [counts[(code, c)] for c in columns], urls),
    )
    return charts.stacked(chart)


def coverage_by_partner_and_pillar(rows, partners, urls=None):
    """The share of each partner's open needs, per pillar, that a response serves for it."""
    pillars = list(dict.fromkeys(row["pillar"] for row in rows))
    open_needs, covered = Counter(), Counter()
    for row in rows:
        for code in row["partners"]:
            if _is_open(row, code):
                open_needs[(code, row["pillar"])] += 1
                covered[(code, row["pillar"])] += code in row.get("covered_for", ())

    def shares(code):
        return [
            covered[(code, p)] * 100 / open_needs[(code, p)] if open_needs[(code, p)] else None
            for p in pillars
        ]

    chart = charts.Chart(
        slug="coverage-by-partner-pillar",
        title="Coverage by partner and pillar",
        description="The share of each partner's open needs that an ongoing or planned "
        "response serves for that partner, per pillar.",
        row_heading="Partner",
        columns=pillars,
        kind="percent",
        unit="of its open needs covered",
        rows=_partner_rows(partners, shares, urls),
    )
    return charts.grouped(chart)


MAP_MEASURES = {
    "needs": ("needs identified", "Needs identified by each partner"),
    "gaps": ("gaps", "Gaps: each partner's open needs that no response serves for it"),
    "coverage": ("% of open needs covered", "Coverage: the share of each partner's open needs "
                 "served by an ongoing or planned response"),
}  # fmt: skip


def partner_map(rows, partners, measure="needs", urls=None):
    """The six partners shaded by needs, gaps or coverage, each linking to its list."""
    values = Counter()
    open_needs = Counter()
    for row in rows:
        for code in row["partners"]:
            is_open = _is_open(row, code)
            is_covered = code in row.get("covered_for", ())
            open_needs[code] += is_open
            if measure == "needs":
                values[code] += 1
            elif measure == "gaps":
                values[code] += is_open and not is_covered
            else:
                values[code] += is_open and is_covered
    if measure == "coverage":
        values = {
            code: round(values[code] * 100 / open_needs[code]) if open_needs[code] else 0
            for code in open_needs
        }
    unit, title = MAP_MEASURES[measure]
    chart = charts.Chart(
        slug=f"map-{measure}",
        title=f"Map: {title[0].lower()}{title[1:]}",
        description=f"The six Western Balkans partners shaded by {unit}; each links to its "
        "list of needs.",
        row_heading="Partner",
        columns=[unit[0].upper() + unit[1:]],
        kind="map",
        unit=unit,
        rows=_partner_rows(partners, lambda code: [values.get(code, 0)], urls),
    )
    names = {partner["code"]: partner["name"] for partner in partners}
    return charts.choropleth(chart, dict(values), names, urls or {})


def cycle_timeline(phases, today=None):
    """The cycle's phases, planned and actual (`phases`: report_data.live_phases rows)."""

    def day(text):
        return date.fromisoformat(text) if text else None

    chart = charts.Chart(
        slug="cycle-timeline",
        title="Cycle timeline",
        description="The phases of the needs mapping cycle, planned and actual.",
        row_heading="Phase",
        columns=["Planned start", "Planned end", "Actual start", "Actual end"],
        kind="timeline",
        rows=[
            charts.ChartRow(
                phase["label"],
                [
                    phase[name] or None
                    for name in ("planned_start", "planned_end", "actual_start", "actual_end")
                ],
            )  # fmt: skip
            for phase in phases
        ],
    )
    return charts.timeline(
        chart,
        [
            (
                phase["label"],
                *(
                    day(phase[name])
                    for name in ("planned_start", "planned_end", "actual_start", "actual_end")
                ),
            )
            for phase in phases
        ],  # fmt: skip
        today=today,
    )


def responses_by_member_and_pillar(responses):
    """How many responses each member reports, per pillar (over `responses`)."""
    counts = defaultdict(Counter)
    pillars = []
    for row in (
        responses.order_by()
        .values("reporting_member__name", "pillar__code", "pillar__sort_order")
        .annotate(n=Count("pk", distinct=True))
        .order_by("pillar__sort_order", "reporting_member__name")
    ):
        counts[row["reporting_member__name"]][row["pillar__code"]] = row["n"]
        pillars.append(row["pillar__code"])
    pillars = list(dict.fromkeys(pillars))
    chart = charts.Chart(
        slug="responses-by-member-pillar",
        title="Responses by member and pillar",
        description="How many responses each member reports, per pillar.",
        row_heading="Reporting member",
        columns=pillars,
        unit="responses",
        rows=[
            charts.ChartRow(member, [counts[member][p] for p in pillars])
            for member in sorted(counts)
        ],
    )
    return charts.stacked(chart)


def budgets_by_member_and_pillar(responses, currency="EUR"):
    """The budgets each member reports in `currency`, per pillar (other currencies are not
    converted: they are left out, and the description says so)."""
    totals = defaultdict(dict)
    pillars = []
    others = responses.exclude(currency=currency).exclude(budget=None).count()
    for row in (
        responses.filter(currency=currency)
        .exclude(budget=None)
        .order_by()
        .values("reporting_member__name", "pillar__code", "pillar__sort_order")
        .annotate(total=Sum("budget"))
        .order_by("pillar__sort_order", "reporting_member__name")
    ):
        totals[row["reporting_member__name"]][row["pillar__code"]] = int(
            row["total"].to_integral_value() if isinstance(row["total"], Decimal) else row["total"]
        )
        pillars.append(row["pillar__code"])
    pillars = list(dict.fromkeys(pillars))
    description = f"The budgets each member reports, in {currency}, per pillar."
    if others:
        description += f" {others} responses budgeted in other currencies are not included."
    chart = charts.Chart(
        slug="budgets-by-member-pillar",
        title=f"Budgets by member and pillar ({currency})",
        description=description,
        row_heading="Reporting member",
        columns=pillars,
        unit=currency,
        rows=[
            charts.ChartRow(member, [totals[member].get(p, 0) for p in pillars])
            for member in sorted(totals)
        ],
    )
    return charts.stacked(chart)


def measures_across_editions(measures):
    """For each measure of the latest edition shown, its published needs in each edition of
    its lineage (through the predecessors the Secretariat recorded, at most five editions).
    `measures`: a queryset, which should hold the lineage's earlier measures too."""
    latest = list(
        measures.select_related("cycle", "predecessor__cycle", "predecessor__predecessor__cycle")
        .annotate(n=Count("needs", filter=Q(needs__live=True)))
        .order_by("-cycle__period_start", "objective__sort_order", "sort_order", "code")
    )
    if not latest:
        return charts.stacked(
            charts.Chart("measures-across-editions", "Measures across editions", "", "Measure", [])
        )
    newest = latest[0].cycle
    counts = {m.pk: m.n for m in latest}
    rows, editions = [], {}
    for measure in (m for m in latest if m.cycle_id == newest.pk and not m.unclassified):
        lineage, step = {}, measure
        while step is not None and len(lineage) < 5:
            editions[step.cycle.period_start] = step.cycle.edition
            # A predecessor outside `measures` (filtered out) is counted on its own.
            lineage[step.cycle.edition] = (
                counts[step.pk] if step.pk in counts else step.needs.filter(live=True).count()
            )
            step = step.predecessor
        rows.append((measure.label, lineage))
    columns = [editions[start] for start in sorted(editions)]
    chart = charts.Chart(
        slug="measures-across-editions",
        title="The same measures across editions",
        description="Published needs under each measure of the latest edition, and under the "
        "same measure in earlier editions.",
        row_heading="Measure",
        columns=columns,
        kind="grouped",
        unit="needs",
        rows=[charts.ChartRow(label, [lineage.get(c) for c in columns]) for label, lineage in rows],
    )
    return charts.grouped(chart)
