"""Public search, robots.txt."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms.languages import bcp47
from cms.search import searching_in

from .languages import active_language, language_of, locale_ids, sitemap_addresses
from .needs_search import matching_published_needs

RESULTS_PER_PAGE = 10
MAX_RESULTS = 50


def _matching_pages(query):
    """Live, public pages matching `query` for a visitor reading the active language: its own
    pages first, read with its stemming, then the English pages it has no live translation
    of (shown in English at its addresses), read with English stemming."""
    pages = Page.objects.live().public()
    language, ids = active_language(), locale_ids()
    own_pages = pages.filter(locale_id=ids.get(language)).specific()
    with searching_in(language):
        own = list(own_pages.search(query)[:MAX_RESULTS])
    if language == settings.LANGUAGE_CODE:
        return own
    translated = pages.filter(locale_id=ids.get(language)).values_list("translation_key")
    untranslated = pages.filter(locale_id=ids.get(settings.LANGUAGE_CODE)).exclude(
        translation_key__in=translated
    )
    with searching_in(settings.LANGUAGE_CODE):
        english = list(
            Page.objects.filter(pk__in=list(untranslated.values_list("pk", flat=True)))
            .specific()
            .search(query)[: MAX_RESULTS - len(own)]
        )
    return own + english


def _lang_if_other(page, language):
    written_in = language_of(page)
    return bcp47(written_in) if written_in != language else ""


@require_GET
def search(request):
    """Search live, unrestricted pages (see _matching_pages) and published needs by their
    adopted text (in English, the language they are written in; see needs_search); never
    anything private."""
    query = request.GET.get("q", "").strip()[:200]
    page_results, need_results = [], []
    if query:
        page_results = _matching_pages(query)
        need_results = matching_published_needs(query, MAX_RESULTS)
    language = active_language()
    results = [
        # "lang": the page's language where it is not the visitor's (an English fallback).
        {"kind": "page", "page": page, "lang": _lang_if_other(page, language)}
        for page in page_results
    ] + [{"kind": "need", "need": row, "report": report} for row, report in need_results]
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return render(
        request,
        "iisg_pages/search.html",
        {
            "search_query": query,
            "results": paginator.get_page(request.GET.get("page")),
            "result_count": len(results),
        },
    )


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: the site's icon."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        *(f"Sitemap: {request.build_absolute_uri(address)}" for address in sitemap_addresses()),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
