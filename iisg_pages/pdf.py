"""Render a report revision to an accessible PDF (PDF/UA-1) with WeasyPrint, in the report's
language, with the project's own fonts (static/fonts)."""

import gc
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from needs_snippets.constants import KOSOVO_FOOTNOTE

PDF_STYLESHEET = "css/report-pdf.css"


class LocalFileFetcher(URLFetcher):
    """Resolve the site's own /static/ and /media/images/ URLs to files; fetch nothing else."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "file":
            url = Path(self.local_path(unquote(parts.path))).as_uri()
        return super().fetch(url, headers)

    @staticmethod
    def local_path(path):
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                return found
        images = settings.MEDIA_URL + "images/"
        if path.startswith(images):
            return settings.MEDIA_ROOT / "images" / path.removeprefix(images)
        raise ValueError(f"Not a file of this site: {path}")


def _css_string(text):
    """`text` as a quoted CSS string that cannot end its <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return f'"{escaped}"'


def page_margins():
    """A <style> element with the words of the pages' margins in the active language: the
    running title, and "Page 3 of 12" (the translation's %(page)s and %(pages)s become
    CSS counters); nothing on the cover. Author styles, so that they win over the stylesheet's."""
    counter = []
    for part in re.split(r"(%\((?:page|pages)\)s)", _("Page %(page)s of %(pages)s")):
        if part in ("%(page)s", "%(pages)s"):
            counter.append(f"counter({part[2:-2]})")
        elif part:
            counter.append(_css_string(part))
    title = _css_string(str(_("IISG Biennial Needs Mapping")))
    # Safe: both are CSS strings and counters whose "<" is escaped (_css_string).
    return mark_safe(  # noqa: S308
        f"<style>@page {{ @top-left {{ content: {title}; }} "
        f"@bottom-right {{ content: {' '.join(counter)}; }} }} "
        "@page :first { @top-left { content: none; } @bottom-right { content: none; } }</style>"
    )


def lay_out(html):
    """WeasyPrint's document of print `html` (PDF/UA-1), with the print stylesheet and the
    project's fonts; nothing is fetched from outside the site's own files."""
    fonts, fetcher = FontConfiguration(), LocalFileFetcher()
    stylesheet = CSS(filename=finders.find(PDF_STYLESHEET), font_config=fonts, url_fetcher=fetcher)
    return HTML(string=html, base_url="file:///", url_fetcher=fetcher).render(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1"
    )


def report_html(page, report_data):
    """The print HTML of a report (cover, contents, chapters, footnote)."""
    return render_to_string(
        "iisg_pages/report_pdf.html",
        {
            "page": page,
            "report_data": report_data,
            "kosovo_footnote": KOSOVO_FOOTNOTE,
            "for_print": True,
            "data_lang": "en-GB" if getattr(page, "is_translation", False) else "",
        },
    )


@contextmanager
def garbage_collector_paused():
    """Run the block without the cyclic garbage collector, then collect once.

    WeasyPrint builds millions of long-lived objects (styles, boxes, pages): each of the
    collector's full passes walks them all, and at 1,000 needs those passes were about a
    fifth of the PDF's CPU time, for garbage that one pass at the end frees as well. The
    cost is a higher peak while the PDF is made (about 790 → 890 MiB at 1,000 needs).
    The collector is left as it was found (enabled or not)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


def render_report_pdf(page, report_data, progress=None):
    """Return (pdf bytes, page count) of `page` showing `report_data`. `progress`, when given,
    is called with `progress_note=` each time the work moves to its next stage."""

    def stage(note):
        if progress:
            progress(progress_note=note)

    html = report_html(page, report_data)
    stage(_("Laying out the pages"))
    with garbage_collector_paused():
        document = lay_out(html)
        pages = len(document.pages)
        stage(
            ngettext("Writing %(count)s page", "Writing %(count)s pages", pages) % {"count": pages}
        )
        content = document.write_pdf(pdf_variant="pdf/ua-1")
        del document  # its boxes and pages are garbage for the collection on the way out
    return content, pages
