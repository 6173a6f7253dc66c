"""The published report's chapters are built once per publication and kept in the cache, with
the page cache off (as in these tests): the same page as rendered afresh, a new publication
shown at once, previews and the signed-in reader's frame never kept."""

import json
import pickle
from unittest.mock import patch

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iisg_pages import report_cache
from iisg_pages.process_memory import ProcessMemory
from iisg_pages.report_data import ReportData
from needs_snippets.constants import KOSOVO_FOOTNOTE
from tests.factories import UserFactory
from tests.pages import publish
from tests.redis_cache import redis_caches

pytestmark = pytest.mark.django_db

REDIS = redis_caches(11, "iisg-report-cache-test")


def draft_first_chapter_titled(report, title):
    """Save (not publish) a new revision of `report` whose first chapter is called `title`."""
    body = report.body.raw_data
    body[0]["value"]["title"] = title
    report.body = json.dumps(list(body))
    report.save_revision()


def retitle_first_chapter(report, title, django_capture_on_commit_callbacks):
    """Publish a new revision whose first chapter is called `title`."""
    draft_first_chapter_titled(report, title)
    return publish(report, django_capture_on_commit_callbacks)


def shown_on_page(client, report, *texts):
    """Those of `texts` that the report's public page shows."""
    page = client.get(report.url).content.decode()
    return {text for text in texts if text in page}


@pytest.mark.parametrize("backend", ["locmem", "redis"])
def test_the_kept_chapters_are_the_page_as_rendered_afresh(
    client, site_tree, django_capture_on_commit_callbacks, settings, backend
):
    if backend == "redis":
        settings.CACHES = REDIS
        cache.clear()
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    with patch.object(ReportData, "needs_table", autospec=True, side_effect=ReportData.needs_table):
        fresh = client.get(report.url)
        built = ReportData.needs_table.call_count
        kept = client.get(report.url)  # from this process's memory
        report_cache.memory.clear()
        shared = client.get(report.url)  # from the shared cache
        assert ReportData.needs_table.call_count == built  # not built again
    assert built and kept.status_code == shared.status_code == 200
    assert kept.content.decode() == shared.content.decode() == fresh.content.decode()
    assert "Returnee rehabilitation" in kept.content.decode()
    assert int(kept["Content-Length"]) == len(kept.content)
    # The designation rule, applied from the frame and the article's kept facts: the article
    # prints the footnote under its tables, so the footer adds none, and its mark is gone.
    assert str(KOSOVO_FOOTNOTE) in kept.content.decode()
    assert 'id="designation-footnote"' not in kept.content.decode()
    assert "<!-- designation-footnote -->" not in kept.content.decode()
    if backend == "redis":
        cache.clear()


def test_a_new_revision_shows_at_once(client, site_tree, django_capture_on_commit_callbacks):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    assert "Introduction" in client.get(report.url).content.decode()

    report = retitle_first_chapter(report, "Foreword", django_capture_on_commit_callbacks)
    assert shown_on_page(client, report, "Foreword", "Introduction") == {"Foreword"}


