"""Site navigation: the main menu of the home page's children shown in menus, each in the
visitor's language where it is translated."""

from django import template
from wagtail.models import Site

from .. import languages

register = template.Library()


@register.inclusion_tag("iisg_pages/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = site.root_page.get_children().live().public().in_menu() if site else []
    items = languages.in_active_language(items)
    current = context.get("page")
    return {"items": items, "current_path": current.url_path if current else "", "request": request}
