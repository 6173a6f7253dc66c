"""One-partner extracts of the published report: the needs one Western Balkans partner
identified, in HTML and as a PDF rendered in the background like the whole report's."""

import io

import pytest
from pypdf import PdfReader

from iisg_pages.models import ReportPDF
from tests.pages import publish

pytestmark = pytest.mark.django_db


def test_an_extract_shows_only_the_partners_needs(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    whole = client.get(report.url).content.decode()
    assert f'href="{report.url}partner/ME/"' in whole  # a link per partner
    page = client.get(f"{report.url}partner/ME/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "extract for Montenegro" in html
    assert "WBCTi-PRE-LEG-01" in html  # Montenegro's only need
    assert "WBCTi-PRE-OPE-01" not in html and "WBCSCi-PRV-OPE-01" not in html
    assert client.get(f"{report.url}partner/FR/").status_code == 404


def test_an_extracts_pdf_is_rendered_once_from_the_frozen_edition(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        pending = client.get(f"{report.url}partner/XK/pdf/")
    extract = ReportPDF.objects.get(partner="XK")
    assert extract.revision_id == report.live_revision_id and extract.frozen
    assert pending.status_code == 202  # queued on the first request, rendered after it
    response = client.get(f"{report.url}partner/XK/pdf/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].endswith('-XK.pdf"')
    text = " ".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "Extract for Kosovo*" in text and "Returnee rehabilitation" in text
    assert "CVE strategy renewal" not in text  # Montenegro's need
    assert "1 needs in all." in text  # the figures count the extract's needs
    assert ReportPDF.objects.filter(partner="XK").count() == 1