def test_an_older_revision_published_again_shows_its_own_chapters(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    first = report.live_revision
    client.get(report.url)
    report = retitle_first_chapter(report, "Foreword", django_capture_on_commit_callbacks)
    assert "Foreword" in client.get(report.url).content.decode()

    report.unpublish()
    assert client.get(report.url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        first.publish()
    assert shown_on_page(client, report, "Introduction", "Foreword") == {"Introduction"}


def test_a_draft_preview_is_never_kept_nor_served_the_kept_edition(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.get(report.url)
    need = site_tree["needs"]["returnees"]
    need.title = "Renamed after publication"
    need.save_revision().publish()
    draft_first_chapter_titled(report, "Draft foreword")

    preview = report.make_preview_request().rendered_content
    assert "Draft foreword" in preview
    assert "Renamed after publication" in preview
    assert not shown_on_page(client, report, "Draft foreword", "Renamed after publication")


def test_the_signed_in_readers_frame_is_never_kept(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.force_login(UserFactory(groups=["Members"]))
    signed_in = client.get(report.url).content.decode()
    assert "Sign out" in signed_in and "Returnee rehabilitation" in signed_in
    client.logout()
    anonymous = client.get(report.url).content.decode()
    assert "Sign out" not in anonymous and "csrfmiddlewaretoken" not in anonymous
    assert "Returnee rehabilitation" in anonymous


def test_each_partner_extract_keeps_its_own_chapters(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.get(report.url)
    for code, identified, not_identified in [
        ("ME", "CVE strategy renewal", "Crisis exercises"),
        ("BA", "Crisis exercises", "CVE strategy renewal"),
    ]:
        for _visit in range(2):
            page = client.get(f"{report.url}partner/{code}/").content.decode()
            assert identified in page
            assert not_identified not in page


def test_a_kept_report_page_runs_as_many_queries_at_50_and_500_needs(
    client, site_tree, more_needs, django_capture_on_commit_callbacks
):
    def queries_with(extra, prefix):
        more_needs(extra, prefix)
        report = site_tree["report"]
        report.refresh_from_db()
        report.save_revision()  # a new edition, frozen with these needs
        report = publish(report, django_capture_on_commit_callbacks)
        client.get(report.url)  # builds the chapters
        with CaptureQueriesContext(connection) as queries:
            response = client.get(report.url)
        assert f"{prefix}-{extra - 1:05d}" in response.content.decode()
        assert len(report.edition_snapshot["needs"]) == (50 if prefix == "A" else 500)
        return len(queries)

    assert queries_with(46, "A") == queries_with(450, "B")


def test_a_kept_page_has_one_etag_and_answers_304(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.get(report.url)
    first, second = client.get(report.url), client.get(report.url)
    assert first["ETag"] == second["ETag"]
    assert client.get(report.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    report = retitle_first_chapter(report, "Foreword", django_capture_on_commit_callbacks)
    client.get(report.url)
    changed = client.get(report.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Foreword" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_a_page_without_its_article_tag_is_refused_loudly(
    client, site_tree, django_capture_on_commit_callbacks, rf
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.get(report.url)  # keeps the article
    request = rf.get(report.url)
    context = report.get_context(request)
    assert context["report_article"] is not None
    response = report_cache.article_response(request, "iisg_pages/home_page.html", context)
    with pytest.raises(ImproperlyConfigured, match="report_article"):
        response.render()


def test_each_process_keeps_the_last_served_articles_within_its_budget(settings):
    settings.IISG_REPORT_ARTICLE_MEMORY = 10
    memory = ProcessMemory("IISG_REPORT_ARTICLE_MEMORY", sizeof=lambda a: len(a.html))
    memory.put("a", report_cache.KeptArticle.of("<p>1234</p>"))  # 11 bytes: over the budget
    assert memory.get("a") is None

    settings.IISG_REPORT_ARTICLE_MEMORY = 25
    small = {key: report_cache.KeptArticle.of(f"<p>{key}</p>") for key in "abcd"}  # 8 bytes
    for key in "abc":
        memory.put(key, small[key])
    assert memory.get("a") == small["a"]  # now the last served
    memory.put("d", small["d"])
    assert memory.get("b") is None  # the least recently served went
    assert [memory.get(key) for key in "acd"] == [small["a"], small["c"], small["d"]]
    assert memory.size == 24

    settings.IISG_REPORT_ARTICLE_MEMORY = 0  # keeps nothing
    memory.put("a", small["a"])
    assert memory.get("a") is None


def test_a_page_around_a_kept_article_is_kept_by_the_page_cache_once(
    client, site_tree, django_capture_on_commit_callbacks, rf
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.get(report.url)  # keeps the article
    request = rf.get(report.url)
    request.user = AnonymousUser()
    response = report.serve(request).render()
    assert isinstance(response, report_cache.ArticleResponse)
    restored = pickle.loads(pickle.dumps(response))  # noqa: S301 (as the page cache keeps it)
    assert restored.content == response.content
    assert restored["ETag"] == response["ETag"]
    assert len(pickle.dumps(response)) < len(response.content) + 4096  # the article once


def test_an_upgrade_with_other_templates_renders_the_article_afresh(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    with patch.object(ReportData, "needs_table", autospec=True, side_effect=ReportData.needs_table):
        client.get(report.url)
        built = ReportData.needs_table.call_count
        client.get(report.url)
        assert ReportData.needs_table.call_count == built  # kept
        with patch("iisg_pages.report_cache.release", return_value="next-release"):
            assert client.get(report.url).status_code == 200
        assert ReportData.needs_table.call_count > built  # built again for the new layout
