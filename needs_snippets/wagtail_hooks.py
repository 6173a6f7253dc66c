"""The "Secure database" admin menu: needs and responses as snippets, registries beside them."""

from functools import partial

from django.core.management import call_command
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import membership_admin, views
from .bulk_actions import VisibleDeleteBulkAction
from .choosers import NeedChooserViewSet, ResponseChooserViewSet
from .consultation import retention
from .consultation import views as cycle_views
from .consultation.applying import IMPORT_ACTION
from .exports import (
    NEED_EXPORT_COLUMNS,
    NEED_EXPORT_HEADINGS,
    RESPONSE_EXPORT_COLUMNS,
    RESPONSE_EXPORT_HEADINGS,
)
from .filters import NeedFilterSet, ResponseFilterSet
from .forms import NeedForm, ResponseForm
from .hierarchy_admin import MeasureViewSet, ObjectiveViewSet, PriorityViewSet
from .models import (
    Area,
    Axis,
    BoardSeat,
    MappingCycle,
    MembershipApplication,
    Need,
    Pillar,
    Response,
    ResponseLogEntry,
)
from .outcome_admin import NeedOutcomeViewSet
from .permissions import response_policy
from .registry_admin import (
    FocalPointAdmin,
    MeetingAdmin,
    MemberAdmin,
    SecretariatHostAdmin,
    StrategicDocumentAdmin,
)
from .review_admin import NeedReviewViewSet
from .views import NeedIndexView, ResponseIndexView

SECURE_DATABASE_MENU_HOOK = "register_secure_database_menu_item"

# Before the snippet viewsets are registered: they look their policy up.
register_permission_policy(Response, response_policy())


class ImportLogFormatter(LogFormatter):
    """“Imported from template file.xlsx (row 12)” in histories."""

    label = _("Imported from a template")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Imported from the template “%(file)s” (row %(row)s)") % {
            "file": data.get("file", "?"),
            "row": data.get("row", "?"),
        }


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_model(Response, ResponseLogEntry)
    actions.register_action(
        "iisg.cycle.database_input",
        _("Input into the secure database"),
        _("The Board approved the report: the cycle's needs are approved and read-only"),
    )
    actions.register_action(
        "iisg.cycle.board_approval",
        _("Approval by the Board"),
        _("Support Group review is complete: the Board votes and the cycle's needs are locked"),
    )
    actions.register_action(
        "iisg.cycle.board_vote_ended",
        _("Board vote ended"),
        _("The Board's vote ended without adoption: the cycle's needs are unlocked"),
    )
    actions.register_action(
        "iisg.notification.sent", _("Notification sent"), _("Notified people by email")
    )
    actions.register_action(
        "iisg.response.confirmed",
        _("Confirmed by the partner"),
        _("A beneficiary partner confirmed that the response answers its need"),
    )
    actions.register_action(
        "iisg.response.disputed",
        _("Disputed by the partner"),
        _("A beneficiary partner disputed that the response answers its need"),
    )
    actions.register_action(
        "iisg.response.iati_imported",
        _("Imported from IATI"),
        _("The member accepted an activity of its IATI file as this response"),
    )
    actions.register_action(
        "iisg.response.dispute_answered",
        _("Answered the partner"),
        _("The reporting member answered a partner's decision"),
    )
    actions.register_action(IMPORT_ACTION)(ImportLogFormatter)
    actions.register_action(
        "iisg.membership.accepted", _("Membership approved"), _("Became an IISG member")
    )
    actions.register_action(
        "iisg.membership.rejected", _("Membership rejected"), _("Membership was not approved")
    )
    actions.register_action("iisg.membership.board_notified")(
        membership_admin.BoardNotifiedFormatter
    )
    actions.register_action("iisg.membership.basis")(membership_admin.MembershipBasisFormatter)


# After Wagtail's own (order 0), so that it replaces it for every snippet model.
hooks.register("register_bulk_action", VisibleDeleteBulkAction, order=1)


@hooks.register("before_edit_snippet")
def approved_needs_cannot_be_edited(request, instance):
    return views.approved_needs_are_read_only(request, instance)


@hooks.register("before_delete_snippet")
def approved_needs_cannot_be_deleted(request, instances):
    for instance in instances:
        if response := views.approved_needs_are_read_only(request, instance):
            return response
    return None


def add_listing_button(label, url_name, shown_for):
    """On each snippet listing row for which `shown_for(snippet, user)` holds, a button
    `label` linking to `url_name` with the snippet's pk."""

    def listing_button(snippet, user, next_url=None):
        if shown_for(snippet, user):
            yield ListingButton(label, url=reverse(url_name, args=[snippet.pk]), priority=5)

    hooks.register("register_snippet_listing_buttons", listing_button)


