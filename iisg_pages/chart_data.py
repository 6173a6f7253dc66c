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
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from needs_snippets.models import NeedPartner

from . import charts

OPEN = set(NeedPartner.OPEN_STATUSES)

#: The charts a report's chart block offers, by the kind it stores, with the label editors
#: choose them by; `ReportData.chart` draws each kind with the functions below.
REPORT_CHARTS = {
    "needs_by_partner_axis": gettext_lazy("Needs by partner and axis"),
    "coverage_by_partner_pillar": gettext_lazy("Coverage by partner and pillar"),
    "map_needs": gettext_lazy("Map of the partners: needs"),
    "map_gaps": gettext_lazy("Map of the partners: gaps"),
    "map_coverage": gettext_lazy("Map of the partners: coverage"),
    "timeline": gettext_lazy("Cycle timeline"),
}


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
        title=_("Needs by partner and axis"),
        description=_(
            "How many needs each Western Balkans partner identified, per pillar and axis."
        ),
        row_heading=_("Partner"),
        columns=columns,
        unit=_("needs"),
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
        title=_("Coverage by partner and pillar"),
        description=_(
            "The share of each partner's open needs that an ongoing or planned "
            "response serves for that partner, per pillar."
        ),
        row_heading=_("Partner"),
        columns=pillars,
        kind="percent",
        unit=_("of its open needs covered"),
        rows=_partner_rows(partners, shares, urls),
    )
    return charts.grouped(chart)


MAP_MEASURES = {
    "needs": (gettext_lazy("needs identified"), gettext_lazy("Needs identified by each partner")),
    "gaps": (gettext_lazy("gaps"),
             gettext_lazy("Gaps: each partner's open needs that no response serves for it")),
    # A named placeholder: a bare "% of" reads as a format to the catalogue compiler.
    "coverage": (format_lazy(gettext_lazy("{percent} of open needs covered"), percent="%"),
                 gettext_lazy("Coverage: the share of each partner's open needs served by an "
                              "ongoing or planned response")),
}  # fmt: skip

#: The map's title under each shading (the measure's title, as the map's).
MAP_TITLES = {
    "needs": gettext_lazy("Map: needs identified by each partner"),
    "gaps": gettext_lazy("Map: gaps: each partner's open needs that no response serves for it"),
    "coverage": gettext_lazy(
        "Map: coverage: the share of each partner's open needs served by an ongoing or planned "
        "response"
    ),
}


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
    unit = str(MAP_MEASURES[measure][0])
    chart = charts.Chart(
        slug=f"map-{measure}",
        title=str(MAP_TITLES[measure]),
        description=_(
            "The six Western Balkans partners shaded by %(measure)s; each links to its list of "
            "needs."
        )
        % {"measure": unit},
        row_heading=_("Partner"),
        columns=[capfirst(unit)],
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
        title=_("Cycle timeline"),
        description=_("The phases of the needs mapping cycle, planned and actual."),
        row_heading=_("Phase"),
        columns=[_("Planned start"), _("Planned end"), _("Actual start"), _("Actual end")],
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
        title=_("Responses by member and pillar"),
        description=_("How many responses each member reports, per pillar."),
        row_heading=_("Reporting member"),
        columns=pillars,
        unit=_("responses"),
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
    description = _("The budgets each member reports, in %(currency)s, per pillar.") % {
        "currency": currency
    }
    if others:
        description += " " + ngettext(
            "%(count)s response budgeted in another currency is not included.",
            "%(count)s responses budgeted in other currencies are not included.",
            others,
        ) % {"count": others}
    chart = charts.Chart(
        slug="budgets-by-member-pillar",
        title=_("Budgets by member and pillar (%(currency)s)") % {"currency": currency},
        description=description,
        row_heading=_("Reporting member"),
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
            charts.Chart(
                "measures-across-editions", _("Measures across editions"), "", _("Measure"), []
            )
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
        title=_("The same measures across editions"),
        description=_(
            "Published needs under each measure of the latest edition, and under the "
            "same measure in earlier editions."
        ),
        row_heading=_("Measure"),
        columns=columns,
        kind="grouped",
        unit=_("needs"),
        rows=[charts.ChartRow(label, [lineage.get(c) for c in columns]) for label, lineage in rows],
    )
    return charts.grouped(chart)
