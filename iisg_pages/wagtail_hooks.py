"""Wagtail wiring of the site: the draft-PDF view and its menu item, the members area guard,
resetting a person's second factors, their e-mail choices, accessible names in the page
editor, rich-text links to members-only documents."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from . import admin_views, page_cache, page_forms
from .accounts import admin_views as account_admin_views
from .accounts.notification_settings import IISGNotificationsPanel
from .admin_wiring import add_admin_urls, add_page_header_item
from .document_links import NamelessMembersDocumentLinkHandler
from .members.access import require_member
from .models import MembersAreaPage, ReportPage

add_admin_urls(
    "iisg/",
    "iisg_pages",
    [
        path(
            "reports/<int:page_id>/draft.pdf", admin_views.report_draft_pdf, name="report_draft_pdf"
        ),
        path("report-pdfs/<int:pk>/retry/", admin_views.retry_report_pdf, name="retry_report_pdf"),
        path(
            "users/<int:user_id>/second-factors/reset/",
            account_admin_views.reset_second_factors,
            name="reset_second_factors",
        ),
    ],
)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own "document"
def link_members_documents_namelessly(features):
    features.register_link_type(NamelessMembersDocumentLinkHandler)


hooks.register("before_edit_page", page_forms.note_newer_revision)
hooks.register("after_bulk_action", page_cache.documents_moved)


@hooks.register("register_account_settings_panel")
def iisg_notifications_panel(request, user, profile):
    return IISGNotificationsPanel(request, user, profile)


@hooks.register("register_user_listing_buttons")
def reset_second_factors_button(user, request_user):
    if account_admin_views.can_reset_factors(request_user, user):
        yield ListingButton(
            _("Reset second factors"),
            reverse("iisg_pages:reset_second_factors", args=[user.pk]),
            priority=50,
            icon_name="key",
        )


@hooks.register("register_account_menu_item")
def second_factors_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Second factors"),
        "help_text": _("Your authenticator app, passkeys and recovery codes."),
    }


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        account_admin_views.RESET_ACTION, _("Reset second factors"), _("Second factors reset")
    )


def report_editors(page, user):
    """Whether `page` is a report `user` may edit."""
    return (
        issubclass(page.specific_class, ReportPage) and page.permissions_for_user(user).can_edit()
    )


add_page_header_item(
    "iisg_pages:report_draft_pdf",
    report_editors,
    label=_("PDF of the latest draft"),
    icon_name="doc-full",
    priority=70,
)


@hooks.register("before_serve_page")
def page_cache_may_keep_this_page(page, request, serve_args, serve_kwargs):
    page_cache.mark_cacheable(page, request)


@hooks.register("before_serve_page", order=-1)
def members_area_refuses_other_logins(page, request, serve_args, serve_kwargs):
    """A signed-in user outside the member groups gets 403, not a login page it cannot pass.
    Anonymous visitors go on to Wagtail's view restriction, which sends them to the login."""
    if isinstance(page, MembersAreaPage) and request.user.is_authenticated:
        require_member(request)


@hooks.register("construct_page_action_menu")
def submitting_is_the_reports_primary_action(menu_items, request, context):
    """Nobody publishes a report directly: on a draft report, the Secretariat's first action
    is submitting it to its approval workflow, not saving a draft."""
    page = context.get("page")
    if page is None or not issubclass(page.specific_class or type(page), ReportPage):
        return
    submit = [item for item in menu_items if item.name == "action-submit"]
    if submit:
        menu_items.remove(submit[0])
        menu_items.insert(0, submit[0])


# Adopted editions (protection, emergency unpublication) and the periodic jobs register their
# hooks in their own modules.
from . import adoption_hooks, background_hooks, periodic  # noqa: E402, F401


@hooks.register("insert_editor_js")
def name_editor_fields():
    """Accessible names for Draftail's rich-text boxes and StreamField's nested sections, which
    Wagtail renders without one (static/js/editor-names.js)."""
    return format_html('<script src="{}"></script>', static("js/editor-names.js"))
