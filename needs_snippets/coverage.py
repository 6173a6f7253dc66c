"""The coverage matrix partner × pillar × area: needs, needs answered (and confirmed by the
partner), and responses per cell, in a fixed number of queries whatever the data size (see
`querysets` for what counts as answered, and `models.analysis` for the summaries it reads)."""

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q

from .querysets import (
    _among,
    _confirmations,
    _model,
    _summaries,
    confirmed_only,
    is_confirmed_only,
)


@dataclass
class CoverageCell:
    """Counts for one partner, pillar and area."""

    needs: int = 0
    covered: int = 0
    responses: int = 0
    confirmed: int = 0  # of the covered needs, those a response the partner confirmed answers

    @property
    def gaps(self):
        return self.needs - self.covered

    @property
    def coverage_ratio(self):
        """Share of the open needs answered for this partner (0 to 1)."""
        return self.covered / self.needs if self.needs else None


@dataclass
class CoverageMatrix:
    """Needs, covered needs and responses per partner × pillar × area: three queries for the
    registries, two or three for the counts.

    A need counts for each partner that still has it open (a need touching a second pillar
    counts under its own pillar only); it is covered for a partner when an ongoing or planned
    response answering it names that partner as a beneficiary; a response counts in a cell
    when it answers a need of the cell for such a partner.
    """

    partners: list
    pillars: list
    areas: list
    cells: dict = field(default_factory=dict)

    def cell(self, partner, pillar, area):
        return self.cells.get((partner.pk, pillar.pk, area.pk), CoverageCell())

    def count_confirmed(self, needs, responses):
        """Set each cell's `confirmed` for `needs` over `responses` (those a user may see)."""
        _count_confirmed(self, needs, responses)

    @classmethod
    def for_needs(cls, needs, responses=None):
        Member, Pillar, Area = _model("Member"), _model("Pillar"), _model("Area")
        NeedPartner = _model("NeedPartner")
        matrix = cls(
            partners=list(Member.objects.wb_partners()),
            pillars=list(Pillar.objects.all()),
            areas=list(Area.objects.all()),
        )
        need_ids = needs.order_by().values("pk")
        keys = ("partner_id", "need__pillar_id", "need__area_id")
        need_links = NeedPartner.objects.open().filter(need__in=need_ids)
        summarised = responses is None or getattr(responses, "summary_scope", None) is not None
        if _summaries() and summarised:
            # From the summaries' rows alone, which name the cell of each (need, partner); the
            # confirmed coverage from the reach rows the partner confirmed.
            covered_by = "ResponseReach" if is_confirmed_only(responses) else "ResponseCover"
            counts = (
                need_links.values(*keys).annotate(needs=Count("pk")).order_by(),
                _cell_counts(covered_by, "need_id", need_ids, responses, "covered"),
                _cell_counts("ResponseReach", "response_id", need_ids, responses, "responses"),
            )
        else:
            counts = (
                # A need has one link per partner: counting links counts needs, and covered
                # links covered needs, in one pass.
                need_links.with_covered_flag(responses)
                .values(*keys)
                .annotate(needs=Count("pk"), covered=Count("pk", filter=Q(is_covered=True)))
                .order_by(),
                _live_cell_responses(need_ids, responses, is_confirmed_only(responses)),
            )
        for rows in counts:
            for row in rows:
                key = (row["partner_id"], row["need__pillar_id"], row["need__area_id"])
                cell = matrix.cells.setdefault(key, CoverageCell())
                for name in ("needs", "covered", "responses"):
                    if name in row:
                        setattr(cell, name, row[name])
        return matrix


def _count_confirmed(matrix, needs, responses):
    """`CoverageMatrix.count_confirmed`: one query, from the reach rows where the summaries
    answer, else from the source tables."""
    need_ids = needs.order_by().values("pk")
    chosen = confirmed_only(_model("Response").objects.all() if responses is None else responses)
    if _summaries() and getattr(responses, "summary_scope", None) is not None:
        rows = _cell_counts("ResponseReach", "need_id", need_ids, chosen, "confirmed")
    else:
        rows = (
            _model("NeedPartner")
            .objects.open()
            .filter(need__in=need_ids)
            .with_covered_flag(chosen)
            .values("partner_id", "need__pillar_id", "need__area_id")
            .annotate(confirmed=Count("pk", filter=Q(is_covered=True)))
            .order_by()
        )
    for cell in matrix.cells.values():
        cell.confirmed = 0
    for row in rows:
        key = (row["partner_id"], row["need__pillar_id"], row["need__area_id"])
        matrix.cells.setdefault(key, CoverageCell()).confirmed = row["confirmed"]


def _cell_counts(summary, counted, need_ids, responses, name):
    """Rows of partner_id, need__pillar_id, need__area_id and `name`: per cell, how many
    distinct `counted` (a column of the `summary` model, ResponseReach or ResponseCover) its
    rows name for the needs `need_ids` that the partner still has, answered by `responses`
    (ongoing or planned). Distinct (counted, cell) pairs first, then counted: hashing, where
    COUNT(DISTINCT) would sort."""
    rows = _model(summary).objects.filter(open=True, need__in=need_ids)
    if summary == "ResponseReach":
        rows = rows.filter(answering=True)  # the cover holds only answering responses' rows
        if is_confirmed_only(responses):
            rows = rows.filter(confirmed=True)
    pairs = (
        _among(rows, responses)
        .order_by()
        .values(counted, "partner_id", "pillar_id", "area_id")
        .distinct()
    )
    try:
        sql, params = pairs.query.sql_with_params()
    except EmptyResultSet:  # a filter nothing can match (e.g. `pk__in=[]`)
        return []
    counting = f"SELECT partner_id, pillar_id, area_id, COUNT(*) FROM ({sql}) AS pairs "  # noqa: S608 - Django's SQL, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(counting + "GROUP BY partner_id, pillar_id, area_id", params)
        names = ("partner_id", "need__pillar_id", "need__area_id", name)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _live_cell_responses(need_ids, responses, confirmed=False):
    """`_cell_counts` of responses computed from the source tables (any database, any set of
    responses); only those the partner confirmed when `confirmed`."""
    NeedPartner = _model("NeedPartner")
    rows = (
        _model("ResponseNeed")
        .objects.answering()
        .among(responses)
        .annotate(partner_id=F("response__beneficiary_links__partner_id"))
        .filter(need__in=need_ids)
        .filter(
            Exists(
                NeedPartner.objects.open().filter(
                    need_id=OuterRef("need_id"), partner_id=OuterRef("partner_id")
                )
            )
        )
    )
    if confirmed:
        rows = rows.filter(Exists(_confirmations(OuterRef("partner_id"))))
    return (
        rows.values("partner_id", "need__pillar_id", "need__area_id")
        .annotate(responses=Count("response_id", distinct=True))
        .order_by()
    )
