"""Queries over the secure database. Each runs in a fixed number of SQL queries.

A need is identified by partners, each with its own status; a partner's need is *open* while
it is neither met nor withdrawn. A *gap* is an open (need, partner) that no ongoing or planned
response (IATI pipeline or implementation) answers for that partner, i.e. naming it as a
beneficiary; a need is a gap while any of its partners is one. Responses that were cancelled
answer nothing: they count neither as covering a need nor as overlapping another response.
"""

from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.exceptions import EmptyResultSet
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


def _summaries():
    """Whether the trigger-maintained summary tables answer (see `models.analysis`); reading
    them first rebuilds what this transaction changed."""
    from .models.analysis import refresh_summaries, summaries_maintained

    if summaries_maintained():
        refresh_summaries()
        return True
    return False


def _described(rows, responses):
    """What an analysis of `rows` over `responses` depends on besides the data, for a cache
    key (see `analysis_cache`): the rows' SQL and the responses' scope; None where that cannot
    be said (responses without a `summary_scope`, a filter nothing can match)."""
    if responses is None:
        scope = ("all",)
    elif getattr(responses, "summary_scope", None) is not None:
        scope = responses.summary_scope.key()
    else:
        return None
    try:
        sql = rows.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None
    return (scope, is_confirmed_only(responses), sql)


def _visible_pairs(rows, responses):
    """Overlap summary `rows` whose response and rival are both among `responses`."""
    return _among(_among(rows, responses), responses, prefix="rival_")


def _among(rows, responses, prefix=""):
    """Summary `rows` whose response (rival, with prefix "rival_") is one of `responses`
    (all rows when None): by the columns the summary copies when `responses` carries its
    `summary_scope` (see `permissions.all_visible_responses`), else by a subquery."""
    if responses is None:
        return rows
    scope = getattr(responses, "summary_scope", None)
    if scope is not None:
        return rows.filter(scope.condition(prefix))
    return rows.filter(**{f"{prefix or 'response_'}id__in": responses.order_by().values("pk")})


#: A response answers a need for a partner while it is ongoing or planned.
ONGOING_OR_PLANNED = (IATIActivityStatus.PIPELINE, IATIActivityStatus.IMPLEMENTATION)


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


class NeedPartnerQuerySet(models.QuerySet):
    """(need, partner) links: who identified which need, with the partner's own status."""

    def open(self):
        """Links whose need is neither met nor withdrawn for their partner."""
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def _answered(self, responses=None):
        """Whether an ongoing or planned response (of `responses`) answers the link's need
        for the link's partner (an expression for `filter` and `annotate`); with
        `confirmed_only(responses)`, only where the partner confirmed it."""
        summarised = responses is None or getattr(responses, "summary_scope", None) is not None
        if is_confirmed_only(responses):
            if summarised and _summaries():
                reach = _model("ResponseReach").objects.filter(
                    need_id=OuterRef("need_id"),
                    partner_id=OuterRef("partner_id"),
                    answering=True,
                    confirmed=True,
                )
                return Exists(_among(reach, responses))
            return live_answered(responses, confirmed=True)
        if not summarised:
            return live_answered(responses)  # an arbitrary set of responses: no summary
        if not _summaries():
            return live_answered(responses)
        cover = _model("ResponseCover").objects.filter(
            need_id=OuterRef("need_id"), partner_id=OuterRef("partner_id")
        )
        return Exists(_among(cover, responses))

    def gaps(self, responses=None):
        """Open links that no ongoing or planned response (of `responses`) answers."""
        return self.open().filter(~self._answered(responses))

    def covered(self, responses=None):
        """Open links that an ongoing or planned response (of `responses`) answers."""
        return self.open().filter(self._answered(responses))

    def with_covered_flag(self, responses=None):
        return self.annotate(is_covered=self._answered(responses))


