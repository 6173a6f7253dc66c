"""Wagtail wiring of adopted editions (imported by wagtail_hooks.py).

- Reports get their own page viewset: unpublish, delete and move answer 403 with the reason
  on an adopted edition, for everyone.
- The before_* hooks refuse the same actions on pages above an adopted edition (deleting or
  moving the reports index would take the edition with it), bulk actions included, and
  refuse copying a report (or a tree holding one) with publication or as a live alias.
- A superuser sees an "Emergency unpublication" item on a live, adopted report.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from . import adoption_views
from .admin_wiring import add_admin_urls, add_page_header_item
from .adoption import (
    COPY_REFUSAL,
    EMERGENCY_UNPUBLISH,
    adopted_reports_among,
    can_be_unpublished_in_emergency,
    reports_among,
)
from .models import ReportPage
from .notifications import PUBLISHED_NOTICE

add_admin_urls(
    "iisg/reports/",
    "iisg_reports",
    [
        path(
            "<int:page_id>/emergency-unpublish/",
            adoption_views.EmergencyUnpublishView.as_view(),
            name="emergency_unpublish",
        )
    ],
)


@hooks.register("register_admin_viewset")
def register_report_page_viewset():
    return adoption_views.ReportPageViewSet("iisg_report_pages")


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        EMERGENCY_UNPUBLISH,
        _("Emergency unpublication"),
        _("Unpublished an adopted edition in an emergency"),
    )
    actions.register_action(
        PUBLISHED_NOTICE, _("Publication notice"), _("Told members the report is published")
    )


def superusers_on_adopted_reports(page, user):
    """Whether `user` is a superuser and `page` an adopted report it may unpublish in an
    emergency."""
    if not user.is_superuser or not issubclass(page.specific_class, ReportPage):
        return False
    return can_be_unpublished_in_emergency(page.specific_deferred)


add_page_header_item(
    "iisg_reports:emergency_unpublish",
    superusers_on_adopted_reports,
    label=_("Emergency unpublication"),
    icon_name="warning",
    priority=90,
)


def _refuse_if_adopted(request, pages, with_descendants):
    if adopted_reports_among(pages, with_descendants=with_descendants):
        return adoption_views.refusal(request)
    return None


@hooks.register("before_unpublish_page")
def refuse_unpublishing_adopted(request, page):
    return _refuse_if_adopted(request, [page], with_descendants=False)


@hooks.register("before_delete_page")
def refuse_deleting_adopted(request, page):
    return _refuse_if_adopted(request, [page], with_descendants=True)


@hooks.register("before_move_page")
def refuse_moving_adopted(request, page, destination):
    return _refuse_if_adopted(request, [page], with_descendants=True)


@hooks.register("before_copy_page")
def refuse_publishing_report_copies(request, page):
    """Copying a report (or pages above one) is fine as a draft; with "publish copies" or as
    an alias it would put a report online that the Board never adopted."""
    if request.method != "POST":
        return None
    if not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    if reports_among([page], with_descendants=bool(request.POST.get("copy_subpages"))):
        return adoption_views.refusal(request, COPY_REFUSAL)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_actions_on_adopted(request, action_type, objects, action_class_instance):
    if not issubclass(action_class_instance.model, Page):  # snippets, documents, images, users
        return None
    if action_type == "unpublish":
        return _refuse_if_adopted(request, objects, with_descendants=False)
    if action_type in ("delete", "move"):
        return _refuse_if_adopted(request, objects, with_descendants=True)
    return None
