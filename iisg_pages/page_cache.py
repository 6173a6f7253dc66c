"""The public site's page cache: a page served to an anonymous visitor is kept in the shared
cache (the database cache, or Redis with REDIS_URL) and served from there to the next ones,
until anything is published, unpublished, moved or deleted, or a privacy setting changes (a
page's or collection's view restriction, a document's collection), which purges them all.

What is cached: GET of a Wagtail page (or one of its routes) without a query string,
answered 200 to a request without a session cookie or an Authorization header (so never
to anyone signed in), by a page
that is not restricted and whose class allows it (`page_cache = False` opts out: the members
area and the membership form), with no cookie set, no notice shown to this visitor, no
streamed body and no form token in it.
The public API's lists and details (`kept_for_visitors`) are kept alike; search results,
the members area, the admin and the database API never are. The response
carries `X-Page-Cache: hit` or `miss`, and `Cache-Control: public` with
IISG_PAGE_BROWSER_SECONDS for browsers and IISG_PAGE_SHARED_SECONDS for a CDN or proxy (which
Wagtail's frontend cache invalidation purges on publish when WAGTAILFRONTENDCACHE is set).
IISG_PAGE_CACHE_SECONDS (0 turns it off) bounds how long a kept page lives; pages are kept
per release of the templates (cms/release.py), so an upgrade never serves an earlier layout.

Purging is one counter: every kept page holds the counter's value when it was kept, and a
publish increments it, so every machine sees the purge through the shared cache; a page kept
before it is then a miss. Each process also keeps the pages it served last in memory (up to
IISG_PAGE_CACHE_MEMORY bytes) and serves them from there, without a round trip, while the
counter it read last is less than IISG_PAGE_CACHE_SYNC_SECONDS old: a purge reaches every
process within that time (the process that purges at once). Otherwise serving a kept page is
one round trip (the counter and the page together).
"""

import functools
import pickle
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from cms import versions
from cms.release import release

from .process_memory import ProcessMemory

GENERATION_KEY = "iisg:page-cache:generation"
#: Bumped when what anonymous visitors may see changes (report_cache keys its articles by it).
PRIVACY_KEY = "iisg:page-cache:privacy"
CHANGED_KEY = "iisg:page-cache:changed-at"
FORM_TOKEN = b"csrfmiddlewaretoken"


def enabled():
    return settings.IISG_PAGE_CACHE_SECONDS > 0


#: The pages this process served last: key → (generation, expiry time, pickled response).
memory = ProcessMemory("IISG_PAGE_CACHE_MEMORY", sizeof=lambda entry: len(entry[2]))
#: The counter as this process read it last, and when (time.monotonic()).
_last_read = (None, float("-inf"))


def generation():
    """The purge counter (a version in the shared cache, cms/versions.py)."""
    return versions.read(GENERATION_KEY)


def purge(**_signal_arguments):
    """Forget every kept page (a signal receiver: publishing, unpublishing, moving, deleting)."""
    versions.bump(GENERATION_KEY)
    cache.set(CHANGED_KEY, time.time(), None)
    forget_local()


def forget_local():
    """This process reads the counter again before it serves a page from its memory."""
    global _last_read
    _last_read = (None, float("-inf"))
    memory.clear()


def connect():
    """Purge on whatever changes what anonymous visitors see: a page or a snippet published
    or unpublished (the needs in pillar pages, say), a page moved or deleted, a page made
    members-only or public again, a collection's restriction changed or the collection moved,
    a document moved to another collection (a page's document block shows only a public
    one)."""
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(purge, dispatch_uid=f"iisg-page-cache-{id(signal)}")
    post_delete.connect(_purge_on_page_delete, dispatch_uid="iisg-page-cache-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            _purge_restricted_pages,
            sender=PageViewRestriction,
            dispatch_uid=f"iisg-page-cache-page-privacy-{id(signal)}",
        )
        signal.connect(
            privacy_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"iisg-page-cache-collection-privacy-{id(signal)}",
        )
    pre_save.connect(
        _note_collection,
        sender=get_document_model(),
        dispatch_uid="iisg-page-cache-document-collection",
    )
    post_save.connect(_purge_on_document_move, sender=get_document_model(),
                      dispatch_uid="iisg-page-cache-document-move")  # fmt: skip
    post_save.connect(_purge_on_collection_edit, sender=Collection,
                      dispatch_uid="iisg-page-cache-collection-edit")  # fmt: skip


def _purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge()


def privacy_changed(**_signal_arguments):
    """What anonymous visitors may see changed (a restriction, a document's collection):
    forget every kept page and every kept report article."""
    versions.bump(PRIVACY_KEY)
    purge()


def privacy_version():
    return versions.read(PRIVACY_KEY)


def documents_moved(request, action_type, objects, action_class):
    """after_bulk_action: documents added to a collection in bulk (a queryset update, which
    sends no signal) change what pages may show of them."""
    if action_type == "add_to_collection" and objects:
        privacy_changed()