class NeedQuerySet(TextMatchMixin, models.QuerySet):
    code_field = "reference_code"

    def in_hierarchy_order(self):
        """The needs in the catalogue's order, as the report and the templates list them:
        pillar, axis, objective, measure, area, then code. Each group is contiguous: every
        tie is broken by the group's key."""
        return self.order_by(
            "pillar__sort_order",
            "pillar__code",
            "axis__sort_order",
            "axis__name",
            "measure__objective__sort_order",
            "measure__objective__code",
            "measure__sort_order",
            "measure__code",
            "area__sort_order",
            "area__name",
            "reference_code",
        )

    def with_partner_count(self):
        """Annotate `partner_count`: how many WB partners identified each need and still have
        it open (neither met nor withdrawn for them)."""
        counts = (
            _model("NeedPartner")
            .objects.open()
            .filter(need=OuterRef("pk"))
            .order_by()
            .values("need")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            partner_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
        )

    def regional(self, threshold=None):
        """Needs open in at least `threshold` partners (default: the setting)."""
        threshold = regional_threshold() if threshold is None else threshold
        return self.with_partner_count().filter(partner_count__gte=threshold)

    def partner_specific(self, threshold=None):
        """Needs open in fewer partners than the regional threshold."""
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

    def _gap_links(self, responses=None, partner=None):
        links = _model("NeedPartner").objects.gaps(responses).filter(need=OuterRef("pk"))
        return links if partner is None else links.filter(partner=partner)

    def gaps(self, responses=None, partner=None):
        """Needs with at least one partner (`partner`, when given) for which no ongoing or
        planned response (of `responses`, when given: what a user may see) answers it."""
        return self.filter(Exists(self._gap_links(responses, partner)))

    def covered(self, responses=None, partner=None):
        """Needs answered for every partner that still has them open (for `partner` only,
        when given)."""
        return self.filter(~Exists(self._gap_links(responses, partner)))

    def with_gap_flag(self, responses=None):
        """Annotate `is_gap`: True when some partner's need is a gap (see `gaps`)."""
        return self.annotate(is_gap=Exists(self._gap_links(responses)))

    def overlapped(self, responses=None):
        """Needs that responses of different members (both of `responses`, when given)
        answer for the same partner in overlapping periods."""
        if not _summaries():
            rows = _model("ResponseNeed").objects.overlapping(responses)
            return self.filter(Exists(rows.filter(need_id=OuterRef("pk"))))
        pairs = _model("ResponseOverlap").objects.filter(need_id=OuterRef("pk"))
        if is_confirmed_only(responses):
            pairs = pairs.filter(
                Exists(_confirmed_pair_side("response_id")),
                Exists(_confirmed_pair_side("rival_id")),
            )
        return self.filter(Exists(_visible_pairs(pairs, responses)))

    def coverage_matrix(self, responses=None, with_confirmed=False):
        """Partner × pillar × area counts of these needs and of the responses (of
        `responses`, when given) answering them; with each cell's needs answered by a
        response the partner confirmed too when `with_confirmed` (one more query)."""
        from .analysis_cache import remembered  # it reads the models, which use these
        from .coverage import CoverageMatrix  # it reads these querysets' summaries

        def compute():
            matrix = CoverageMatrix.for_needs(self, responses)
            if with_confirmed:
                matrix.count_confirmed(self, responses)
            return matrix

        described = _described(self, responses)
        if described is None:
            return compute()
        return remembered("coverage", (described, with_confirmed), compute)


