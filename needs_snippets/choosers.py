"""Admin choosers scoped to what the user may see.

Wagtail's generic chooser lists every object to any admin user; these list, and return when
chosen, only what the user may see. Needs and responses have choosers of their own (the need
chooser filters by pillar and partner); every other snippet's (`PermittedChooserViewSet`)
offers the snippets the user may view or change by the model's permission policy.
"""

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.widgets import AdminSnippetChooser

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


def permitted_instances(model, user):
    """The instances of `model` that `user` may view or change, by the model's permission
    policy: none without either permission."""
    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, ["view", "change"])


class ScopedChooserMixin:
    """Choose among `scope(user)` only (by default, the model's permitted instances), in the
    listing and when an id is sent back."""

    scope = None

    def scoped(self):
        if self.scope is None:
            return permitted_instances(self.model_class, self.request.user)
        return self.scope(self.request.user)

    def get_object_list(self):
        return self.scoped()

    def get_object(self, pk):
        try:
            return self.scoped().get(pk=pk)
        except (ValueError, ValidationError) as error:  # no id at all: as unknown as a wrong one
            raise self.model_class.DoesNotExist from error

    def get_objects(self, pks):
        try:
            return list(self.scoped().filter(pk__in=pks))
        except (ValueError, ValidationError):
            return []


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


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser widget, for a form sent back with a value that is no id
    (`measure=abc`): it shows nothing chosen, where Wagtail's raises (a server error) while
    the form says what is wrong with the field."""

    def chosen(self, pk):
        return self.model_class.objects.get(pk=pk)

    def get_instance(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        try:
            return self.chosen(value)
        except (ObjectDoesNotExist, ValueError, TypeError, OverflowError, ValidationError):
            return None


class ScopedSnippetChooser(SnippetChooser):
    """The chooser widget of a field narrowed to `queryset`: a value sent back from outside it
    shows as nothing chosen, never as the snippet's title."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset.model, **kwargs)
        self.queryset = queryset

    def chosen(self, pk):
        return self.queryset.get(pk=pk)


def scoped_chooser_viewset(scope=None, filter_form_class=None):
    """A snippet chooser viewset whose four views choose among `scope(user)` only (by
    default, the instances the user may view or change)."""

    def scoped(view_class, **attrs):
        attrs["scope"] = None if scope is None else staticmethod(scope)
        return type(f"Scoped{view_class.__name__}", (ScopedChooserMixin, view_class), attrs)

    choose_attrs = {"filter_form_class": filter_form_class} if filter_form_class else {}
    return type(
        "ScopedChooserViewSet",
        (SnippetChooserViewSet,),
        {
            "base_widget_class": SnippetChooser,
            "choose_view_class": scoped(ChooseView, **choose_attrs),
            "choose_results_view_class": scoped(ChooseResultsView, **choose_attrs),
            "chosen_view_class": scoped(SnippetChosenView),
            "chosen_multiple_view_class": scoped(SnippetChosenMultipleView),
        },
    )


NeedChooserViewSet = scoped_chooser_viewset(needs_choosable_by, NeedChooserFilterForm)
ResponseChooserViewSet = scoped_chooser_viewset(responses_choosable_by)
PermittedChooserViewSet = scoped_chooser_viewset()
