"""The public site in each language: pages served with their English fallback, and one
sitemap per language.

Contract: `serve` answers a page address as Wagtail does; when the active language's tree has
no live page there, it serves the English page at that address (the template then says, in
the visitor's language, that the page is not translated yet). `sitemap` lists the live,
public pages written in the address's language.
"""

from django.conf import settings
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page, Site

from .languages import active_language, locale_ids


def serve(request, path):
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        if active_language() == settings.LANGUAGE_CODE:
            raise
        site = Site.find_for_request(request)
        if site is None:
            raise
        components = [component for component in path.split("/") if component]
        # Wagtail's serve reads the route it found from the request: the English one.
        request._wagtail_route_for_request = site.root_page.specific.route(request, components)
        return wagtail_views.serve(request, path)


class LanguageSitemap(Sitemap):
    """The site's pages in the active language (the translations of its home page's tree)."""

    def items(self):
        site = self.get_wagtail_site()
        locale_id = locale_ids().get(active_language())
        root = (
            Page.objects.filter(translation_key=site.root_page.translation_key, locale_id=locale_id)
            .live()
            .first()
        )
        if root is None:
            return Page.objects.none()
        return (
            root.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def sitemap(request):
    return sitemap_views.sitemap(request, sitemaps={"pages": LanguageSitemap})
