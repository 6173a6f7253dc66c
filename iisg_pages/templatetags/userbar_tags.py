"""Wagtail's userbar, the same HTML for less work where the reader may do nothing to the page."""

from django import template
from django.conf import settings
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance
from wagtail.admin.userbar import Userbar
from wagtail.models import Page, WorkflowState
from wagtail.permissions import policy_registry

register = template.Library()


def may_act_on(user, page):
    """Whether Wagtail's userbar could offer `user` one of the page's actions: explore its
    parent, edit it, add a page below it. Each needs one of: being a superuser, a page
    permission on the page or above it (what the parent has, the page inherits), or a
    workflow in progress on the page or its parent (a reviewer of its task may edit). False
    only when none holds: then those items would render nothing."""
    if user.is_superuser:
        return True
    permissions = policy_registry.get(page).get_cached_permissions_for_user(user)
    if any(page.path.startswith(permission.page.path) for permission in permissions):
        return True
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return False
    pages = Page.objects.filter(path__in=[page.path, page.path[: -page.steplen]])
    return (
        WorkflowState.objects.active()
        .filter(
            base_content_type=page.get_base_content_type(),  # as Wagtail records states
            object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
        )
        .exists()
    )


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    """`{% wagtailuserbar %}`, rendering the same HTML: for a reader who may do nothing to the
    page (`may_act_on`), the userbar of no page, whose items are those that reader would see
    anyway (the admin link and the content checks), without the page items' permission and
    workflow lookups that would each render nothing."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("wagtailadmin.access_admin"):
        return ""
    page = get_page_instance(context)
    special = getattr(request, "revision_id", None) or getattr(request, "in_preview_panel", False)
    if page is not None and page.pk and not special and not may_act_on(user, page):
        page = None
    return Userbar(object=page, position=position).render_html(context)