def _purge_restricted_pages(sender, instance, **kwargs):
    """A page's view restriction saved or removed: purge, here and in a CDN (where
    WAGTAILFRONTENDCACHE is set) for the page and the pages below it."""
    privacy_changed()
    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page is deleted
    if page is not None:
        purge_pages_from_cache(page.get_descendants(inclusive=True).live().specific())


def _note_collection(sender, instance, **kwargs):
    instance._collection_before = (
        sender.objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first()
        if instance.pk
        else None
    )


def _purge_on_document_move(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_collection_before", None) != instance.collection_id:
        privacy_changed()


def _purge_on_collection_edit(sender, instance, created, **kwargs):
    """A collection edited: it may have been moved under a restricted one (Wagtail's edit view
    saves it, then moves it in the same transaction, with no signal of its own)."""
    if not created:
        transaction.on_commit(privacy_changed)


def _key(request):
    return f"iisg:kept-page:{release()}:{request.get_host()}:{request.path}"


def _kept(key):
    """(the current generation, the page kept at `key` in that generation, else None): from
    this process's memory while the counter it read last is fresh enough, else in one round
    trip to the shared cache."""
    global _last_read
    known, read_at = _last_read
    if time.monotonic() - read_at < settings.IISG_PAGE_CACHE_SYNC_SECONDS:
        entry = memory.get(key)
        if entry is not None and entry[0] == known and entry[1] > time.time():
            return known, pickle.loads(entry[2])  # noqa: S301 (pickled by this process)
    read_at = time.monotonic()
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = generation()
    _last_read = (current, read_at)
    kept_in, expires, page = found.get(key, (None, 0, None))
    if kept_in != current:
        return current, None
    remembered = memory.get(key)
    if remembered is None or remembered[:2] != (current, expires):  # else kept as it is
        _remember(key, current, expires, page)
    return current, page


def _remember(key, current, expires, page):
    memory.put(key, (current, expires, pickle.dumps(page, pickle.HIGHEST_PROTOCOL)))


def _keep(key, current, response):
    """Keep `response` under `key` for IISG_PAGE_CACHE_SECONDS, shared and in this process."""
    seconds = settings.IISG_PAGE_CACHE_SECONDS
    expires = time.time() + seconds
    cache.set(key, (current, expires, response), seconds)
    _remember(key, current, expires, response)


def _may_use_cache(request):
    """Whether the request is one the cache may answer and keep: a GET without a query
    string from someone with neither a session nor a token (whoever signs in has a session
    cookie; `user` is checked too where the sign-in middleware has set it)."""
    user = getattr(request, "user", None)
    return (
        enabled()
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not (user is not None and user.is_authenticated)
    )


def kept_for_visitors(view):
    """Lets the page cache keep what a view (a public API route) answers anonymous visitors,
    like a page's: the same conditions, the same purge on publish."""

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        request.iisg_page_cacheable = _may_use_cache(request)
        return view(request, *args, **kwargs)

    return marked


def mark_cacheable(page, request):
    """Called as a page is served: whether this page may be kept for anonymous visitors
    (looked up only for requests the cache serves at all)."""
    request.iisg_page_cacheable = (
        _may_use_cache(request)
        and getattr(page.specific_class, "page_cache", True)
        and not page.get_view_restrictions().exists()
    )


def _may_keep(request, response):
    return (
        getattr(request, "iisg_page_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(getattr(request, "_messages", None), "used", False)
        and not response.has_header("Cache-Control")
        and FORM_TOKEN not in response.content
    )


def _public(response):
    """Cacheable by browsers and shared caches; Last-Modified is the site's last change."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.IISG_PAGE_BROWSER_SECONDS,
        s_maxage=settings.IISG_PAGE_SHARED_SECONDS,
    )
    changed = cache.get(CHANGED_KEY)
    if changed is None:
        changed = time.time()
        cache.add(CHANGED_KEY, changed, None)
    response["Last-Modified"] = http_date(changed)


class PageCacheMiddleware:
    """Serves and keeps anonymous visitors' pages (see the module's docstring). Sits after the
    security headers and the API's limits, which every answer gets, kept or not, and before
    the session and sign-in middleware: a request with a session cookie or a token passes
    through untouched, and a kept page is served without that work. A page is kept as the
    middleware inside finished it (the designation footnote, ETag, Vary: Cookie); for a kept
    page this middleware answers If-None-Match and If-Modified-Since itself (304)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request)
        current, kept = _kept(key)
        if kept is not None:
            kept["X-Page-Cache"] = "hit"
            return get_conditional_response(
                request,
                etag=kept.get("ETag"),
                last_modified=parse_http_date_safe(kept.get("Last-Modified", "")),
                response=kept,
            )
        response = self.get_response(request)
        if _may_keep(request, response):
            _public(response)
            response["X-Page-Cache"] = "miss"
            _keep(key, current, response)
        return response
