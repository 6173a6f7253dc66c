"""The published report's chapters are built once per publication and kept in the cache, with
the page cache off (as in these tests): the same page as rendered afresh, a new publication
shown at once, previews and the signed-in reader's frame never kept."""

import json
from unittest.mock import patch

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iisg_pages.report_data import ReportData
from tests.factories import UserFactory, bulk_needs
from tests.iisg_pages.conftest import publish
from tests.redis_cache import redis_caches

pytestmark = pytest.mark.django_db

REDIS = redis_caches(11, "iisg-report-cache-test")


def retitle_first_chapter(report, title, django_capture_on_commit_callbacks):
    """Publish a new revision whose first chapter is called `title`."""
    body = report.body.raw_data
    body[0]["value"]["title"] = title
    report.body = json.dumps(list(body))
    report.save_revision()
    return publish(report, django_capture_on_commit_callbacks)


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
        kept = client.get(report.url)
        assert ReportData.needs_table.call_count == built  # not built again
    assert built and kept.status_code == 200
    assert kept.content.decode() == fresh.content.decode()
    assert "Returnee rehabilitation" in kept.content.decode()
    if backend == "redis":
        cache.clear()


def test_a_new_revision_shows_at_once(client, site_tree, django_capture_on_commit_callbacks):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    assert "Introduction" in client.get(report.url).content.decode()

    report = retitle_first_chapter(report, "Foreword", django_capture_on_commit_callbacks)
    page = client.get(report.url).content.decode()
    assert "Foreword" in page
    assert "Introduction" not in page


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
    page = client.get(report.url).content.decode()
    assert "Introduction" in page
    assert "Foreword" not in page


def test_a_draft_preview_is_never_kept_nor_served_the_kept_edition(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    client.get(report.url)
    need = site_tree["needs"]["returnees"]
    need.title = "Renamed after publication"
    need.save_revision().publish()
    body = report.body.raw_data
    body[0]["value"]["title"] = "Draft foreword"
    report.body = json.dumps(list(body))
    report.save_revision()

    preview = report.make_preview_request().rendered_content
    assert "Draft foreword" in preview
    assert "Renamed after publication" in preview
    page = client.get(report.url).content.decode()
    assert "Draft foreword" not in page
    assert "Renamed after publication" not in page


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
    client, site_tree, django_capture_on_commit_callbacks
):
    ct = site_tree["pillars"]["WBCTi"]
    axis = ct.axes.first()
    area = site_tree["needs"]["returnees"].area
    partners = [site_tree["partners"]["AL"], site_tree["partners"]["XK"]]

    def queries_with(extra, prefix):
        bulk_needs(extra, site_tree["cycle"], ct, axis, area, partners, prefix=prefix)
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
