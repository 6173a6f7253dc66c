"""StreamField blocks of the public site and the report.

The data blocks (needs table, key figure, chart, edition comparison) never query in their
templates: the page gives them a `ReportData` (see `report_data.py`) that answers from the live
database in drafts and previews, and from the published edition's snapshot on the live report.

Every block shows editors what it inserts: an icon, a description and a preview in the block
picker (templates/wagtailcore/shared/block_preview.html, in the site's styles). The data blocks'
previews show the latest published edition's figures (public already), never the live database.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from needs_snippets.models import Member

from .chart_data import REPORT_CHARTS
from .document_links import members_only_documents


def partner_choices():
    return [(m.country_code, m.display_name) for m in Member.objects.wb_partners()]


def first_of(model_path):
    """The library's first item (an image, a document) for a block's preview, or None."""

    def first():
        from django.apps import apps

        return apps.get_model(model_path).objects.order_by("pk").first()

    return first


class PreviewsThePublishedEdition:
    """A data block's preview answers from the latest published report's frozen edition (what
    anybody may read), or from an empty edition before there is one."""

    def get_preview_context(self, value, parent_context=None):
        from .models import ReportPage
        from .report_data import ReportData, empty_edition

        context = super().get_preview_context(value, parent_context)
        report = (
            ReportPage.objects.live()
            .exclude(edition_snapshot=None)
            .select_related("cycle")
            .order_by("-cycle__period_start", "-pk")
            .first()
        )
        if report is None:
            context["report_data"] = ReportData(None, snapshot=empty_edition())
        else:
            context["report_data"] = ReportData(report.cycle, snapshot=report.edition_snapshot)
        return context


class ReportDataBlock(PreviewsThePublishedEdition):
    """A data block whose template reads what `report_data_context(value, report_data)`
    answers from the `ReportData` the page gives (None where it gives none)."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        report_data = (parent_context or {}).get("report_data")
        context.update(self.report_data_context(value, report_data))
        return context


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "iisg_pages/blocks/heading_block.html"
        description = _("A heading that structures the text (and the table of contents).")
        preview_value = {"text": "State of play", "level": "h2"}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "iisg_pages/blocks/image_block.html"
        description = _("An image with its alternative text and an optional caption.")
        preview_value = staticmethod(lambda: {
            "image": first_of("wagtailimages.Image")(),
            "alt_text": "Illustrative image",
            "caption": "A caption under the image.",
        })  # fmt: skip


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text=_("Defaults to the document's title."))

    def get_context(self, value, parent_context=None):
        """With `shown`: false for a members-only document on a page anyone may read
        (document_links), such as one moved into a restricted collection after it was linked."""
        context = super().get_context(value, parent_context)
        document, page = value.get("document"), (parent_context or {}).get("page")
        context["shown"] = document is not None and not (
            page is not None
            and not page.get_view_restrictions().exists()
            and members_only_documents([document.pk]).exists()
        )
        return context

    class Meta:
        icon = "doc-full"
        template = "iisg_pages/blocks/document_link_block.html"
        description = _("A link to a document, with its format and size.")
        preview_value = staticmethod(
            lambda: {"document": first_of("wagtaildocs.Document")(), "title": ""}
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "iisg_pages/blocks/quote_block.html"
        description = _("A quotation with its source.")
        preview_value = {
            "quote": "The IISG aims to improve collective efficiency of security actions and "
            "actors in the Western Balkans.",
            "attribution": "IISG Terms of Reference",
        }


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(help_text=_("What the table shows; read out by screen readers."))
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock()),
            ("number", blocks.DecimalBlock()),
            ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
        ]
    )

    class Meta:
        icon = "table"
        template = "iisg_pages/blocks/table_block.html"
        description = _("A table with a caption and column headings.")
        preview_value = {
            "caption": "Illustrative table",
            "table": {
                "columns": [
                    {"type": "text", "heading": "Pillar"},
                    {"type": "number", "heading": "Needs"},
                ],
                "rows": [{"values": ["WBCTi", 12]}, {"values": ["WBCSCi", 9]}],
            },
        }


class NeedsFilterBlock(blocks.StructBlock):
    """Which of the report cycle's needs a data block covers."""

    pillar = SnippetChooserBlock("needs_snippets.Pillar", required=False)
    axis = SnippetChooserBlock("needs_snippets.Axis", required=False)
    area = SnippetChooserBlock("needs_snippets.Area", required=False)
    partner = blocks.ChoiceBlock(choices=partner_choices, required=False)
    regional_only = blocks.BooleanBlock(required=False, label=_("Regional needs only"))

    def clean(self, value):
        value = super().clean(value)
        axis, pillar = value.get("axis"), value.get("pillar")
        if axis and pillar and axis.pillar_id != pillar.pk:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "axis": ValidationError(
                        _("This axis belongs to %(other)s: choose an axis of %(pillar)s.")
                        % {"other": axis.pillar.code, "pillar": pillar.code}
                    )
                }
            )
        return value

    @staticmethod
    def filters(value):
        """The block's choices as a plain, JSON-safe dict (ids and codes)."""
        return {
            "pillar": value["pillar"].pk if value.get("pillar") else None,
            "axis": value["axis"].pk if value.get("axis") else None,
            "area": value["area"].pk if value.get("area") else None,
            "partner": value.get("partner") or None,
            "regional_only": bool(value.get("regional_only")),
        }