def board_not_yet_notified(snippet, user):
    """An application decided by notification, not yet a member, that `user` may change."""
    return (
        isinstance(snippet, MembershipApplication)
        and snippet.decided_by_notification
        and not snippet.member_id
        and user.has_perm("needs_snippets.change_membershipapplication")
    )


add_listing_button(_("Notify the Board"), "membership_jha_notified", board_not_yet_notified)


@hooks.register("register_periodic_job")
def refresh_membership_job():
    """Former lead partners and the Secretariat's host become members on the day their role
    ends or their hosting starts, with that reason (manage.py refresh_membership)."""
    return ("refresh_membership", partial(call_command, "refresh_membership"), 3600)


@hooks.register("register_periodic_job")
def delete_abandoned_uploads_job():
    """Uploads refused, failed or never confirmed go after IISG_UPLOAD_RETENTION_DAYS."""
    return ("delete_abandoned_uploads", retention.delete_abandoned_uploads, 24 * 3600)


def cycle_run_by(snippet, user):
    """A mapping cycle, and `user` runs the cycles."""
    return isinstance(snippet, MappingCycle) and user.has_perm(cycle_views.RUNS_THE_CYCLE)


add_listing_button(_("Overview, templates and imports"), "cycle_overview", cycle_run_by)


cycle_urls = [
    path("", cycle_views.cycle_overview, name="cycle_overview"),
    path(
        "templates/needs/<str:pillar>/<str:partner>.xlsx",
        cycle_views.needs_template,
        name="cycle_needs_template",
    ),
    path(
        "templates/review/<str:pillar>/<int:member>.xlsx",
        cycle_views.review_template,
        name="cycle_review_template",
    ),
    path(
        "templates/responses/<int:member>.xlsx",
        cycle_views.responses_template,
        name="cycle_responses_template",
    ),
    path("import/", cycle_views.upload, name="cycle_upload"),
    path("carry-over/", cycle_views.carry_over, name="cycle_carry_over_hierarchy"),
]

template_import_urls = [
    path("", cycle_views.template_import, name="template_import"),
    path("file.xlsx", cycle_views.uploaded_file, name="template_import_file"),
    path("apply/", cycle_views.act_on_import, {"action": "apply"}, name="apply_template_import"),
    path(
        "overwrite-conflicts/",
        cycle_views.act_on_import,
        {"action": "overwrite-conflicts"},
        name="overwrite_template_import_conflicts",
    ),
    path("retry/", cycle_views.act_on_import, {"action": "retry"}, name="retry_template_import"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "membership-applications/<int:pk>/notified/",
            membership_admin.notify_board_of_application,
            name="membership_jha_notified",
        ),
        path("cycles/<int:pk>/", include(cycle_urls)),
        path("template-imports/<int:pk>/", include(template_import_urls)),
    ]


class NeedViewSet(views.PermittedSnippetViewSet):
    model = Need
    icon = "clipboard-list"
    menu_label = _("Needs")
    edit_handler = ObjectList(Need.panels, base_form_class=NeedForm)
    index_view_class = NeedIndexView
    inspect_view_class = views.NeedInspectView
    history_view_class = views.NeedHistoryView
    usage_view_class = views.NeedUsageView
    revisions_compare_view_class = views.NeedRevisionsCompareView
    workflow_history_view_class = views.NeedWorkflowHistoryView
    workflow_history_detail_view_class = views.NeedWorkflowHistoryDetailView
    filterset_class = NeedFilterSet
    inspect_view_enabled = True
    list_per_page = 50
    list_export = NEED_EXPORT_COLUMNS
    export_headings = NEED_EXPORT_HEADINGS
    list_display = [
        "reference_code",
        "title",
        "pillar",
        "axis",
        Column("measure", label=_("Measure")),
        "area",
        Column("partner_names", label=_("Partners")),
        Column("scope_label", label=_("Scope")),
        "status",
        UpdatedAtColumn(),
    ]
    chooser_viewset_class = NeedChooserViewSet
    inspect_view_fields = [
        "cycle",
        "reference_code",
        "title",
        "pillar",
        "axis",
        "measure",
        "area",
        "state_of_play",
        "gap",
        "action_needed",
        "timeframe",
        "partners",
        "validations",
        "sources",
        "status",
    ]

    def get_queryset(self, request):
        return (
            Need.objects.with_partner_count()
            .select_related("cycle", "pillar", "axis__pillar", "measure", "area", "latest_revision")
            .prefetch_related("partners")
        )

    @property
    def url_finder_class(self):
        return type("NeedAdminURLFinder", (views.NeedURLFinder, super().url_finder_class), {})


