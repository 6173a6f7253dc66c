"""Wagtail's userbar, for the readers who may do something to the page they are reading."""

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
    """`{% wagtailuserbar %}` for editors and reviewers of the page (`may_act_on`), and outside
    pages; nothing for a reader who may do nothing to the page. Focal points reach the admin
    for their organisation's responses, not for pages: to them Wagtail's userbar would offer
    only the admin's home and the editors' content checks, on every page, for some 4 ms and
    four queries a request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("wagtailadmin.access_admin"):
        return ""
    page = get_page_instance(context)
    special = getattr(request, "revision_id", None) or getattr(request, "in_preview_panel", False)
    if page is not None and page.pk and not special and not may_act_on(user, page):
        return ""
    return Userbar(object=page, position=position).render_html(context)
