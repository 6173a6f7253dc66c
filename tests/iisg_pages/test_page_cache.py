"""The public site's page cache, as visitors and editors meet it: an anonymous visitor's page
is kept and served again, with ETag and 304; publishing purges it on every machine (the shared
cache: Redis, as in production), and in each process's memory within
IISG_PAGE_CACHE_SYNC_SECONDS; signed-in people, restricted pages, forms and search results
are never served from it or kept in it."""

import json
from unittest.mock import patch

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from cms.release import RENDERING, release
from iisg_pages import page_cache as page_cache_module
from iisg_pages.members.access import private_collection
from iisg_pages.models import MembershipApplicationPage, StandardPage
from tests.factories import UserFactory
from tests.pages import add
from tests.redis_cache import redis_caches

pytestmark = pytest.mark.django_db

REDIS = redis_caches(9, "iisg-page-cache-test")


@pytest.fixture
def page_cache(settings):
    """The page cache on, in Redis as production runs it, emptied before and after."""
    settings.CACHES = REDIS
    settings.IISG_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_visitor_gets_the_kept_page_with_etag_and_304(client, site_tree, page_cache):
    url = site_tree["about"].url
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage=300" in first["Cache-Control"]
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert "csrftoken" not in first.cookies

    second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]
    # The security headers are the current answer's, not the kept one's.
    assert second.has_header("Content-Security-Policy")

    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_publishing_purges_what_was_kept(client, site_tree, page_cache):
    about, home = site_tree["about"], site_tree["home"]
    client.get(about.url)
    client.get(home.url)
    assert client.get(about.url)["X-Page-Cache"] == "hit"

    about.introduction = "What the IISG is, rewritten."
    about.save_revision().publish()
    fresh = client.get(about.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "What the IISG is, rewritten." in fresh.content.decode()
    assert client.get(home.url)["X-Page-Cache"] == "miss"  # menus and listings may show it

    about.unpublish()
    assert client.get(about.url).status_code == 404


def test_a_kept_page_answers_conditional_requests_and_varies_on_the_cookie(
    client, site_tree, page_cache
):
    url = site_tree["about"].url
    first = client.get(url)
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "hit" and "Cookie" in kept["Vary"]
    assert kept["Content-Length"] == str(len(first.content))
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    changed = client.get(url, HTTP_IF_NONE_MATCH='"another-version"')
    assert changed.status_code == 200 and changed.content == first.content


def test_a_visitor_with_a_session_gets_the_page_made_for_them(client, site_tree, page_cache):
    url = site_tree["about"].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Anyone signed in has a session cookie: with one, the cache is not even consulted.
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-of-an-anonymous-visitor"
    answer = client.get(url)
    assert answer.status_code == 200 and "X-Page-Cache" not in answer


def test_a_signed_in_member_is_never_served_or_kept(client, site_tree, page_cache):
    url = site_tree["about"].url
    client.force_login(UserFactory(username="member", groups=["Members"]))
    answer = client.get(url)
    assert "X-Page-Cache" not in answer and "no-store" in answer["Cache-Control"]
    assert "Sign out" in answer.content.decode()
    client.logout()
    # What the member saw was not kept: the next visitor's page is made for them.
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss" and "Sign out" not in anonymous.content.decode()
    client.force_login(UserFactory(username="other", groups=["Members"]))
    assert "X-Page-Cache" not in client.get(url)  # a kept page is never served to them


def test_restricted_pages_forms_and_search_are_never_kept(client, site_tree, page_cache):
    restricted = site_tree["news"]
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Members")])
    member = UserFactory(username="member", groups=["Members"])
    client.force_login(member)
    assert client.get(restricted.url).status_code == 200
    client.logout()
    assert client.get(restricted.url).status_code == 302  # to the sign-in page

    password = site_tree["pillar_page"]
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for _ in range(2):
        form = client.get(password.url)
        assert form.status_code == 200 and "X-Page-Cache" not in form

    apply_page = add(site_tree["about"], MembershipApplicationPage(title="Apply", slug="apply"))
    for _ in range(2):
        form = client.get(apply_page.url)
        assert form.status_code == 200 and "X-Page-Cache" not in form
        assert "csrfmiddlewaretoken" in form.content.decode()

    for _ in range(2):
        results = client.get("/search/", {"q": "IISG"})
        assert results.status_code == 200 and "X-Page-Cache" not in results


def test_with_the_cache_off_nothing_is_kept(client, site_tree, settings):
    settings.IISG_PAGE_CACHE_SECONDS = 0
    url = site_tree["about"].url
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_the_public_api_is_cacheable_for_anonymous_clients_only(client, site_tree):
    public = client.get("/api/v3/needs/")
    assert public.status_code == 200
    assert public["Cache-Control"] == "public, max-age=60" and public.has_header("ETag")
    again = client.get("/api/v3/needs/", HTTP_IF_NONE_MATCH=public["ETag"])
    assert again.status_code == 304

    signed = client.get("/api/v3/needs/", HTTP_AUTHORIZATION="Bearer nonsense")
    assert "public" not in signed.get("Cache-Control", "")


def test_the_public_api_is_kept_for_anonymous_clients_and_purged_on_publish(
    client, site_tree, page_cache
):
    first = client.get("/api/v3/needs/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    kept = client.get("/api/v3/needs/")
    assert kept["X-Page-Cache"] == "hit" and kept.content == first.content

    with_token = client.get("/api/v3/needs/", HTTP_AUTHORIZATION="Bearer nonsense")
    assert "X-Page-Cache" not in with_token
    filtered = client.get("/api/v3/needs/", {"limit": 5})
    assert "X-Page-Cache" not in filtered  # query strings are never kept
    assert "X-Page-Cache" not in client.get("/api/v3/database/needs/")

    about = site_tree["about"]
    about.save_revision().publish()
    assert client.get("/api/v3/needs/")["X-Page-Cache"] == "miss"


@pytest.fixture
def caching_proxy(settings):
    """A caching proxy that Wagtail's frontend cache purges: the (host, path) it was asked to
    purge, as a list that grows."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    purged = []

    class Proxy(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    proxy = HTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{proxy.server_port}",
        }
    }
    yield purged
    proxy.shutdown()


def test_publishing_purges_the_page_from_a_caching_proxy(
    site_tree, caching_proxy, django_capture_on_commit_callbacks
):
    about = site_tree["about"]
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert ("localhost", about.url) in caching_proxy


def test_a_page_made_members_only_is_never_served_from_the_cache(
    client, site_tree, page_cache, caching_proxy, django_capture_on_commit_callbacks
):
    news, story = site_tree["news_index"], site_tree["news"]
    for url in (news.url, story.url, news.url):
        client.get(url)
    assert client.get(story.url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=news, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name="Members")])
    for url in (news.url, story.url):  # the page and the pages below it
        assert client.get(url).status_code == 302  # to the sign-in page
        assert ("localhost", url) in caching_proxy

    restriction.delete()
    public_again = client.get(story.url)
    assert public_again.status_code == 200 and public_again["X-Page-Cache"] == "miss"


def test_a_document_moved_to_the_members_collection_leaves_the_kept_pages(
    client, site_tree, page_cache
):
    statute = get_document_model().objects.create(
        title="Statute of the IISG", file=ContentFile(b"%PDF-1.4", name="statute.pdf")
    )
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    about.body = json.dumps([{"type": "document", "value": {"document": statute.pk}}])
    about.save_revision().publish()
    assert "Statute of the IISG" in client.get(about.url).content.decode()
    assert client.get(about.url)["X-Page-Cache"] == "hit"

    statute.title = "Statute of the IISG (2018)"  # the same collection: kept pages stay
    statute.save()
    assert client.get(about.url)["X-Page-Cache"] == "hit"

    statute.collection = private_collection()
    statute.save()
    page = client.get(about.url)
    assert page["X-Page-Cache"] == "miss" and "Statute of the IISG" not in page.content.decode()


def counting_reads(monkeypatch):
    """The number of reads of the shared cache's kept pages, as a list that grows."""
    backend = caches["default"]  # this test's (the `cache` proxy follows the settings)
    reads, get_many = [], backend.get_many

    def counted(keys, *args, **kwargs):
        reads.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", counted)
    return reads


def test_each_process_serves_its_last_pages_from_memory_and_sees_a_purge_in_time(
    client, site_tree, page_cache, monkeypatch, settings
):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 1
    clock = [1000.0]
    monkeypatch.setattr(page_cache_module.time, "monotonic", lambda: clock[0])
    reads = counting_reads(monkeypatch)
    url = site_tree["about"].url
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "miss" and len(reads) == 1
    served = [client.get(url) for _ in range(3)]
    assert [r["X-Page-Cache"] for r in served] == ["hit"] * 3
    assert all(r.content == kept.content and r["ETag"] == kept["ETag"] for r in served)
    assert len(reads) == 1  # from this process's memory: no round trip

    # Another machine publishes: the shared counter moves, this process reads it within 1 s.
    cache.incr(page_cache_module.GENERATION_KEY)
    clock[0] += 0.5
    assert client.get(url)["X-Page-Cache"] == "hit"
    clock[0] += 0.6
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert len(reads) == 2


def test_a_page_read_again_unchanged_from_the_shared_cache_is_not_kept_again(
    client, site_tree, page_cache, monkeypatch, settings
):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 0  # every request reads the shared cache
    url = site_tree["about"].url
    client.get(url)
    puts = []
    remember = page_cache_module._remember
    monkeypatch.setattr(
        page_cache_module, "_remember", lambda *args: puts.append(args) or remember(*args)
    )
    assert [client.get(url)["X-Page-Cache"] for _ in range(3)] == ["hit"] * 3
    assert puts == []  # this process's copy is the same page: not pickled again
    page_cache_module.memory.clear()
    assert client.get(url)["X-Page-Cache"] == "hit" and len(puts) == 1


def test_with_no_sync_interval_every_request_reads_the_shared_counter(
    client, site_tree, page_cache, monkeypatch, settings
):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 0
    reads = counting_reads(monkeypatch)
    url = site_tree["about"].url
    client.get(url)
    assert [client.get(url)["X-Page-Cache"] for _ in range(2)] == ["hit", "hit"]
    assert len(reads) == 3
    cache.incr(page_cache_module.GENERATION_KEY)  # another machine's purge
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_page_in_memory_expires_when_the_shared_one_does(
    client, site_tree, page_cache, monkeypatch, settings
):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 3600
    url = site_tree["about"].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    later = page_cache_module.time.time() + settings.IISG_PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(page_cache_module.time, "time", lambda: later)
    cache.clear()  # as Redis expires it
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_cleared_shared_cache_never_revives_a_purged_page_in_memory(
    client, site_tree, page_cache, settings
):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 0
    url = site_tree["about"].url
    client.get(url)
    first = page_cache_module.generation()
    cache.clear()  # the counter starts again, from the clock: not the value kept pages hold
    assert page_cache_module.generation() != first
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_an_upgrade_with_other_templates_never_serves_a_page_kept_before(
    client, site_tree, page_cache
):
    url = site_tree["about"].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with patch("iisg_pages.page_cache.release", return_value="next-release"):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_release_names_the_templates_it_renders_with(settings, tmp_path):
    for folder in RENDERING:
        (tmp_path / folder).mkdir(parents=True)
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ page.title }}</p>")
    settings.BASE_DIR = tmp_path
    release.cache_clear()
    try:
        first = release()
        assert release() == first and len(first) == 16
        page.write_text("<h1>{{ page.title }}</h1>")
        release.cache_clear()
        assert release() != first
    finally:
        release.cache_clear()


def test_a_collection_moved_under_the_members_collection_leaves_the_kept_pages(
    client, site_tree, page_cache, django_capture_on_commit_callbacks
):
    """Wagtail moves a collection to a new parent without a signal of its own: the kept pages
    naming its documents are forgotten all the same."""
    members = private_collection()
    reports = Collection.get_first_root_node().add_child(name="Annual reports")
    statute = get_document_model().objects.create(
        title="Statute of the IISG", collection=reports,
        file=ContentFile(b"%PDF-1.4", name="statute.pdf"),
    )  # fmt: skip
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    about.body = json.dumps([{"type": "document", "value": {"document": statute.pk}}])
    about.save_revision().publish()
    client.get(about.url)
    assert client.get(about.url)["X-Page-Cache"] == "hit"

    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True))
    edit = reverse("wagtailadmin_collections:edit", args=[reports.pk])
    with django_capture_on_commit_callbacks(execute=True):
        moved = admin.post(edit, {"name": "Annual reports", "parent": members.pk})
    assert moved.status_code == 302
    assert Collection.objects.get(pk=reports.pk).get_parent() == members
    page = client.get(about.url)
    assert page["X-Page-Cache"] == "miss" and "Statute of the IISG" not in page.content.decode()
