"""News and meetings."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cms.model_fields import optional_link
from needs_snippets.models.cycles import end_not_before_start

from ..languages import in_active_language, in_source_language
from .base import BasePage


class NewsIndexPage(BasePage):
    """News and meetings, newest first."""

    parent_page_types = ["iisg_pages.HomePage"]
    subpage_types = ["iisg_pages.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = NewsPage.objects.live().public().child_of(in_source_language(self))
        paginator = Paginator(items.select_related("pillar").order_by("-date"), 10)
        news = paginator.get_page(request.GET.get("page"))
        # Each item in the visitor's language where it is translated.
        news.object_list = in_active_language(news.object_list)
        context["news"] = news
        return context


class NewsPage(BasePage):
    """A news item or a meeting report: when, where, which pillar, what happened."""

    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    pillar = optional_link(
        "needs_snippets.Pillar",
        related_name="+",
        help_text=_("Leave empty for news about the whole IISG."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("pillar")]),
        FieldPanel("introduction", heading=_("Summary")),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("place")]
    api_fields = [
        *BasePage.api_fields,
        APIField("date"),
        APIField("end_date"),
        APIField("place"),
        APIField("pillar"),
    ]
    parent_page_types = ["iisg_pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")
        constraints = [
            end_not_before_start(
                "date",
                "end_date",
                "news_end_date_not_before_date",
                _("The end date is before the date: correct it."),
            )
        ]