class NeedsTableBlock(ReportDataBlock, NeedsFilterBlock):
    caption = blocks.CharBlock(
        required=False, help_text=_("Defaults to a description of the filters.")
    )

    class Meta:
        icon = "list-ul"
        template = "iisg_pages/blocks/needs_table_block.html"
        description = _(
            "The report cycle's needs, grouped by pillar, axis and area, with a column per "
            "Western Balkans partner."
        )
        preview_value = {"regional_only": True}

    def report_data_context(self, value, report_data):
        return {"table": report_data.needs_table(self.filters(value)) if report_data else None}


class KeyFigureBlock(ReportDataBlock, NeedsFilterBlock):
    FIGURES = [
        ("needs", _("Needs")),
        ("regional", _("Regional needs")),
        ("partner_specific", _("Partner-specific needs")),
        ("gaps", _("Needs no response answers yet")),
    ]
    figure = blocks.ChoiceBlock(choices=FIGURES, default="needs")
    sentence = blocks.CharBlock(
        help_text=_("The sentence that states the figure; write {count} where it goes."),
        default="{count} needs were identified.",
    )

    class Meta:
        icon = "decimal"
        template = "iisg_pages/blocks/key_figure_block.html"
        description = _("A count from the report's needs, stated in a sentence.")
        preview_value = {"figure": "regional", "sentence": "{count} regional needs."}

    def clean(self, value):
        value = super().clean(value)
        if "{count}" not in value.get("sentence", ""):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "sentence": ValidationError(
                        _("Write {count} where the number goes, e.g. “{count} regional needs”.")
                    )
                }
            )
        return value

    def report_data_context(self, value, report_data):
        count = report_data.key_figure(value["figure"], self.filters(value)) if report_data else 0
        before, _sep, after = value["sentence"].partition("{count}")
        return {"count": count, "before": before, "after": after}


class ChartBlock(ReportDataBlock, NeedsFilterBlock):
    chart = blocks.ChoiceBlock(choices=list(REPORT_CHARTS.items()), default="needs_by_partner_axis")

    class Meta:
        icon = "image"
        template = "iisg_pages/blocks/chart_block.html"
        description = _(
            "A chart of the report's needs, drawn with the table of its numbers beside it, "
            "frozen with the edition like the tables."
        )
        preview_value = {"chart": "needs_by_partner_axis"}

    def report_data_context(self, value, report_data):
        chart = report_data.chart(value["chart"], self.filters(value)) if report_data else None
        return {"chart": chart}


class EditionComparisonBlock(ReportDataBlock, blocks.StructBlock):
    """What became of the needs of the edition before: new, changed, met and dropped needs
    (continuing ones counted), frozen with the edition at adoption like the tables."""

    pillar = SnippetChooserBlock("needs_snippets.Pillar", required=False)
    partner = blocks.ChoiceBlock(choices=partner_choices, required=False)
    heading = blocks.CharBlock(
        required=False, help_text=_("Defaults to “Compared with <the edition before>”.")
    )

    class Meta:
        icon = "history"
        template = "iisg_pages/blocks/edition_comparison_block.html"
        description = _(
            "The report's needs compared with the edition before: counts of new, continuing, "
            "changed, met and dropped needs, and the needs of each, with their changes, "
            "evidence and reasons."
        )
        preview_value = {"heading": ""}

    def report_data_context(self, value, report_data):
        filters = {
            "pillar_code": value["pillar"].code if value.get("pillar") else None,
            "partner": value.get("partner") or None,
        }
        return {"comparison": report_data.comparison(filters) if report_data else None}


class ContentBlocks(blocks.StreamBlock):
    """What any page body or report chapter may hold."""

    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        icon="pilcrow",
        template="iisg_pages/blocks/paragraph_block.html",
        description=_("Text with headings, lists and links."),
        preview_value="<p>A paragraph of the report, with <b>bold</b> text and a "
        '<a href="/">link</a>.</p>',
    )
    heading = HeadingBlock()
    image = ImageWithCaptionBlock()
    document = DocumentLinkBlock()
    quote = QuoteBlock()
    table = TableBlock()
    needs_table = NeedsTableBlock()
    key_figure = KeyFigureBlock()
    chart = ChartBlock()
    edition_comparison = EditionComparisonBlock()


class ChapterBlock(blocks.StructBlock):
    """One chapter of a report: introduction, methodology, a pillar's chapter, or an annex."""

    KINDS = [
        ("chapter", _("Chapter")),
        ("annex", _("Annex")),
    ]
    kind = blocks.ChoiceBlock(choices=KINDS, default="chapter")
    title = blocks.CharBlock()
    pillar = SnippetChooserBlock("needs_snippets.Pillar", required=False)
    body = ContentBlocks()

    class Meta:
        icon = "doc-full-inverse"
        template = "iisg_pages/blocks/chapter_block.html"
        description = _("A chapter or annex of the report, with its own contents.")
        preview_value = {
            "kind": "chapter",
            "title": "Introduction",
            "body": [("paragraph", "<p>What the chapter is about.</p>")],
        }
