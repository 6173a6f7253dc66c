"""Template helpers of the public site."""

from django import template

from needs_snippets.constants import KOSOVO_FOOTNOTE

from .. import open_data, pdf, report_cache

register = template.Library()


@register.simple_tag
def kosovo_footnote():
    """The designation footnote that goes wherever Kosovo* is listed."""
    return KOSOVO_FOOTNOTE


@register.simple_tag(takes_context=True)
def report_article(context):
    """The report's article: as kept for the published edition, else rendered (and kept)."""
    return report_cache.render_article(context)


@register.inclusion_tag("iisg_pages/includes/open_data_links.html")
def open_data_links(report):
    """Links to the needs catalogue of `report`'s edition as open data, for a live report."""
    return {"report": report, "links": open_data.links(report) if report.live else None}


@register.simple_tag
def pdf_page_margins():
    """The PDF pages' running title and page numbers, in the active language."""
    return pdf.page_margins()