class ResponseQuerySet(TextMatchMixin, models.QuerySet):
    def active(self):
        """Responses that still answer something (not cancelled)."""
        return self.exclude(iati_status=IATIActivityStatus.CANCELLED)

    def overlaps(self, responses=None):
        """Responses sharing a need and a partner with another member's response in time
        (among `responses`, when given)."""
        if not _summaries():
            overlapping = (
                _model("ResponseNeed")
                .objects.overlapping(responses)
                .filter(response=OuterRef("pk"))
            )
            return self.filter(Exists(overlapping))
        rivals = _model("ResponseOverlap").objects.filter(response_id=OuterRef("pk"))
        return self.filter(Exists(_visible_pairs(rivals, responses)))

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

    def answering(self):
        """Links of ongoing or planned responses: those that close a gap."""
        return self.filter(response__iati_status__in=ONGOING_OR_PLANNED)

    def among(self, responses):
        """Links of `responses` only (a queryset of responses); all links when None. A
        reader's visible responses (with `summary_scope`) filter by their fields, not a
        subquery."""
        if responses is None:
            return self
        scope = getattr(responses, "summary_scope", None)
        if scope is not None:
            return self.filter(scope.response_condition("response__"))
        return self.filter(response__in=responses)

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
        confirmed = is_confirmed_only(responses)
        if confirmed:
            rows = rows.filter(Exists(_confirmations(OuterRef("partner_id"))))
        if not _summaries():
            return rows.filter(live_rivals(responses, confirmed))
        rivals = _model("ResponseOverlap").objects.filter(
            response_id=OuterRef("response_id"),
            need_id=OuterRef("need_id"),
            partner_id=OuterRef("partner_id"),
        )
        if confirmed:
            rivals = rivals.filter(Exists(_confirmed_pair_side("rival_id")))
        return rows.filter(Exists(_among(rivals, responses, prefix="rival_")))


def confirmed_only(responses):
    """`responses` counted, by the analyses, only where the partner they serve confirmed them
    (see `models.confirmations`): a need is then covered for a partner only by a response the
    partner confirmed answers it."""
    scope = getattr(responses, "summary_scope", None)
    chosen = responses._chain()
    chosen.confirmed_only, chosen.summary_scope = True, scope
    return chosen


def is_confirmed_only(responses):
    return getattr(responses, "confirmed_only", False)


def _confirmations(partner):
    """The confirmations of the outer ResponseNeed row's response and need for `partner`."""
    return _model("ResponseConfirmation").objects.filter(
        response_id=OuterRef("response_id"),
        need_id=OuterRef("need_id"),
        partner_id=partner,
        verdict="confirmed",
    )


def _confirmed_pair_side(column):
    """The partner's confirmation of one side (`column`: response_id or rival_id) of the outer
    ResponseOverlap row, for the row's need."""
    return _model("ResponseConfirmation").objects.filter(
        response_id=OuterRef(column),
        need_id=OuterRef("need_id"),
        partner_id=OuterRef("partner_id"),
        verdict="confirmed",
    )


def live_answered(responses=None, confirmed=False):
    """`NeedPartnerQuerySet._answered` computed from the source tables (any database); only
    by responses the partner confirmed when `confirmed`."""
    rows = (
        _model("ResponseNeed")
        .objects.answering()
        .among(responses)
        .filter(
            need_id=OuterRef("need_id"),
            response__beneficiary_links__partner_id=OuterRef("partner_id"),
        )
    )
    if confirmed:
        rows = rows.filter(Exists(_confirmations(OuterRef(OuterRef("partner_id")))))
    return Exists(rows)


def live_rivals(responses=None, confirmed=False):
    """Whether another member's response (of `responses`) overlaps an `overlapping` row,
    computed from the source tables (any database); one the partner confirmed when
    `confirmed`."""
    ResponseNeed = _model("ResponseNeed")
    rivals = (
        with_period(ResponseNeed.objects.active().among(responses), prefix="response__")
        .filter(
            need_id=OuterRef("need_id"),
            response__beneficiary_links__partner_id=OuterRef("partner_id"),
            period_start__lte=OuterRef("period_end"),
            period_end__gte=OuterRef("period_start"),
        )
        .exclude(response__reporting_member_id=OuterRef("member_id"))
    )
    if confirmed:
        rivals = rivals.filter(Exists(_confirmations(OuterRef(OuterRef("partner_id")))))
    return Exists(rivals)
