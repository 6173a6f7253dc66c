"""The commands that write catalogues from others write what is committed: Serbian Cyrillic
from Serbian Latin, and Montenegrin's fallback from Django's and allauth's Serbian Latin. A
catalogue edited by hand, or a library upgraded without running them, fails here."""

import shutil
from io import StringIO

from django.core.management import call_command

from cms import catalogues

REPOSITORY_LOCALE = catalogues.LOCALE_DIR
REPOSITORY_FALLBACKS = catalogues.FALLBACKS_DIR


def po_path(root, language):
    return root / language / "LC_MESSAGES" / "django.po"


def without_creation_date(path):
    """The catalogue's text but the header line saying when it was written."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith('"POT-Creation-Date:')]


def test_the_cyrillic_catalogue_is_serbian_latin_transliterated(tmp_path, monkeypatch):
    shutil.copytree(REPOSITORY_LOCALE / "sr_Latn", tmp_path / "sr_Latn")
    po_path(tmp_path, "sr").parent.mkdir(parents=True)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    out = StringIO()
    call_command("transliterate_catalogue", stdout=out)
    assert f"Wrote {po_path(tmp_path, 'sr')}" in out.getvalue()
    written = po_path(tmp_path, "sr").read_text(encoding="utf-8")
    assert written == po_path(REPOSITORY_LOCALE, "sr").read_text(encoding="utf-8")
    assert 'msgstr "Оспоравања"' in written  # "Disputes", from "Osporavanja"


def test_the_montenegrin_fallback_is_up_to_date(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogues, "FALLBACKS_DIR", tmp_path)
    out = StringIO()
    call_command("write_montenegrin_fallback", stdout=out)
    written = without_creation_date(po_path(tmp_path, "cnr"))
    assert written == without_creation_date(po_path(REPOSITORY_FALLBACKS, "cnr"))
    assert out.getvalue().startswith("Wrote ") and " strings to " in out.getvalue()
