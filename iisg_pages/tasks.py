"""Background work of the public site: rendering report PDFs."""

import logging
import time
import uuid

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .pdf import render_report_pdf

logger = logging.getLogger(__name__)


def queue_report_pdf(report_pdf):
    """Render `report_pdf` in the background once the current transaction commits."""
    report_pdf.status = report_pdf.Status.QUEUED
    report_pdf.error = ""
    report_pdf.save(update_fields=["status", "error"])
    transaction.on_commit(lambda: render_report_pdf_task.enqueue(report_pdf.pk))


@task()
def render_report_pdf_task(report_pdf_id):
    """Render one report revision's PDF and store it; record failures instead of raising."""
    ReportPDF = apps.get_model("iisg_pages", "ReportPDF")
    report_pdf = ReportPDF.objects.select_related("revision").get(pk=report_pdf_id)
    report_pdf.status = ReportPDF.Status.RENDERING
    report_pdf.save(update_fields=["status"])
    # A published edition renders the revision with the snapshot frozen into it; a draft
    # renders the revision with the live database.
    edition = report_pdf.revision.as_object()
    started = time.perf_counter()
    try:
        content, page_count = render_report_pdf(
            edition, edition.report_data(frozen=report_pdf.frozen)
        )
    except Exception:  # noqa: BLE001 - any failure is recorded and shown to editors
        logger.exception("Rendering the PDF of report %s failed", report_pdf.page_id)
        report_pdf.status = ReportPDF.Status.FAILED
        report_pdf.error = "The PDF could not be rendered; the error is in the worker's log."
        report_pdf.save(update_fields=["status", "error"])
        return
    # An unguessable name: draft PDFs must not be found by trying revision numbers.
    report_pdf.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
    report_pdf.status = ReportPDF.Status.READY
    report_pdf.page_count = page_count
    report_pdf.seconds = time.perf_counter() - started
    report_pdf.rendered_at = timezone.now()
    report_pdf.save()
