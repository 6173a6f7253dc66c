"""International partners' validations in the admin: the Secretariat reads each member's
validation, comment and support offered per need (they are written by review templates)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, UpdatedAtColumn

from .filters import ByNeedEditionFilterSet
from .models import Member, MemberKind, NeedReview
from .views import PermittedSnippetViewSet


class NeedReviewFilterSet(ByNeedEditionFilterSet):
    member = django_filters.ModelChoiceFilter(
        label=_("Member"), queryset=Member.objects.exclude(kind=MemberKind.WB_PARTNER)
    )
    verdict = django_filters.ChoiceFilter(label=_("Validation"), choices=NeedReview.Verdict.choices)

    class Meta:
        model = NeedReview
        fields = ["cycle", "pillar", "member", "verdict"]


class NeedReviewViewSet(PermittedSnippetViewSet):
    model = NeedReview
    icon = "tick-inverse"
    menu_label = _("Validations")
    filterset_class = NeedReviewFilterSet
    inspect_view_enabled = True
    list_display = [
        Column("need", label=_("Need")),
        "member",
        "verdict",
        Column("comment", label=_("Comment")),
        Column("support", label=_("Support offered")),
        UpdatedAtColumn(),
    ]
    list_export = ["need", "member", "get_verdict_display", "comment", "support", "updated_at"]
    export_headings = {"get_verdict_display": _("Validation")}

    def get_queryset(self, request):
        return NeedReview.objects.select_related("need", "member")
