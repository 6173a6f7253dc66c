"""Public search, robots.txt."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from wagtail.models import Page

from needs_snippets.models import Need

from .languages import sitemap_addresses
from .models import ReportPage

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Search live, unrestricted pages and published needs; never anything private."""
    query = request.GET.get("q", "").strip()[:200]
    page_results, need_results = [], []
    if query:
        page_results = list(Page.objects.live().public().specific().search(query)[:50])
        published = ReportPage.objects.published_needs()
        matches = Need.objects.filter(pk__in=list(published)).search(query)[:50]
        need_results = [published[need.pk] for need in matches]
    results = [{"kind": "page", "page": page} for page in page_results] + [
        {"kind": "need", "need": row, "report": report} for row, report in need_results
    ]
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
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
