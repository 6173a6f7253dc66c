"""What every content page of the site shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ContentBlocks


class BasePage(Page):
    """A page with an introduction (also its meta description) and a body of content blocks."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    # What headless clients read of a page (API v3, /api/v3/pages/<id>/).
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.introduction
