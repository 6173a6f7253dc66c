"""Report PDFs that recover (cms/jobs.py): a rendering whose worker stopped is queued again,
at most three runs, then the editors see why it failed and a Retry button, and visitors an
apology; the pending page says where the rendering is."""

import gc

import pytest
from django.urls import reverse
from django.utils import timezone

from cms import jobs
from iisg_pages.models import ReportPDF
from iisg_pages.pdf import garbage_collector_paused
from tests.jobs import stopped_worker
from tests.pages import publish

pytestmark = pytest.mark.django_db


class TestReportPDFs:
    def test_a_stopped_rendering_is_queued_again_and_rendered(
        self, client, site_tree, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False):
            site_tree["report"].get_latest_revision().publish()
        report_pdf = stopped_worker(
            ReportPDF.objects.get(), status=ReportPDF.Status.RENDERING,
            progress_note="Laying out the pages",
        )  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            jobs.recover_stalled_jobs()
        report_pdf.refresh_from_db()
        assert report_pdf.is_ready and report_pdf.attempts == 2 and report_pdf.page_count > 1
        response = client.get(f"{site_tree['report'].url}pdf/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    def test_a_failed_pdf_offers_editors_a_retry_and_visitors_an_apology(
        self, client, admin_client, site_tree, django_capture_on_commit_callbacks
    ):
        report = site_tree["report"]
        with django_capture_on_commit_callbacks(execute=False):
            report.get_latest_revision().publish()
        report.refresh_from_db()
        report_pdf = stopped_worker(ReportPDF.objects.get(), attempts=3)
        with django_capture_on_commit_callbacks(execute=True):
            jobs.recover_stalled_jobs()
        url = f"{report.url}pdf/"
        visitor = client.get(url)
        assert visitor.status_code == 503
        assert "The PDF could not be prepared" in visitor.content.decode()
        assert "Retry" not in visitor.content.decode()
        # A visitor's request does not start the work again.
        report_pdf.refresh_from_db()
        assert report_pdf.failed

        editor = admin_client.get(url).content.decode()
        assert "The worker stopped 3 times while doing this" in editor
        assert "attempt 3 of 3" in editor
        retry = reverse("iisg_pages:retry_report_pdf", args=[report_pdf.pk])
        assert client.post(retry).status_code == 302  # to the login
        report_pdf.refresh_from_db()
        assert report_pdf.failed
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(retry)
        assert response.status_code == 302 and response["Location"] == url
        report_pdf.refresh_from_db()
        assert report_pdf.is_ready and report_pdf.attempts == 1
        assert client.get(url)["Content-Type"] == "application/pdf"

    def test_the_pending_page_says_where_the_rendering_is(
        self, admin_client, site_tree, django_capture_on_commit_callbacks
    ):
        report = site_tree["report"]
        with django_capture_on_commit_callbacks(execute=False):
            report.get_latest_revision().publish()
        report.refresh_from_db()
        ReportPDF.objects.update(
            status=ReportPDF.Status.RENDERING, progress_note="Writing 42 pages", attempts=1,
            heartbeat_at=timezone.now(),
        )  # fmt: skip
        page = admin_client.get(f"{report.url}pdf/").content.decode()
        assert "The PDF is being prepared: writing 42 pages." in page
        assert "Status: <strong>Rendering</strong>; attempt 1 of 3" in page

    def test_publishing_renders_with_its_stages(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        report = publish(site_tree["report"], django_capture_on_commit_callbacks)
        report_pdf = ReportPDF.objects.get(page=report)
        assert report_pdf.is_ready and report_pdf.attempts == 1 and not report_pdf.progress_note


@pytest.mark.parametrize("enabled", [True, False])
def test_rendering_leaves_the_garbage_collector_as_it_was(enabled):
    # The PDF is laid out with the collector paused; a worker gets it back as it was, even
    # when the rendering fails.
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError), garbage_collector_paused():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
