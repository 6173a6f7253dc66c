"""The site's addresses. `cms/urls.py` mounts these lists and names none of their views:

- `urlpatterns`, at the root and in no language: robots.txt, favicon.ico, the address of a
  members-only document linked from rich text (document_links), and under
  /open-data/ each adopted edition's needs catalogue as open data (namespace `open_data`);
- `per_language`, which `cms/urls.py` puts in `i18n_patterns` (English at /, the others under
  their prefix, /sq/…): sitemap.xml, search/, and Wagtail's routes with its page serving
  replaced by ours, which serves the English page where a translation is missing."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.urls import serve_pattern

from . import document_links, language_views, open_data, views
from .accounts.urls import to_sign_in

open_data_patterns = [
    path("needs/<slug:edition>.csv", open_data.needs_csv, name="needs_csv"),
    path("needs/<slug:edition>.json", open_data.needs_json, name="needs_json"),
]

urlpatterns = [
    path("robots.txt", views.robots_txt),
    path("favicon.ico", views.favicon),
    path(
        "documents/members/<int:document_id>/",
        document_links.members_document,
        name="members_document",
    ),
    path("open-data/", include((open_data_patterns, "open_data"))),
]

per_language = [
    path("sitemap.xml", language_views.sitemap, name="sitemap"),
    path("search/", views.search, name="search"),
    # Wagtail's own sign-in page (a password alone) leads to the site's, in every language.
    path("_util/login/", to_sign_in),
    *(route for route in wagtail_urls.urlpatterns if route.name != "wagtail_serve"),
    re_path(serve_pattern, language_views.serve, name="wagtail_serve"),
]
