"""The Biennial Needs Mapping report: one page per cycle, approved and published as a whole."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, Exists, Max, OuterRef
from django.db.models.functions import Cast, Coalesce
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.admin.widgets.datetime import AdminDateTimeInput
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet, WorkflowState
from wagtail.models.content_types import get_default_page_content_type
from wagtail.models.panels import PanelPlaceholder
from wagtail.search import index

from needs_snippets.models import BoardSeat, Pillar

from .. import report_cache
from ..adoption import ReportCopyForm
from ..blocks import ChapterBlock
from ..languages import in_active_language, in_source_language, language_of, locale_ids
from ..page_forms import PageForm
from ..panels import GoLiveWarningPanel
from ..permissions import ApprovalOnlyPermissionTester, TranslationPermissionTester
from ..report_data import ReportData, empty_edition
from .base import BasePage
from .report_pdfs import ReportPDF


class ReportIndexPage(BasePage):
    """The published Biennial Needs Mapping reports, newest first."""

    parent_page_types = ["iisg_pages.HomePage"]
    subpage_types = ["iisg_pages.ReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("report index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The reports are the English index's (an edition is adopted in English), each shown
        # in its translation where one is live.
        reports = ReportPage.objects.defer("edition_snapshot").select_related("cycle")
        context["reports"] = in_active_language(
            reports.live()
            .public()
            .child_of(in_source_language(self))
            .order_by("-cycle__period_start"),
            translations=reports,
        )
        return context

    def route(self, request, path_components):
        """Page.route, but a report is loaded without its frozen edition (megabytes at the
        region's scale): read only when its article is rendered, not when it is kept."""
        if path_components:
            report = (
                ReportPage.objects.child_of(self)
                .defer("edition_snapshot")
                .filter(slug=path_components[0])
                .first()
            )
            if report is not None:
                report._cached_parent_obj = self
                return report.route(request, path_components[1:])
        return super().route(request, path_components)


def approved_workflow_states(page_content_type, object_id):
    """Approved workflow states (Board adoptions) of the page(s) matching `object_id`."""
    return WorkflowState.objects.filter(
        base_content_type=page_content_type,
        object_id=object_id,
        status=WorkflowState.STATUS_APPROVED,
    )


class ReportPageQuerySet(PageQuerySet):
    def adopted(self):
        """Reports of which the Board has adopted some revision (see ReportPage.is_adopted)."""
        adoptions = approved_workflow_states(
            get_default_page_content_type(), Cast(OuterRef("pk"), output_field=CharField())
        )
        return self.filter(Exists(adoptions))

    def latest_published(self):
        """The live, public edition (English) of the most recent cycle, or None."""
        reports = self.editions().live().public().select_related("cycle")
        return reports.order_by("-cycle__period_start").first()

    def editions(self):
        """The English reports, the editions the Board adopts (not their translations)."""
        return self.filter(locale_id=locale_ids().get(settings.LANGUAGE_CODE))

    def published_needs(self):
        """Needs as the public may see them: the rows frozen into live, public editions.

        Returns {need id: (row, report)}, newest report first (of two reports of one cycle,
        the one published last); a need edited, withdrawn or added after publication shows as
        published, or not at all.
        """
        needs = {}
        reports = self.editions().live().public().select_related("cycle")
        for report in reports.order_by("-cycle__period_start", "-last_published_at", "-pk"):
            for row in (report.edition_snapshot or {}).get("needs", []):
                needs.setdefault(row["id"], (row, report))
        return needs


class ReportPage(RoutablePageMixin, Page):
    """One cycle's Biennial Needs Mapping report: introduction, methodology, a chapter per
    pillar and annexes, all in one page so that the Board approves it in one decision.

    When published, the needs and figures it shows are frozen into `edition_snapshot` (and its
    revision); previews and drafts read the live database. The PDF is rendered in the
    background for the live revision, and on demand for an editor's draft.

    Once the Board has adopted it (`is_adopted`), an edition is changed only by the Board: a
    correction is a new revision through the same workflow (a corrigendum, listed by
    `corrigenda()`); nobody unpublishes, deletes or moves it (iisg_pages/permissions.py and
    iisg_pages/adoption_hooks.py), except a superuser's emergency unpublication, which needs
    a reason and tells the Board. A report never expires (no `expire_at`); a go-live date
    on a draft carries through approval and the periodic worker publishes it when due.

    A report in another language (`is_translation`) translates an adopted English edition
    (`original`): the Secretariat publishes it without a Board vote, only while its original
    is adopted and live, and it shows the original's frozen edition (the needs in English, the
    text around them translated), saying that the English edition is the authoritative text.
    Nothing done to a translation changes the English edition.
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
        GoLiveWarningPanel(),
        *Page.content_panels,
        FieldPanel("cycle"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    # A go-live date but no expiry date: an adopted edition is unpublished by nobody's clock.
    settings_panels = [
        PublishingPanel(
            children=[
                FieldPanel(
                    "go_live_at",
                    widget=AdminDateTimeInput(
                        js_overlay_parent_selector="#schedule-publishing-dialog",
                        attrs={
                            "data-controller": "w-action",
                            "data-action": "w-dialog:hidden->w-action#reset",
                            "data-w-dialog-target": "notify",
                        },
                    ),
                )
            ]
        ),
        *[
            panel
            for panel in Page.settings_panels
            if not (
                isinstance(panel, PanelPlaceholder)
                and panel.path == "wagtail.admin.panels.PublishingPanel"
            )
        ],
    ]
    # Copies of a report are drafts: no "publish copies" and no live alias.
    copy_form_class = ReportCopyForm
    base_form_class = PageForm
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("cycle"), APIField("summary"), APIField("body"), APIField("pdf_url")]
    parent_page_types = ["iisg_pages.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Biennial Needs Mapping report")

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def clean(self):
        """A report has no expiry date: once adopted it stays published until the Board
        decides otherwise."""
        super().clean()
        if self.expire_at:
            raise ValidationError(
                _(
                    "A report cannot have an expiry date: an adopted edition stays published "
                    "until the Board adopts a corrigendum. Remove the expiry date."
                ),
                code="report_expiry",
            )

    @cached_property
    def is_translation(self):
        return language_of(self) != settings.LANGUAGE_CODE

    @cached_property
    def original(self):
        """The English edition this report translates (None for an English report)."""
        if not self.is_translation:
            return None
        return (
            ReportPage.objects.filter(
                translation_key=self.translation_key,
                locale_id=locale_ids().get(settings.LANGUAGE_CODE),
            )
            .select_related("cycle")
            .first()
        )

    @property
    def original_is_adopted_and_live(self):
        """Whether this translation may be published: its original is an adopted, live
        edition."""
        original = self.original
        return bool(original and original.live and original.is_adopted)

    @property
    def has_workflow(self):
        """A translation is published by the Secretariat: no Board vote on it."""
        return not self.is_translation and super().has_workflow

    def get_workflow(self):
        return None if self.is_translation else super().get_workflow()

    @property
    def is_adopted(self):
        """True when the Board has adopted some revision of this report (an approved
        workflow state exists for it). One query."""
        if not self.pk:
            return False
        return approved_workflow_states(self.get_base_content_type(), str(self.pk)).exists()

    def adoptions(self):
        """When the Board adopted this report, oldest first (one datetime per approved
        workflow state: when its last task was decided)."""
        if not self.pk:
            return []
        states = (
            approved_workflow_states(self.get_base_content_type(), str(self.pk))
            .annotate(adopted_at=Coalesce(Max("task_states__finished_at"), "created_at"))
            .order_by("adopted_at")
        )
        return list(states.values_list("adopted_at", flat=True))

    def corrigenda(self, in_effect_only=True):
        """The dates (local) of the adoptions after the first: each is a corrigendum.

        With `in_effect_only`, only corrigenda already published (adopted no later than the
        page's last publication), so that a corrigendum scheduled to go live later is not
        announced on the edition it will replace.
        """
        later = self.adoptions()[1:]
        if in_effect_only:
            if not self.last_published_at:
                return []
            later = [when for when in later if when <= self.last_published_at]
        return [timezone.localdate(when) for when in later]

    def permissions_for_user(self, user):
        """A report is published by its approval workflow only, never directly; a translation
        by the Secretariat, once its original is adopted (see the class's docstring)."""
        if self.is_translation:
            return TranslationPermissionTester(user, self)
        return ApprovalOnlyPermissionTester(user, self)

    def get_review_groups(self):
        """Workflow protocol: a report covers all pillars, so every Support Group reviews it."""
        return [
            p.support_group
            for p in Pillar.objects.select_related("support_group")
            if p.support_group
        ]

    def get_decision_seats(self):
        """Workflow protocol: the Board's seats adopt the report, one vote each."""
        return BoardSeat.objects.with_holders()

    @property
    def pdf_url(self):
        """Where the published edition's PDF is downloaded (relative to the site)."""
        return f"{self.url}pdf/" if self.url else None

    @property
    def chapters(self):
        return [child for child in self.body if child.block_type == "chapter"]

    @cached_property
    def edition_name(self):
        """The edition's name as adopted (its cycle's, e.g. 2021–2022, frozen with the
        edition: renaming the cycle later changes neither the report nor its addresses);
        the cycle's current name for a report not yet published."""
        frozen = self._frozen_edition_name()
        if frozen is None and self.is_translation and self.original is not None:
            frozen = self.original._frozen_edition_name()
        return frozen or self.cycle.edition

    def _frozen_edition_name(self):
        """The name in the frozen edition, or None; only that key is read where the edition
        itself was deferred (the report index, routing: it is megabytes at the region's
        scale)."""
        if not self.pk:
            return None
        if "edition_snapshot" not in self.get_deferred_fields():
            return (self.edition_snapshot or {}).get("edition")
        return (
            ReportPage.objects.filter(pk=self.pk)
            .values_list("edition_snapshot__edition", flat=True)
            .first()
        )

    def report_data(self, request=None, frozen=True, partner=""):
        """Data for the report's tables and figures: the frozen edition on the live page,
        the live database in previews and drafts; one partner's extract when `partner`."""
        is_preview = getattr(request, "is_preview", False)
        if self.is_translation:  # always an adopted edition, never the live database
            snapshot = self.edition_snapshot if frozen and not is_preview else None
            if snapshot is None and self.original is not None:
                snapshot = self.original.edition_snapshot
            return ReportData(self.cycle, snapshot=snapshot or empty_edition(), partner=partner)
        if getattr(request, "frozen_preview", False):  # a revision as the Board decides it
            return ReportData(self.cycle, snapshot=self.edition_snapshot, partner=partner)
        snapshot = self.edition_snapshot if frozen and not is_preview else None
        return ReportData(self.cycle, snapshot=snapshot, partner=partner)

    def get_context(self, request, *args, partner="", **kwargs):
        """The article as kept for the published edition (report_cache), else what renders it:
        the report's data (the extract of the partner whose code is `partner`, when given;
        404 for a partner not in the edition) and its edition."""
        context = super().get_context(request, *args, **kwargs)
        context["corrigenda"] = self.corrigenda()
        # The needs of a translation are quoted in English: marked so for screen readers.
        context["data_lang"] = "en-GB" if self.is_translation else ""
        key = report_cache.article_key(self, request, partner, context["corrigenda"])
        context["report_article_key"] = key
        context["report_article"] = report_cache.kept_article(key)
        if context["report_article"] is None:
            context["extract_partner"] = partner and self._extract_partner(request, partner)
            context["report_data"] = self.report_data(request, partner=partner)
            context["under_decision"] = getattr(request, "frozen_preview", False)
        return context

    def serve(self, request, view=None, args=None, kwargs=None):
        """As RoutablePageMixin's, with the page served without a route (`view` None, where
        Wagtail's Page.serve would render it) through `report` too."""
        if view is None:
            request.is_preview = False
            view = self.report
        return super().serve(request, view, args, kwargs)

    def render(self, request, *args, template=None, context_overrides=None, **kwargs):
        """As RoutablePageMixin's, around the kept article when there is one."""
        template = template or self.get_template(request, *args, **kwargs)
        context = self.get_context(request, *args, **kwargs)
        context.update(context_overrides or {})
        return report_cache.article_response(request, template, context)

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

    def _extract_partner(self, request, code):
        """The partner of a one-partner extract, among the edition's partners, or 404."""
        data = self.report_data(request)
        partner = next((p for p in data.partners if p["code"] == code), None)
        if partner is None:
            raise Http404
        return partner

    @path("partner/<str:code>/", name="partner_extract")
    def partner_extract(self, request, code):
        """The edition for one Western Balkans partner: the needs it identified."""
        return self.render(request, partner=code)

    @path("partner/<str:code>/pdf/", name="partner_extract_pdf")
    def partner_extract_pdf(self, request, code):
        if not self.live or not self.live_revision_id:
            raise Http404
        partner = self._extract_partner(request, code)
        return self.serve_pdf(
            request,
            ReportPDF.objects.for_revision(
                self, self.live_revision, frozen=True, partner=partner["code"]
            ),
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
            {
                "page": self,
                "report_pdf": report_pdf,
                "draft": draft,
                "can_retry": self.permissions_for_user(request.user).can_edit(),
            },
            status=503 if report_pdf.failed else 202,
        )
        response["Retry-After"] = "10"
        return response
