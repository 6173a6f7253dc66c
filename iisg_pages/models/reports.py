"""The Biennial Needs Mapping report: one page per cycle, approved and published as a whole."""

from django.db import models
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from needs_snippets.models import Pillar

from ..blocks import ChapterBlock
from ..permissions import ApprovalOnlyPermissionTester
from ..report_data import ReportData
from ..tasks import queue_report_pdf
from .base import BasePage


class ReportIndexPage(BasePage):
    """The published Biennial Needs Mapping reports, newest first."""

    parent_page_types = ["iisg_pages.HomePage"]
    subpage_types = ["iisg_pages.ReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("report index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            ReportPage.objects.live().public().child_of(self).select_related("cycle")
        ).order_by("-cycle__period_start")
        return context


class ReportPageQuerySet(PageQuerySet):
    def latest_published(self):
        """The live, public report of the most recent cycle, or None."""
        return self.live().public().select_related("cycle").order_by("-cycle__period_start").first()

    def published_needs(self):
        """Needs as the public may see them: the rows frozen into live, public reports.

        Returns {need id: (row, report)}, newest report first; a need edited, withdrawn or
        added after publication shows as published, or not at all.
        """
        needs = {}
        for report in self.live().public().select_related("cycle").order_by("-cycle__period_start"):
            for row in (report.edition_snapshot or {}).get("needs", []):
                needs.setdefault(row["id"], (row, report))
        return needs


class ReportPage(RoutablePageMixin, Page):
    """One cycle's Biennial Needs Mapping report: introduction, methodology, a chapter per
    pillar and annexes, all in one page so that the Board approves it in one decision.

    When published, the needs and figures it shows are frozen into `edition_snapshot` (and its
    revision); previews and drafts read the live database. The PDF is rendered in the
    background for the live revision, and on demand for an editor's draft.
    """

    cycle = models.ForeignKey(
        "needs_snippets.MappingCycle",
        on_delete=models.PROTECT,
        related_name="reports",
        limit_choices_to={"kind": "needs"},
        verbose_name=_("needs mapping cycle"),
    )
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences: shown on the cover and in listings.")
    )
    body = StreamField(
        [("chapter", ChapterBlock())],
        verbose_name=_("chapters"),
        help_text=_("Introduction, methodology, a chapter per pillar, annexes."),
    )
    edition_snapshot = models.JSONField(null=True, blank=True, editable=False)

    objects = PageManager.from_queryset(ReportPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("cycle"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("cycle"), APIField("summary"), APIField("body"), APIField("pdf_url")]
    parent_page_types = ["iisg_pages.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Biennial Needs Mapping report")

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def permissions_for_user(self, user):
        """A report is published by its approval workflow only, never directly."""
        return ApprovalOnlyPermissionTester(user, self)

    def get_review_groups(self):
        """Workflow protocol: a report covers all pillars, so every Support Group reviews it."""
        return [
            p.support_group
            for p in Pillar.objects.select_related("support_group")
            if p.support_group
        ]

    @property
    def pdf_url(self):
        """Where the published edition's PDF is downloaded (relative to the site)."""
        return f"{self.url}pdf/" if self.url else None

    @property
    def chapters(self):
        return [child for child in self.body if child.block_type == "chapter"]

    def report_data(self, request=None, frozen=True):
        """Data for the report's tables and figures: the frozen edition on the live page,
        the live database in previews and drafts."""
        is_preview = getattr(request, "is_preview", False)
        snapshot = self.edition_snapshot if frozen and not is_preview else None
        return ReportData(self.cycle, snapshot=snapshot)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_data"] = self.report_data(request)
        return context

    @path("")
    def report(self, request):
        return self.render(request)

    @path("pdf/")
    def pdf(self, request):
        """The PDF of the published edition, or a page that says it is being prepared."""
        if not self.live or not self.live_revision_id:
            raise Http404
        return self.serve_pdf(
            request, ReportPDF.objects.for_revision(self, self.live_revision, frozen=True)
        )

    def serve_pdf(self, request, report_pdf, draft=False):
        if report_pdf.is_ready:
            return FileResponse(
                report_pdf.file.open("rb"),
                content_type="application/pdf",
                filename=report_pdf.filename,
                as_attachment=True,
            )
        response = TemplateResponse(
            request,
            "iisg_pages/report_pdf_pending.html",
            {"page": self, "report_pdf": report_pdf, "draft": draft},
            status=503 if report_pdf.failed else 202,
        )
        response["Retry-After"] = "10"
        return response


class ReportPDFQuerySet(models.QuerySet):
    def for_revision(self, page, revision, frozen):
        """The PDF of `revision` (its published edition when `frozen`, else a draft with live
        data), queued for rendering when there is none yet."""
        report_pdf, created = self.get_or_create(page=page, revision=revision, frozen=frozen)
        if created or report_pdf.failed:
            queue_report_pdf(report_pdf)
        return report_pdf


class ReportPDF(models.Model):
    """The rendered PDF of one revision of a report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey(ReportPage, on_delete=models.CASCADE, related_name="pdfs")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    frozen = models.BooleanField(
        default=True, help_text=_("The published edition (frozen data), not a draft.")
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    # Served only through the report page (published) or the admin (drafts), never as media.
    file = models.FileField(upload_to="reports/", blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text=_("Rendering time."))
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = ReportPDFQuerySet.as_manager()

    class Meta:
        verbose_name = _("report PDF")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision", "frozen"], name="report_pdf_per_revision"
            )
        ]

    def __str__(self):
        return f"{self.page} (revision {self.revision_id}): {self.get_status_display()}"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)

    @property
    def failed(self):
        return self.status == self.Status.FAILED

    @property
    def filename(self):
        suffix = "" if self.frozen else "-draft"
        return f"iisg-biennial-needs-mapping-{self.page.slug}{suffix}.pdf"
