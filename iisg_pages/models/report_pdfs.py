"""The rendered PDFs of a report's revisions: background jobs until they are ready."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.jobs import LeasedJob


class ReportPDFQuerySet(models.QuerySet):
    def for_revision(self, page, revision, frozen, partner=""):
        """The PDF of `revision` (its published edition when `frozen`, else a draft with live
        data; one partner's extract when `partner`), queued for rendering when there is none
        yet. A failed one waits for an editor's Retry (a visitor's request does not start the
        work again)."""
        report_pdf, created = self.get_or_create(
            page=page, revision=revision, frozen=frozen, partner=partner
        )
        if created:
            report_pdf.queue()
        return report_pdf


class ReportPDF(LeasedJob):
    """The rendered PDF of one revision of a report: a leased job (cms/jobs.py) until it is
    ready, re-queued when its worker stops."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey("iisg_pages.ReportPage", on_delete=models.CASCADE, related_name="pdfs")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    frozen = models.BooleanField(
        default=True, help_text=_("The published edition (frozen data), not a draft.")
    )
    partner = models.CharField(
        _("partner"),
        max_length=2,
        blank=True,
        help_text=_("A one-partner extract: the country code of the partner; empty: the whole."),
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress_note = models.CharField(
        _("progress"), max_length=100, blank=True, help_text=_("Where the rendering is.")
    )
    # Served only through the report page (published) or the admin (drafts), never as media.
    file = models.FileField(upload_to="reports/", blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text=_("Rendering time."))
    created_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = ReportPDFQuerySet.as_manager()

    class Meta:
        verbose_name = _("report PDF")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision", "frozen", "partner"], name="report_pdf_per_revision"
            )
        ]

    def __str__(self):
        return f"{self.page} (revision {self.revision_id}): {self.get_status_display()}"

    busy_statuses = (Status.QUEUED, Status.RENDERING)
    queued_status = Status.QUEUED

    def enqueue_task(self):
        from ..tasks import render_report_pdf_task

        return render_report_pdf_task.enqueue(self.pk)

    def give_up(self, reason):
        ReportPDF.objects.filter(pk=self.pk).update(
            status=self.Status.FAILED, failure_reason=reason, heartbeat_at=None
        )

    def retry(self):
        """Render a failed PDF again, as a new run. False when it has not failed."""
        return self.queue_again_if(self.Status.FAILED, progress_note="")

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)

    @property
    def failed(self):
        return self.status == self.Status.FAILED

    @property
    def filename(self):
        suffix = ("" if self.frozen else "-draft") + (f"-{self.partner}" if self.partner else "")
        return f"iisg-biennial-needs-mapping-{self.page.slug}{suffix}.pdf"
