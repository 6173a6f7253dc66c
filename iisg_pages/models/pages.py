"""Home, standard and pillar pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..report_data import ReportData
from .base import BasePage
from .news import NewsPage
from .reports import ReportPage


class HomePage(BasePage):
    """The site's root: what the IISG is, its pillars, latest news and the latest report."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pillar_pages"] = (
            PillarPage.objects.live().public().descendant_of(self).select_related("pillar")
        )
        context["latest_news"] = NewsPage.objects.live().public().order_by("-date")[:3]
        context["latest_report"] = ReportPage.objects.latest_published()
        return context


class StandardPage(BasePage):
    """About IISG, governance, membership rules: text pages."""

    parent_page_types = ["iisg_pages.HomePage", "iisg_pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class PillarPage(BasePage):
    """One IISG pillar: its scope, lead partners, Support Group and needs in the latest report."""

    pillar = models.OneToOneField(
        "needs_snippets.Pillar", on_delete=models.PROTECT, related_name="page"
    )
    support_group = models.TextField(
        _("Support Group"), blank=True, help_text=_("Who sits in the pillar's Support Group.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("pillar"),
        FieldPanel("introduction"),
        FieldPanel("support_group"),
        FieldPanel("body"),
    ]
    parent_page_types = ["iisg_pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pillar page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lead_partners"] = self.pillar.lead_partners.all()
        report = ReportPage.objects.latest_published()
        if report:
            data = ReportData(report.cycle, snapshot=report.edition_snapshot)
            context["report"] = report
            context["report_data"] = data
            context["needs_table"] = data.needs_table({"pillar": self.pillar_id})
        return context
