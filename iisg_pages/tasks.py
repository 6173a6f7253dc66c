"""Background work of the public site: rendering report PDFs, as leased jobs (cms/jobs.py):
where the rendering is shows while it runs, and a stopped worker's PDF is re-queued."""

import logging
import time
import uuid

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms.jobs import leased

from .languages import language_of
from .pdf import render_report_pdf

logger = logging.getLogger(__name__)

FAILED = _("The PDF could not be rendered; the error is in the worker's log.")


@task()
def render_report_pdf_task(report_pdf_id):
    """Render one report revision's PDF and store it; record failures instead of raising."""
    ReportPDF = apps.get_model("iisg_pages", "ReportPDF")
    with leased(ReportPDF, report_pdf_id) as run:
        if run is None:
            return
        report_pdf = run.row
        ReportPDF.objects.filter(pk=report_pdf.pk).update(
            status=ReportPDF.Status.RENDERING,
            progress_note=gettext("Preparing the report's content"),
        )
        started = time.perf_counter()
        try:
            # A published edition renders the revision with the snapshot frozen into it; a
            # draft renders the revision with the live database.
            edition = report_pdf.revision.as_object()
            data = edition.report_data(frozen=report_pdf.frozen, partner=report_pdf.partner)
            with translation.override(language_of(edition)):  # the report's own language
                content, page_count = render_report_pdf(edition, data, progress=run.report)
        except Exception:  # noqa: BLE001 - any failure is recorded and shown to editors
            logger.exception("Rendering the PDF of report %s failed", report_pdf.page_id)
            ReportPDF.objects.filter(pk=report_pdf.pk).update(
                status=ReportPDF.Status.FAILED, failure_reason=FAILED, progress_note=""
            )
            return
        # An unguessable name: draft PDFs must not be found by trying revision numbers.
        report_pdf.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
        ReportPDF.objects.filter(pk=report_pdf.pk).update(
            file=report_pdf.file.name,
            status=ReportPDF.Status.READY,
            page_count=page_count,
            seconds=time.perf_counter() - started,
            rendered_at=timezone.now(),
            progress_note="",
        )
