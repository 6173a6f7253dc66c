"""One partner's extract of the secure database: its needs, its own detail of each, and the
responses the user may see serving it there; as a page and as a PDF."""

import io

import pytest
from pypdf import PdfReader

from needs_snippets.models import NeedPartner

pytestmark = pytest.mark.django_db


def test_a_partners_extract_lists_its_needs_and_the_responses_serving_it(client, area):
    NeedPartner.objects.filter(need=area["need"], partner=area["partners"]["RS"]).update(
        location="Belgrade", status="addressed"
    )
    client.force_login(area["users"]["member_a"])
    html = client.get(area["page"].url + "partners/RS/").content.decode()
    assert "WBCSCi-PRV-OPE-01" in html and "Belgrade" in html and "Being addressed" in html
    # A's own two responses and B's open one; never B's restricted operation.
    assert "Alpha restricted operation" in html and "Bravo open equipment" in html
    assert "Bravo restricted operation" not in html
    assert "Draft need on asset recovery" not in html  # not published
    assert client.get(area["page"].url + "partners/FR/").status_code == 404
    montenegro = client.get(area["page"].url + "partners/ME/").content.decode()
    assert "has identified no published need" in montenegro

    pdf = client.get(area["page"].url + "partners/RS/", {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="iisg-database-extract-RS')
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "extract for Serbia" in text and "Belgrade" in text
    assert "Bravo restricted operation" not in text


def test_the_extract_is_for_members_only(client, area):
    response = client.get(area["page"].url + "partners/RS/")
    assert response.status_code in (302, 403)
    assert "WBCSCi-PRV-OPE-01" not in response.content.decode()
