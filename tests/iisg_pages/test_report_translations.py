"""A report's translation: the Secretariat publishes it once the Board has adopted the English
edition, without a vote; it shows that edition's frozen needs, says the English text is
authoritative, and nothing done to it changes the English edition. Its PDF is in its language
and script, with the project's own fonts."""

import io
import json
import shutil
import subprocess

import pytest
from django.test import Client
from django.utils.translation import gettext, override
from pypdf import PdfReader
from wagtail.models import Locale

from needs_snippets.constants import KOSOVO_FOOTNOTE
from needs_snippets.models import Need
from tests.factories import UserFactory
from tests.pages import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return UserFactory(username="sec", groups=["Secretariat"])


def translation_of(page, language, **fields):
    """A draft translation of `page`, as wagtail-localize's "Translate" makes it."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision()
    return translated


def albanian_tree(site_tree):
    """The Albanian home and reports index, published, and a draft of the report's
    translation."""
    for key in ("home", "reports"):
        translation_of(site_tree[key], "sq").get_latest_revision().publish()
    return translation_of(
        site_tree["report"],
        "sq",
        title="Raporti i hartëzimit të nevojave 2021–2022",
        slug="raporti",
    )


@pytest.fixture
def adopted_report(site_tree, adopt, django_capture_on_commit_callbacks):
    report = site_tree["report"]
    adopt(report)
    return publish(report, django_capture_on_commit_callbacks)


def test_a_translation_is_not_published_before_the_english_edition_is_adopted(
    site_tree, secretariat
):
    translation = albanian_tree(site_tree)
    assert not translation.permissions_for_user(secretariat).can_publish()


def test_the_secretariat_publishes_a_translation_without_a_board_vote_and_the_edition_stays(
    site_tree, adopted_report, secretariat, django_capture_on_commit_callbacks
):
    english_revision = adopted_report.live_revision_id
    english_snapshot = adopted_report.edition_snapshot
    english_revisions = adopted_report.revisions.count()
    translation = albanian_tree(site_tree)
    # No Board vote: the English report's workflow does not reach its translation.
    assert adopted_report.get_workflow() is not None
    assert translation.get_workflow() is None and not translation.has_workflow
    assert translation.permissions_for_user(secretariat).can_publish()
    # Who may not publish pages may not publish a translation either.
    member = UserFactory(username="member", groups=["Members"])
    assert not translation.permissions_for_user(member).can_publish()

    with django_capture_on_commit_callbacks(execute=True):
        translation.get_latest_revision().publish(user=secretariat)
    translation.refresh_from_db()
    assert translation.live
    adopted_report.refresh_from_db()
    assert adopted_report.live_revision_id == english_revision
    assert adopted_report.edition_snapshot == english_snapshot
    assert adopted_report.revisions.count() == english_revisions
    # The translation quotes the adopted edition, whatever the database holds since.
    assert translation.edition_snapshot["needs"] == english_snapshot["needs"]
    assert translation.edition_snapshot["translates_revision_id"] == english_revision


def test_a_translation_shows_the_adopted_needs_in_english_and_says_english_is_authoritative(
    site_tree, adopted_report, secretariat, django_capture_on_commit_callbacks
):
    translation = albanian_tree(site_tree)
    with django_capture_on_commit_callbacks(execute=True):
        translation.get_latest_revision().publish(user=secretariat)
    # Edited after adoption: neither the English edition nor its translation show it.
    Need.objects.filter(pk=site_tree["needs"]["returnees"].pk).update(title="Edited later")
    content = Client().get("/sq/reports/raporti/").content.decode()
    assert '<html lang="sq">' in content
    assert "Raporti i hartëzimit" in content
    assert "Edited later" not in content
    assert '<span lang="en-GB">Returnee rehabilitation</span>' in content
    assert 'class="report__translation"' in content
    assert f'href="{adopted_report.full_url}" hreflang="en-GB" lang="en-GB"' in content


def poppler(tool, *arguments):
    """The output of one of poppler-utils' tools (pdftotext, pdffonts) run on a test's file."""
    found = shutil.which(tool)
    assert found, f"{tool} is not installed: install Debian's poppler-utils (.ci/run does)"
    command = [found, *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def pdf_of(url):
    return b"".join(Client().get(url).streaming_content)


def test_the_pdf_of_a_serbian_cyrillic_translation_is_in_cyrillic_with_the_project_s_font(
    site_tree, adopted_report, secretariat, django_capture_on_commit_callbacks, tmp_path
):
    for key in ("home", "reports"):
        translation_of(site_tree[key], "sr").get_latest_revision().publish()
    body = json.loads(json.dumps(list(site_tree["report"].body.raw_data)))
    body[0]["value"]["title"] = "Увод"
    translation = translation_of(
        site_tree["report"],
        "sr",
        title="Извештај о мапирању потреба 2021–2022",
        slug="izvestaj",
        summary="Потребе Западног Балкана.",
        body=body,
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.get_latest_revision().publish(user=secretariat)
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_of("/sr/reports/izvestaj/pdf/"))
    text = poppler("pdftotext", path, "-")
    assert "Извештај о мапирању потреба" in text
    assert "Потребе Западног Балкана." in text and "Увод" in text
    # The needs are quoted in English, as adopted.
    assert "Returnee rehabilitation" in text
    # The PDF's own words are Serbian: its margins and the designation footnote.
    with override("sr"):
        counter = gettext("Page %(page)s of %(pages)s") % {"page": 2, "pages": ""}
        footnote = str(KOSOVO_FOOTNOTE)
    assert counter.strip() in text and "Page 2 of" not in text
    assert " ".join(footnote.split()[:4]) in " ".join(text.split())
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "sr"
    fonts = poppler("pdffonts", path).splitlines()[2:]
    # Every font is the project's (static/fonts, @font-face "IISG Sans"), embedded.
    assert fonts and all("+IISG-Sans" in line and " yes yes yes " in line for line in fonts)


def test_the_secretariat_may_translate_pages_in_the_admin(secretariat):
    assert secretariat.has_perm("wagtail_localize.submit_translation")
    member = UserFactory(username="member", groups=["Members"])
    assert not member.has_perm("wagtail_localize.submit_translation")


def test_report_lists_lead_to_the_translation_once_live_else_to_english_in_the_language(
    site_tree, adopted_report, secretariat, django_capture_on_commit_callbacks
):
    translation = albanian_tree(site_tree)
    index = Client().get("/sq/reports/").content.decode()
    assert 'href="/sq/reports/report-2021-2022/"' in index
    assert "raporti" not in index, "a draft translation is not listed"
    with django_capture_on_commit_callbacks(execute=True):
        translation.get_latest_revision().publish(user=secretariat)
    index = Client().get("/sq/reports/").content.decode()
    assert 'href="/sq/reports/raporti/"' in index and "Raporti i hartëzimit" in index
    assert "report-2021-2022" not in index
    home = Client().get("/sq/").content.decode()
    assert 'href="/sq/reports/raporti/"' in home and 'href="/sq/reports/raporti/pdf/"' in home
    # English visitors still find the English edition, and only it.
    english = Client().get("/reports/").content.decode()
    assert 'href="/reports/report-2021-2022/"' in english and "raporti" not in english
