"""Admin views of the secure database: described exports, responses kept by their members, and
the base of its snippet viewsets (`PermittedSnippetViewSet`)."""

import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .choosers import PermittedChooserViewSet
from .exports import DescribedExportMixin
from .locks import APPROVED_NEED_IS_READ_ONLY
from .models import Need, Response
from .permissions import response_policy
from .stale_edits import RefuseStaleEdits


class NeedIndexView(DescribedExportMixin, IndexView):
    """The needs, offering no edit or delete on one the Board approved (its title leads to its
    page: see approved_needs_are_read_only), and no delete of one the Board votes on."""

    export_title = gettext_lazy("Needs")

    def get_edit_url(self, instance):
        return None if instance.is_read_only else super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.is_read_only or instance.is_frozen_by_the_vote:
            return None
        return super().get_delete_url(instance)


class ResponseIndexView(DescribedExportMixin, IndexView):
    export_title = gettext_lazy("Responses")


def check_response_access(user, action, response):
    """404 when `user` may not see the response at all, 403 when it may not `action` it."""
    policy = response_policy()
    if not policy.user_has_permission_for_instance(user, "view", response):
        raise Http404
    if not policy.user_has_permission_for_instance(user, action, response):
        raise PermissionDenied


class ResponseAccessMixin:
    """Admin views of one response: the user must be allowed `object_action` on it."""

    object_action = "view"

    def get_object(self, *args, **kwargs):
        response = super().get_object(*args, **kwargs)
        check_response_access(self.request.user, self.object_action, response)
        return response


class ResponseEditView(ResponseAccessMixin, RefuseStaleEdits, snippet_views.EditView):
    object_action = "change"


class StaleRefusingEditView(RefuseStaleEdits, snippet_views.EditView):
    """A snippet's edit form that refuses a save from a form opened before another save (for
    the snippets with revisions)."""


class InspectView(snippet_views.InspectView):
    """Wagtail's inspect view, giving a date and time in the site's time zone (Wagtail's gives
    it in UTC) and an empty field as "-" (Wagtail's gives "None")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "-"
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        return value


class OffersNoChangeOfAnApprovedNeed:
    """A Wagtail view of one need that, once the Board approved it (`Need.is_read_only`), links
    to no edit, revert or delete of it: each would be refused (see approved_needs_are_read_only);
    while the Board votes on a published one, to no delete (Need.is_frozen_by_the_vote).
    Wagtail's views build those links from their URL names, cleared here once the need is
    known; the stored need decides (some views show its latest draft)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.stored_is_read_only():
            self.edit_url_name = self.delete_url_name = self.revisions_revert_url_name = None
        elif self.object.is_frozen_by_the_vote:
            self.delete_url_name = None  # its edit form says why it is locked

    @cached_property
    def header_buttons(self):
        # Wagtail's history view offers Edit without asking whether it has a URL for it.
        return [button for button in super().header_buttons if button.url]


class NeedInspectView(OffersNoChangeOfAnApprovedNeed, InspectView):
    """A need's details; its international partners' validations only for those who may read
    them (the Secretariat: see NeedReview)."""

    def get_fields(self):
        fields = super().get_fields()
        if self.request.user.has_perm("needs_snippets.view_needreview"):
            return fields
        return [name for name in fields if name != "validations"]


def _need_view(view_class):
    """Wagtail's `view_class` of one need, offering no change of an approved one."""
    name = f"Need{view_class.__name__}"
    return type(name, (OffersNoChangeOfAnApprovedNeed, view_class), {})


NeedHistoryView = _need_view(snippet_views.HistoryView)
NeedUsageView = _need_view(snippet_views.UsageView)
NeedRevisionsCompareView = _need_view(snippet_views.RevisionsCompareView)
NeedWorkflowHistoryView = _need_view(snippet_views.WorkflowHistoryView)
NeedWorkflowHistoryDetailView = _need_view(snippet_views.WorkflowHistoryDetailView)


class NeedURLFinder:
    """Where the admin's other pages (a chooser's chosen need, the site history, usage) link to
    edit a need: nowhere once the Board approved it."""

    def get_edit_url(self, instance):
        return None if instance.is_read_only else super().get_edit_url(instance)


class ResponseCopyView(snippet_views.CopyView):
    def get_object(self, queryset=None):
        # Wagtail's copy view checks its own permissions first: check ours before it.
        response = get_object_or_404(Response, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        check_response_access(self.request.user, "change", response)
        return response


def _response_view(name, view_class, action):
    """Wagtail's `view_class` of one response, named `name`, for users allowed `action` on it
    (see ResponseAccessMixin)."""
    return type(name, (ResponseAccessMixin, view_class), {"object_action": action})


ResponseDeleteView = _response_view("ResponseDeleteView", snippet_views.DeleteView, "delete")
ResponseInspectView = _response_view("ResponseInspectView", InspectView, "view")
ResponseUsageView = _response_view("ResponseUsageView", snippet_views.UsageView, "view")
ResponseHistoryView = _response_view("ResponseHistoryView", snippet_views.HistoryView, "change")
ResponseRevisionView = _response_view(
    "ResponseRevisionView", snippet_views.PreviewRevisionView, "change"
)
ResponseRevisionsCompareView = _response_view(
    "ResponseRevisionsCompareView", snippet_views.RevisionsCompareView, "change"
)


def approved_needs_are_read_only(request, instance):
    """before_edit_snippet/before_delete_snippet: approved needs cannot be changed. The edit
    view passes the latest revision, which may be a draft saved before the adoption: the stored
    need decides."""
    if isinstance(instance, Need) and instance.stored_is_read_only():
        messages.warning(request, APPROVED_NEED_IS_READ_ONLY)
        return redirect(Need.snippet_viewset.get_url_name("inspect"), instance.pk)
    return None


class ConfirmWorkflowCancellationView(snippet_views.ConfirmWorkflowCancellationView):
    """Where a snippet's workflow stands, before publishing it cancels the workflow: for those
    who may change the snippet (Wagtail's own asks no permission)."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_permission_for_instance(request.user, "change", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PermittedSnippetViewSet(SnippetViewSet):
    """The base of every snippet viewset of the secure database: its chooser offers only what
    the user may view or change, its workflow's state is told only to those who may change
    the snippet, and a save from an edit form opened before another save is refused."""

    edit_view_class = StaleRefusingEditView
    chooser_viewset_class = PermittedChooserViewSet
    confirm_workflow_cancellation_view_class = ConfirmWorkflowCancellationView
