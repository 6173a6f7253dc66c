"""Editors see what they insert: every block of a page body or report chapter has an icon, a
description and a preview in the block picker, in the site's styles. The data blocks preview
the latest published edition, never the live secure database."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from iisg_pages.models import ReportPage
from needs_snippets.models import Need
from tests.pages import publish

pytestmark = pytest.mark.django_db

REPORT_BLOCKS = ReportPage._meta.get_field("body").stream_block.child_blocks
BLOCKS = {**REPORT_BLOCKS["chapter"].child_blocks["body"].child_blocks, **REPORT_BLOCKS}


def preview(client, block):
    return client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_every_block_has_an_icon_a_description_and_a_preview(secretariat_client, site_tree, name):
    block = BLOCKS[name]
    assert block.meta.icon not in ("", "placeholder"), name
    assert str(block.get_description()), name
    assert block.is_previewable, name
    response = preview(secretariat_client, block)
    assert response.status_code == 200, name
    html = response.content.decode()
    assert "/static/css/site.css" in html  # in the site's own styles
    assert f"block-{name}" in html


def test_the_previews_show_their_sample_content(secretariat_client, site_tree):
    assert "State of play" in preview(secretariat_client, BLOCKS["heading"]).content.decode()
    table = preview(secretariat_client, BLOCKS["table"]).content.decode()
    assert "Illustrative table" in table and "WBCSCi" in table
    assert "Introduction" in preview(secretariat_client, BLOCKS["chapter"]).content.decode()


def test_data_blocks_preview_the_published_edition_not_the_live_database(
    secretariat_client, site_tree, django_capture_on_commit_callbacks
):
    key_figure = BLOCKS["key_figure"]
    before = preview(secretariat_client, key_figure).content.decode()
    assert (
        '<strong class="key-figure__count">0</strong> regional needs.' in before
    )  # nothing published yet: an empty edition

    publish(site_tree["report"], django_capture_on_commit_callbacks)
    assert ReportPage.objects.get(pk=site_tree["report"].pk).edition_snapshot
    # Two of the needs are identified in three or more partners (regional).
    after = preview(secretariat_client, key_figure).content.decode()
    assert '<strong class="key-figure__count">2</strong> regional needs.' in after
    Need.objects.filter(pk=site_tree["needs"]["strategy"].pk).update(title="Edited later")
    table = preview(secretariat_client, BLOCKS["needs_table"]).content.decode()
    assert "Returnee rehabilitation" in table and "Edited later" not in table


def test_previews_are_for_people_in_the_admin(client, site_tree):
    response = preview(client, BLOCKS["key_figure"])
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_page_whose_document_was_deleted_still_renders(client, site_tree):
    document = get_document_model().objects.create(
        title="Terms of Reference", file=ContentFile(b"%PDF-1.4", name="terms.pdf")
    )
    about = site_tree["about"]
    about.body = [("document", {"document": document, "title": ""})]
    about.save_revision().publish()
    assert "Terms of Reference" in client.get(about.url).content.decode()
    document.delete()
    response = client.get(about.url)
    assert response.status_code == 200
    assert "Terms of Reference" not in response.content.decode()
