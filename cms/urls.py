"""URL configuration: mounts sign-in, the admin, the API, documents, and each app's own
addresses (`iisg_pages/urls.py`: robots.txt, favicon, open data, and per language the sitemap,
search and the page tree; `needs_snippets/urls.py`: the cycle calendar)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import render
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api
from wagtail.documents import urls as wagtaildocs_urls

from iisg_pages import api as site_api
from iisg_pages import urls as iisg_pages_urls
from iisg_pages.accounts import urls as account_urls
from needs_snippets import urls as needs_snippets_urls
from needs_snippets.api import database, reference
from needs_snippets.api.scope import serve_wagtail_reads_only

# The API serves Wagtail's read routes and ours (the only writes: members' responses).
serve_wagtail_reads_only(api, own_routers={site_api.router, reference.router, database.router})

urlpatterns = [
    # Sign in, sign out and password reset, for the site and the admin alike; first, so that
    # they also take over Wagtail's /admin/login/ and /admin/password_reset/.
    path("", include(account_urls)),
    path("admin/", include(wagtailadmin_urls)),
    # Headless: public content and (with a member's token) the secure database.
    path("api/v3/", api.urls),
    path("documents/", include(wagtaildocs_urls)),
    # robots.txt, favicon.ico and each adopted edition's needs catalogue as open data.
    path("", include(iisg_pages_urls)),
    path("", include(needs_snippets_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images"
    )

# The public site in each language: English at /, the others under their prefix (/sq/…): the
# sitemap, search and the page tree.
urlpatterns += i18n_patterns(*iisg_pages_urls.per_language, prefix_default_language=False)


handler500 = "cms.errors.server_error"


def handler429(request, exception=None):
    """The answer of django-allauth's limits (password reset, sign-in, reauthentication): the
    site's page, and when to try again (the limits count per minute)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
