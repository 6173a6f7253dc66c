"""How the site's own admin views join the Wagtail admin: URLs under a namespace, and items
of the pages' header menu."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem


def add_admin_urls(prefix, namespace, urlpatterns):
    """Serve `urlpatterns` in the admin under `prefix`, reversed as "<namespace>:<name>"."""
    hooks.register("register_admin_urls", lambda: [path(prefix, include((urlpatterns, namespace)))])


class PageHeaderItem(PageMenuItem):
    """An item of a page's header menu linking to `url_name` with the page's id, shown to a
    user where `shown_for(page, user)` holds."""

    def __init__(self, *, page, url_name, shown_for, **attributes):
        super().__init__(page=page, **attributes)
        self.url_name = url_name
        self.shown_for = shown_for

    def is_shown(self, user):
        return self.shown_for(self.page, user)


def add_page_header_item(url_name, shown_for, **attributes):
    """Put a `PageHeaderItem` in every page's header menu; `attributes` are its label,
    icon_name and priority."""

    def page_header_item(page, user, view_name=None, next_url=None):
        yield PageHeaderItem(page=page, url_name=url_name, shown_for=shown_for, **attributes)

    hooks.register("register_page_header_buttons", page_header_item)