class ResponseViewSet(views.PermittedSnippetViewSet):
    model = Response
    icon = "tasks"
    menu_label = _("Responses")
    index_view_class = ResponseIndexView
    edit_view_class = views.ResponseEditView
    copy_view_class = views.ResponseCopyView
    delete_view_class = views.ResponseDeleteView
    inspect_view_class = views.ResponseInspectView
    usage_view_class = views.ResponseUsageView
    history_view_class = views.ResponseHistoryView
    revisions_view_class = views.ResponseRevisionView
    revisions_compare_view_class = views.ResponseRevisionsCompareView
    chooser_viewset_class = ResponseChooserViewSet
    edit_handler = ObjectList(Response.panels, base_form_class=ResponseForm)
    filterset_class = ResponseFilterSet
    inspect_view_enabled = True
    list_per_page = 50
    list_export = RESPONSE_EXPORT_COLUMNS
    export_headings = RESPONSE_EXPORT_HEADINGS
    list_display = [
        "title",
        "reporting_member",
        "pillar",
        Column("beneficiary_names", label=_("Beneficiaries")),
        "iati_status",
        UpdatedAtColumn(),
    ]

    def get_queryset(self, request):
        """Only the responses the user may see: a focal point, its organisation's."""
        responses = self.permission_policy.instances_user_has_permission_for(request.user, "view")
        return responses.select_related(
            "reporting_member", "pillar", "latest_revision"
        ).prefetch_related("beneficiaries", "needs", "participations__member")


class MappingCycleViewSet(views.PermittedSnippetViewSet):
    model = MappingCycle
    icon = "date"
    menu_label = _("Mapping cycles")
    list_display = ["__str__", "period_start", "period_end", "status", "current_phase"]
    list_filter = ["kind", "status"]


class PillarViewSet(views.PermittedSnippetViewSet):
    model = Pillar
    icon = "folder-inverse"
    menu_label = _("Pillars")
    list_display = ["code", "name", "support_group"]
    inspect_view_enabled = True
    inspect_view_class = membership_admin.PillarInspectView


class AxisViewSet(views.PermittedSnippetViewSet):
    model = Axis
    icon = "order"
    menu_label = _("Axes")
    list_display = ["name", "pillar", "sort_order"]
    list_filter = ["pillar"]


class AreaViewSet(views.PermittedSnippetViewSet):
    model = Area
    icon = "folder-open-1"
    menu_label = _("Areas")
    list_display = ["name", "code", "sort_order"]


class MembershipApplicationViewSet(views.PermittedSnippetViewSet):
    model = MembershipApplication
    icon = "form"
    menu_label = _("Membership applications")
    inspect_view_enabled = True
    inspect_view_class = membership_admin.MembershipApplicationInspectView
    inspect_view_fields = membership_admin.APPLICATION_INSPECT_FIELDS
    list_display = ["organisation", "kind", "procedure", "status", "submitted_at"]
    list_filter = ["status", "kind", "procedure"]


class BoardSeatViewSet(views.PermittedSnippetViewSet):
    """The Board's seats and who holds them; edits are logged in each seat's history."""

    model = BoardSeat
    icon = "group"
    menu_label = _("Board seats")
    list_display = ["__str__", "holders_label"]

    def get_queryset(self, request):
        return BoardSeat.objects.with_holders()


class SecureDatabaseGroup(SnippetViewSetGroup):
    menu_label = _("Secure database")
    menu_icon = "lock"
    menu_order = 200
    submenu_hook = SECURE_DATABASE_MENU_HOOK
    items = (
        NeedViewSet,
        ResponseViewSet,
        NeedReviewViewSet,
        NeedOutcomeViewSet,
        PriorityViewSet,
        ObjectiveViewSet,
        MeasureViewSet,
        MappingCycleViewSet,
        PillarViewSet,
        AxisViewSet,
        AreaViewSet,
        MembershipApplicationViewSet,
        BoardSeatViewSet,
    )


register_snippet(SecureDatabaseGroup)


def register_registry(admin_class, order):
    registry = admin_class()
    registry.register_with_wagtail()
    hooks.register(SECURE_DATABASE_MENU_HOOK, lambda: registry.get_menu_item(order=order))


for position, registry_class in enumerate(
    (MemberAdmin, FocalPointAdmin, MeetingAdmin, StrategicDocumentAdmin), start=100
):
    register_registry(registry_class, position)
register_registry(SecretariatHostAdmin, 110)
