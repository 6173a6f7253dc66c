"""Render a report revision to an accessible PDF (PDF/UA-1) with WeasyPrint."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
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


def report_html(page, report_data):
    """The print HTML of a report (cover, contents, chapters, footnote)."""
    return render_to_string(
        "iisg_pages/report_pdf.html",
        {
            "page": page,
            "report_data": report_data,
            "kosovo_footnote": KOSOVO_FOOTNOTE,
            "for_print": True,
        },
    )


def render_report_pdf(page, report_data, progress=None):
    """Return (pdf bytes, page count) of `page` showing `report_data`. `progress`, when given,
    is called with `progress_note=` each time the work moves to its next stage."""

    def stage(note):
        if progress:
            progress(progress_note=note)

    html = report_html(page, report_data)
    stage("Laying out the pages")
    document = HTML(string=html, base_url="file:///", url_fetcher=LocalFileFetcher()).render(
        stylesheets=[CSS(filename=finders.find(PDF_STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    stage(f"Writing {len(document.pages)} pages")
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)
