"""Admin choosers of needs and responses, scoped to what the user may see.

Wagtail's generic chooser lists every object to any admin user; these list, and return when
chosen, only what the user may see. The need chooser filters by pillar and partner.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from .models import Member, Need, Pillar
from .permissions import response_policy


def needs_choosable_by(user):
    """Published needs; editors of needs also see drafts."""
    needs = Need.objects.select_related("pillar")
    if user.has_perm("needs_snippets.change_need"):
        return needs
    return needs.filter(live=True)


def responses_choosable_by(user):
    return response_policy().instances_user_has_permission_for(user, "view")


class ScopedChooserMixin:
    """Choose among `scope(user)` only, in the listing and when an id is sent back."""

    scope = None

    def get_object_list(self):
        return self.scope(self.request.user)

    def get_object(self, pk):
        return self.scope(self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return self.scope(self.request.user).filter(pk__in=pks)


def _modal_filter(label, queryset, name):
    """An optional select that narrows the chooser modal's results, with an id of its own
    (id_need_chooser_`name`): the form behind the modal has an id_`name` of its own."""
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.Select(
            attrs={"data-chooser-modal-search-filter": True, "id": f"id_need_chooser_{name}"}
        ),
    )


class NeedChooserFilterForm(BaseFilterForm):
    """Search by code or words, and narrow by pillar and by partner."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Code or words")}),
    )
    pillar = _modal_filter(_("Pillar"), Pillar.objects.all(), "pillar")
    partner = _modal_filter(_("Partner"), Member.objects.wb_partners(), "partner")

    def filter(self, objects):
        data = self.cleaned_data
        if data.get("pillar"):
            objects = objects.for_pillar(data["pillar"])
        if data.get("partner"):
            objects = objects.for_partner(data["partner"])
        if data.get("q"):
            objects = objects.matching(data["q"])
            self.is_searching = True
            self.search_query = data["q"]
        return objects


def scoped_chooser_viewset(scope, filter_form_class=None):
    """A snippet chooser viewset whose four views choose among `scope(user)` only."""

    def scoped(view_class, **attrs):
        attrs["scope"] = staticmethod(scope)
        return type(f"Scoped{view_class.__name__}", (ScopedChooserMixin, view_class), attrs)

    choose_attrs = {"filter_form_class": filter_form_class} if filter_form_class else {}
    return type(
        "ScopedChooserViewSet",
        (SnippetChooserViewSet,),
        {
            "choose_view_class": scoped(ChooseView, **choose_attrs),
            "choose_results_view_class": scoped(ChooseResultsView, **choose_attrs),
            "chosen_view_class": scoped(SnippetChosenView),
            "chosen_multiple_view_class": scoped(SnippetChosenMultipleView),
        },
    )


NeedChooserViewSet = scoped_chooser_viewset(needs_choosable_by, NeedChooserFilterForm)
ResponseChooserViewSet = scoped_chooser_viewset(responses_choosable_by)
