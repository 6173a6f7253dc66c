"""Queries over the secure database. Each runs in a fixed number of SQL queries.

Responses that were cancelled answer nothing: they count neither as covering a need nor as
overlapping another response.
"""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.search.queryset import SearchableQuerySetMixin

from .constants import IATIActivityStatus

# Open-ended periods reach back or forward for ever.
FAR_PAST = date(1, 1, 1)
FAR_FUTURE = date(9999, 12, 31)


def _model(name):
    return apps.get_model("needs_snippets", name)


def regional_threshold():
    """Partners needed for a need to be regional (setting IISG_REGIONAL_THRESHOLD, default 3)."""
    return getattr(settings, "IISG_REGIONAL_THRESHOLD", 3)


class TextMatchMixin(SearchableQuerySetMixin):
    """`matching(words)`: Wagtail search that keeps any filter already applied.

    The search backend refuses subquery filters (partner, coverage), so it runs over the
    whole table and the rows it finds narrow this queryset. `code_field`, when set, also
    matches part of a code (WBCTi-PRV finds WBCTi-PRV-LEG-01).
    """

    code_field = None

    def matching(self, words):
        words = words.strip()
        if not words:
            return self
        found = self.model._default_manager.only("pk").search(words, order_by_relevance=False)
        condition = Q(pk__in=[row.pk for row in found])
        if self.code_field:
            condition |= Q(**{f"{self.code_field}__icontains": words})
        return self.filter(condition)


class NeedQuerySet(TextMatchMixin, models.QuerySet):
    code_field = "reference_code"

    def with_partner_count(self):
        """Annotate `partner_count`: how many WB partners identified each need."""
        counts = (
            _model("NeedPartner")
            .objects.filter(need=OuterRef("pk"))
            .order_by()
            .values("need")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            partner_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
        )

    def regional(self, threshold=None):
        """Needs identified in at least `threshold` partners (default: the setting)."""
        threshold = regional_threshold() if threshold is None else threshold
        return self.with_partner_count().filter(partner_count__gte=threshold)

    def partner_specific(self, threshold=None):
        """Needs identified in fewer partners than the regional threshold."""
        threshold = regional_threshold() if threshold is None else threshold
        return self.with_partner_count().filter(partner_count__lt=threshold)

    def in_cycle(self, cycle):
        return self.filter(cycle=cycle)

    def for_pillar(self, pillar):
        return self.filter(pillar=pillar)

    def for_axis(self, axis):
        return self.filter(axis=axis)

    def for_area(self, area):
        return self.filter(area=area)

    def for_partner(self, partner):
        """Needs that `partner` identified (one row per need, whatever the other partners)."""
        links = _model("NeedPartner").objects.filter(need=OuterRef("pk"), partner=partner)
        return self.filter(Exists(links))

    def _answering_links(self, responses=None):
        return _model("ResponseNeed").objects.active().among(responses)

    def gaps(self, responses=None):
        """Needs that no response answers (of `responses`, when given: what a user may see)."""
        return self.filter(~Exists(self._answering_links(responses).filter(need=OuterRef("pk"))))

    def covered(self, responses=None):
        """Needs that at least one response (of `responses`, when given) answers."""
        return self.filter(Exists(self._answering_links(responses).filter(need=OuterRef("pk"))))

    def with_gap_flag(self, responses=None):
        """Annotate `is_gap`: True when no active response (of `responses`) answers the need."""
        answering = self._answering_links(responses).filter(need=OuterRef("pk"))
        return self.annotate(is_gap=~Exists(answering))

    def coverage_matrix(self, responses=None):
        """Partner × pillar × area counts of these needs and of the responses (of
        `responses`, when given) answering them."""
        return CoverageMatrix.for_needs(self, responses)


class ResponseQuerySet(TextMatchMixin, models.QuerySet):
    def active(self):
        """Responses that still answer something (not cancelled)."""
        return self.exclude(iati_status=IATIActivityStatus.CANCELLED)

    def overlaps(self, responses=None):
        """Responses sharing a need and a partner with another member's response in time
        (among `responses`, when given)."""
        overlapping = (
            _model("ResponseNeed").objects.overlapping(responses).filter(response=OuterRef("pk"))
        )
        return self.filter(Exists(overlapping))

    def by_member(self, member):
        return self.filter(reporting_member=member)


