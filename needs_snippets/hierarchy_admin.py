"""Admin of the catalogue's hierarchy: priorities, objectives and measures, and the
Secretariat's dashboard panel of needs still to place under a measure."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, UpdatedAtColumn

from cms.dashboard_panel import DashboardPanel

from .filters import MeasureFilterSet, ObjectiveFilterSet
from .models import Measure, Need, Objective, Priority
from .views import PermittedSnippetViewSet


class PlacementPanel(DashboardPanel):
    """Dashboard panel for the Secretariat: needs still under an Unclassified measure, per
    edition, pillar and axis, each linking to the filtered needs listing."""

    name = "iisg_placement"
    order = 240
    template_name = "needs_snippets/placement_panel.html"


@hooks.register("construct_homepage_panels")
def add_placement_panel(request, panels):
    if not request.user.has_perm("needs_snippets.change_need"):
        return
    groups = (
        Measure.objects.filter(unclassified=True)
        .annotate(count=Count("needs"))
        .filter(count__gt=0)
        .select_related("cycle", "objective__axis__pillar")
        .order_by(
            "-cycle__period_start", "objective__pillar__sort_order", "objective__axis__sort_order"
        )
    )
    index_url = reverse(Need.snippet_viewset.get_url_name("list"))
    rows = [
        {
            "cycle": measure.cycle.edition,
            "axis": measure.objective.axis,
            "count": measure.count,
            "url": f"{index_url}?{urlencode({'measure': measure.pk})}",
        }
        for measure in groups
    ]
    if rows:
        panels.append(PlacementPanel(rows=rows, total=sum(row["count"] for row in rows)))


class PriorityViewSet(PermittedSnippetViewSet):
    model = Priority
    icon = "pick"
    menu_label = _("Priorities")
    list_display = ["code", "title", "pillar", "cycle", UpdatedAtColumn()]
    list_filter = ["cycle", "pillar"]
    inspect_view_enabled = True


class ObjectiveViewSet(PermittedSnippetViewSet):
    model = Objective
    icon = "crosshairs"
    menu_label = _("Objectives")
    filterset_class = ObjectiveFilterSet
    list_display = ["code", "title", "axis", "priority", "cycle", UpdatedAtColumn()]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Objective.objects.select_related("cycle", "axis__pillar", "priority")


class MeasureViewSet(PermittedSnippetViewSet):
    """Measures, each with its count of needs: the Unclassified ones list the needs the
    Secretariat still has to place."""

    model = Measure
    icon = "list-ul"
    menu_label = _("Measures")
    filterset_class = MeasureFilterSet
    list_display = [
        "code",
        "title",
        "objective",
        Column("need_count", label=_("Needs"), accessor="need_count"),
        "cycle",
        UpdatedAtColumn(),
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Measure.objects.select_related("cycle", "objective").annotate(
            need_count=Count("needs")
        )
