"""The members area's charts page: every chart over the needs the page's filters select and
the responses the user may see; the map shaded as `?shade=` asks (needs, gaps, coverage)."""

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from needs_snippets.filters import NeedFilterSet
from needs_snippets.models import MappingCycle, Measure
from needs_snippets.reading import published_needs, seen_responses

from .. import chart_data
from ..report_data import live_partners, live_phases, rows_of
from .listing import Listing
from .views import render

SHADES = list(chart_data.MAP_MEASURES)


def _current_edition():
    """The newest needs edition under way or done (a planned one has no timeline yet), else
    the newest."""
    editions = MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS).order_by("-period_start")
    return editions.exclude(status=MappingCycle.Status.PLANNED).first() or editions.first()


def charts(request, page):
    user = request.user
    filterset = NeedFilterSet(request.GET, queryset=published_needs(), request=request)
    listing = Listing(request, published_needs(), filterset=filterset)
    shade = request.GET.get("shade") or "needs"
    if shade not in SHADES:
        listing.problems.append(
            _("Shade the map by: “%(value)s” is not one of %(choices)s.")
            % {"value": shade, "choices": ", ".join(SHADES)}
        )
        shade = "needs"
    responses = seen_responses(user)
    rows = rows_of(listing.rows, responses) if not listing.problems else []
    partners = live_partners()
    needs_url = page.get_url(request) + page.reverse_subpage("needs")
    urls = {
        partner.country_code: f"{needs_url}?{urlencode({'partner': partner.pk})}"
        for partner in filterset.filters["partner"].queryset
    }
    data = filterset.form.cleaned_data if filterset.is_valid() else {}
    cycle = data.get("cycle") or _current_edition()
    in_responses = responses
    if data.get("pillar"):
        in_responses = in_responses.filter(pillar=data["pillar"])
    if data.get("partner"):
        in_responses = in_responses.filter(beneficiary_links__partner=data["partner"]).distinct()
    measures = Measure.objects.all()
    if data.get("cycle"):
        measures = measures.filter(cycle__period_start__lte=data["cycle"].period_start)
    if data.get("pillar"):
        measures = measures.filter(objective__pillar=data["pillar"])
    drawn = [
        chart_data.partner_map(rows, partners, shade, urls),
        chart_data.needs_by_partner_and_axis(rows, partners, urls),
        chart_data.coverage_by_partner_and_pillar(rows, partners, urls),
        chart_data.responses_by_member_and_pillar(in_responses),
        chart_data.budgets_by_member_and_pillar(in_responses),
        chart_data.measures_across_editions(measures),
    ]
    if cycle is not None:
        drawn.append(chart_data.cycle_timeline(live_phases(cycle)))
    return render(
        request, page, "charts.html", listing=listing, charts=drawn, shade=shade,
        shades=chart_data.MAP_MEASURES, cycle=cycle,
    )  # fmt: skip
