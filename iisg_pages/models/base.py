"""What every content page of the site shares."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ContentBlocks
from ..languages import language_of, locale_ids
from ..page_forms import PageForm


class BasePage(Page):
    """A page with an introduction (also its meta description) and a body of content blocks."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    base_form_class = PageForm
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

    def get_context(self, request, *args, **kwargs):
        """Page.get_context, with `data_lang`: "en-GB" on a page in another language, whose
        needs and figures from the secure database are quoted in English."""
        context = super().get_context(request, *args, **kwargs)
        context["data_lang"] = "" if language_of(self) == settings.LANGUAGE_CODE else "en-GB"
        return context

    def get_workflow(self):
        """The workflow assigned to the page or its nearest ancestor; for a translation, its
        English original's: a translation is approved as its source is."""
        if language_of(self) != settings.LANGUAGE_CODE:
            original = (
                Page.objects.filter(
                    translation_key=self.translation_key,
                    locale_id=locale_ids().get(settings.LANGUAGE_CODE),
                )
                .exclude(pk=self.pk)
                .first()
            )
            if original is not None:
                return original.get_workflow()
        return super().get_workflow()

    @property
    def has_workflow(self):
        """Whether `get_workflow` finds one (a property, as Wagtail's: the admin reads it to offer
        "Submit" and to start the workflow)."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return False
        return self.get_workflow() is not None
