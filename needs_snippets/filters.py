"""Listing filters of the secure database (admin listings; reused by the members area). The
reference data's choice lists come from memory (needs_snippets/choices.py)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .choices import KeptEditionModelChoiceFilter, KeptModelChoiceFilter
from .constants import IATIActivityStatus
from .models import (
    Area,
    Axis,
    MappingCycle,
    Measure,
    Member,
    Need,
    Objective,
    Pillar,
    Response,
)
from .permissions import all_visible_responses
from .querysets import confirmed_only, with_period


class ByNeedEditionFilterSet(WagtailFilterSet):
    """Filters of records about a need (its outcome, a review): the need's edition and pillar."""

    cycle = django_filters.ModelChoiceFilter(
        label=_("Edition"),
        field_name="need__cycle",
        queryset=MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS),
    )
    pillar = django_filters.ModelChoiceFilter(
        label=_("Pillar"), field_name="need__pillar", queryset=Pillar.objects.all()
    )


def responses_seen_by(request):
    """The responses whose coverage the requesting user may know of (None: all)."""
    if request is None:
        return None
    return all_visible_responses(request.user)


class PartnerFilter(KeptModelChoiceFilter):
    """Filter on one Western Balkans partner."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Partner"))
        kwargs.setdefault("queryset", Member.objects.wb_partners())
        super().__init__(*args, **kwargs)


class NeedFilterSet(WagtailFilterSet):
    cycle = KeptModelChoiceFilter(
        label=_("Cycle"), queryset=MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS)
    )
    pillar = KeptModelChoiceFilter(label=_("Pillar"), queryset=Pillar.objects.all())
    axis = KeptModelChoiceFilter(label=_("Axis"), queryset=Axis.objects.all())
    objective = KeptEditionModelChoiceFilter(
        label=_("Objective"),
        field_name="measure__objective",
        queryset=Objective.objects.select_related("cycle"),
    )
    measure = KeptEditionModelChoiceFilter(
        label=_("Measure"),
        queryset=Measure.objects.select_related("cycle"),
    )
    placement = django_filters.ChoiceFilter(
        label=_("Placement"),
        choices=[
            ("unclassified", _("To place: under an Unclassified measure")),
            ("placed", _("Placed under a measure")),
        ],
        method="filter_placement",
    )
    area = KeptModelChoiceFilter(label=_("Area"), queryset=Area.objects.all())
    partner = PartnerFilter(method="filter_partner")
    regional = django_filters.ChoiceFilter(
        label=_("Scope"),
        choices=[("regional", _("Regional")), ("partner", _("Partner-specific"))],
        method="filter_regional",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Need.Status.choices)
    coverage = django_filters.ChoiceFilter(
        label=_("Coverage"),
        choices=[
            ("gap", _("Gap: no response")),
            ("covered", _("Answered by a response")),
        ],
        method="filter_coverage",
    )

    class Meta:
        model = Need
        fields = [
            "cycle", "pillar", "axis", "objective", "measure", "placement", "area", "partner",
            "regional", "status", "coverage",
        ]  # fmt: skip

    def filter_placement(self, queryset, name, value):
        return queryset.filter(measure__unclassified=value == "unclassified")

    def filter_partner(self, queryset, name, value):
        return queryset.for_partner(value)

    def filter_regional(self, queryset, name, value):
        return queryset.regional() if value == "regional" else queryset.partner_specific()

    def counted_responses(self):
        """The responses whose coverage counts: those the requesting user may know of."""
        return responses_seen_by(self.request)

    def filter_coverage(self, queryset, name, value):
        """Gaps (or covered needs) for the partner filtered on, else for any partner."""
        responses = self.counted_responses()
        partner = self.form.cleaned_data.get("partner")
        if value == "gap":
            return queryset.gaps(responses, partner)
        return queryset.covered(responses, partner)


#: What the analyses count: every response claiming a need for a partner (the default), or
#: only those the partner confirmed.
CONFIRMED = "confirmed"


class AnalysisFilterSet(NeedFilterSet):
    """The needs filters of the gaps, overlaps and coverage pages, and what they count."""

    count = django_filters.ChoiceFilter(
        label=_("Count"),
        choices=[(CONFIRMED, _("Confirmed by the partner only"))],
        empty_label=_("Every response claimed"),
        method="filter_count",
    )

    class Meta(NeedFilterSet.Meta):
        fields = [*NeedFilterSet.Meta.fields, "count"]

    def filter_count(self, queryset, name, value):
        """Not a filter of needs: the view counts the responses accordingly (`counts_confirmed`)."""
        return queryset

    def counted_responses(self):
        """As counted: only those the partner confirmed when asked."""
        responses = super().counted_responses()
        if self.form.cleaned_data.get("count") == CONFIRMED:
            return confirmed_only(responses)
        return responses


class GapFilterSet(AnalysisFilterSet):
    """The gaps list's filters: a partner filtered on lists the needs that are a gap for that
    partner, not every need of it that is a gap for another."""

    def filter_partner(self, queryset, name, value):
        return queryset.gaps(self.counted_responses(), value)


def counts_confirmed(request):
    """Whether the request asks the analyses to count confirmed responses only (a value the
    filter refuses counts as not asked; the filterset then reports it)."""
    return request.GET.get("count") == CONFIRMED


class ObjectiveFilterSet(WagtailFilterSet):
    cycle = KeptModelChoiceFilter(
        label=_("Edition"), queryset=MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS)
    )
    pillar = KeptModelChoiceFilter(label=_("Pillar"), queryset=Pillar.objects.all())
    axis = KeptModelChoiceFilter(label=_("Axis"), queryset=Axis.objects.all())

    class Meta:
        model = Objective
        fields = ["cycle", "pillar", "axis"]


class MeasureFilterSet(WagtailFilterSet):
    cycle = KeptModelChoiceFilter(
        label=_("Edition"), queryset=MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS)
    )
    pillar = KeptModelChoiceFilter(
        label=_("Pillar"), field_name="objective__pillar", queryset=Pillar.objects.all()
    )
    axis = KeptModelChoiceFilter(
        label=_("Axis"), field_name="objective__axis", queryset=Axis.objects.all()
    )
    unclassified = django_filters.BooleanFilter(label=_("Unclassified (needs to place)"))

    class Meta:
        model = Measure
        fields = ["cycle", "pillar", "axis", "unclassified"]


class ResponseFilterSet(WagtailFilterSet):
    reporting_member = KeptModelChoiceFilter(
        label=_("Reporting member"), queryset=Member.objects.all()
    )
    pillar = KeptModelChoiceFilter(label=_("Pillar"), queryset=Pillar.objects.all())
    partner = PartnerFilter(field_name="beneficiary_links__partner", distinct=True)
    iati_status = django_filters.ChoiceFilter(
        label=_("Activity status"), choices=IATIActivityStatus.choices
    )
    funding_source = django_filters.CharFilter(label=_("Funding source"), lookup_expr="icontains")
    active_on_or_after = django_filters.DateFilter(
        label=_("Running on or after"), method="filter_active_on_or_after"
    )
    active_on_or_before = django_filters.DateFilter(
        label=_("Running on or before"), method="filter_active_on_or_before"
    )
    overlapping = django_filters.BooleanFilter(
        label=_("Overlaps another member's response"), method="filter_overlapping"
    )

    class Meta:
        model = Response
        fields = [
            "reporting_member",
            "pillar",
            "partner",
            "iati_status",
            "funding_source",
            "active_on_or_after",
            "active_on_or_before",
            "overlapping",
        ]

    def filter_active_on_or_after(self, queryset, name, value):
        """Responses whose period (actual, else planned dates) reaches `value`."""
        return with_period(queryset).filter(period_end__gte=value)

    def filter_active_on_or_before(self, queryset, name, value):
        return with_period(queryset).filter(period_start__lte=value)

    def filter_overlapping(self, queryset, name, value):
        if value is None:
            return queryset
        overlapping = queryset.overlaps(responses_seen_by(self.request))
        return overlapping if value else queryset.exclude(pk__in=overlapping.values("pk"))