def with_period(queryset, prefix=""):
    """Annotate `period_start`/`period_end`: actual dates, else planned, else open-ended."""
    return queryset.annotate(
        period_start=Coalesce(
            F(f"{prefix}actual_start"), F(f"{prefix}planned_start"), Value(FAR_PAST)
        ),
        period_end=Coalesce(F(f"{prefix}actual_end"), F(f"{prefix}planned_end"), Value(FAR_FUTURE)),
    )


class ResponseNeedQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(response__iati_status=IATIActivityStatus.CANCELLED)

    def among(self, responses):
        """Links of `responses` only (a queryset of responses); all links when None."""
        return self if responses is None else self.filter(response__in=responses)

    def overlapping(self, responses=None):
        """(response, need, partner) rows where another member's response on the same need and
        partner runs in an overlapping period, both among `responses` when given. Each row is
        annotated with `partner_id`, `member_id`, `period_start` and `period_end`.
        """
        rows = with_period(
            self.active()
            .among(responses)
            .annotate(
                partner_id=F("response__beneficiary_links__partner_id"),
                member_id=F("response__reporting_member_id"),
            ),
            prefix="response__",
        )
        rivals = (
            with_period(self.model.objects.active().among(responses), prefix="response__")
            .filter(
                need_id=OuterRef("need_id"),
                response__beneficiary_links__partner_id=OuterRef("partner_id"),
                period_start__lte=OuterRef("period_end"),
                period_end__gte=OuterRef("period_start"),
            )
            .exclude(response__reporting_member_id=OuterRef("member_id"))
        )
        return rows.filter(Exists(rivals))


@dataclass
class CoverageCell:
    """Counts for one partner, pillar and area."""

    needs: int = 0
    covered: int = 0
    responses: int = 0

    @property
    def gaps(self):
        return self.needs - self.covered

    @property
    def coverage_ratio(self):
        """Share of the needs answered by at least one response for this partner (0 to 1)."""
        return self.covered / self.needs if self.needs else None


@dataclass
class CoverageMatrix:
    """Needs, covered needs and responses per partner × pillar × area, from six queries.

    A need counts for each partner that identified it; it is covered for a partner when an
    active response answering it names that partner as a beneficiary; a response counts in a
    cell when it answers a need of the cell for a partner that identified it.
    """

    partners: list
    pillars: list
    areas: list
    cells: dict = field(default_factory=dict)

    def cell(self, partner, pillar, area):
        return self.cells.get((partner.pk, pillar.pk, area.pk), CoverageCell())

    @classmethod
    def for_needs(cls, needs, responses=None):
        Member, Pillar, Area = _model("Member"), _model("Pillar"), _model("Area")
        NeedPartner, ResponseNeed = _model("NeedPartner"), _model("ResponseNeed")
        matrix = cls(
            partners=list(Member.objects.wb_partners()),
            pillars=list(Pillar.objects.all()),
            areas=list(Area.objects.all()),
        )
        need_ids = needs.order_by().values("pk")
        keys = ("partner_id", "need__pillar_id", "need__area_id")
        need_links = NeedPartner.objects.filter(need__in=need_ids)
        answered_for_partner = (
            ResponseNeed.objects.active()
            .among(responses)
            .filter(
                need_id=OuterRef("need_id"),
                response__beneficiary_links__partner_id=OuterRef("partner_id"),
            )
        )
        response_links = (
            ResponseNeed.objects.active()
            .among(responses)
            .filter(need__in=need_ids)
            .annotate(partner_id=F("response__beneficiary_links__partner_id"))
            # Only for partners that identified the need: a cell's responses answer its needs.
            .filter(
                Exists(
                    NeedPartner.objects.filter(
                        need_id=OuterRef("need_id"), partner_id=OuterRef("partner_id")
                    )
                )
            )
        )
        counts = {
            "needs": need_links.values(*keys).annotate(n=Count("need_id", distinct=True)),
            "covered": need_links.filter(Exists(answered_for_partner))
            .values(*keys)
            .annotate(n=Count("need_id", distinct=True)),
            "responses": response_links.values(*keys).annotate(
                n=Count("response_id", distinct=True)
            ),
        }
        for name, rows in counts.items():
            for row in rows.order_by():
                key = (row["partner_id"], row["need__pillar_id"], row["need__area_id"])
                setattr(matrix.cells.setdefault(key, CoverageCell()), name, row["n"])
        return matrix
