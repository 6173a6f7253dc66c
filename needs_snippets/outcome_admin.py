"""Outcomes of needs in the admin: the Secretariat records, while formulating a new edition,
which needs of the earlier one were met (evidence, responses) or dropped (reason)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn

from .filters import ByNeedEditionFilterSet
from .forms import NeedOutcomeForm
from .models import NeedOutcome
from .views import PermittedSnippetViewSet


class NeedOutcomeFilterSet(ByNeedEditionFilterSet):
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=NeedOutcome.Outcome.choices)

    class Meta:
        model = NeedOutcome
        fields = ["cycle", "pillar", "outcome"]


class NeedOutcomeViewSet(PermittedSnippetViewSet):
    model = NeedOutcome
    icon = "flag"
    menu_label = _("Need outcomes")
    filterset_class = NeedOutcomeFilterSet
    edit_handler = ObjectList(NeedOutcome.panels, base_form_class=NeedOutcomeForm)
    inspect_view_enabled = True
    list_display = [
        Column("need", label=_("Need")),
        "outcome",
        Column("evidence", label=_("Evidence")),
        Column("reason", label=_("Reason")),
        UpdatedAtColumn(),
    ]
    list_export = ["need", "get_outcome_display", "evidence", "reason", "recorded_at"]
    export_headings = {"get_outcome_display": _("Outcome")}

    def get_queryset(self, request):
        return NeedOutcome.objects.select_related("need")
