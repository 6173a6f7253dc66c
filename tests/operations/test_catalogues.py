"""The catalogue check (manage.py check_catalogues) finds what a translator left undone, and
Serbian Cyrillic is written from Serbian Latin without touching placeholders or markup."""

import shutil
from datetime import date

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, to_locale

from cms import catalogues

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: sq\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(catalogues, "IDENTICAL_ALLOWED_FILE", tmp_path / "identical.txt")
    (tmp_path / "identical.txt").write_text("# names and codes\nIATI\n", encoding="utf-8")
    return tmp_path


def write(locale_dir, entries, language="sq"):
    path = locale_dir / to_locale(language) / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + entries, encoding="utf-8")


def whats(found):
    return {(problem.msgid, problem.what) for problem in found}


def test_a_complete_catalogue_has_no_problems(locale_dir):
    write(
        locale_dir,
        'msgid "Needs of %(partner)s"\nmsgstr "Nevojat e %(partner)s"\n\n'
        'msgid "IATI"\nmsgstr "IATI"\n\n'
        'msgid "<a href=\\"%(url)s\\">Open</a>"\nmsgstr "<a href=\\"%(url)s\\">Hap</a>"\n\n'
        'msgid "one need"\nmsgid_plural "%(count)s needs"\n'
        'msgstr[0] "një nevojë"\nmsgstr[1] "%(count)s nevoja"\n',
    )
    expected = {(None, "Needs of %(partner)s"), (None, "IATI")}
    assert catalogues.problems("sq", expected) == []


def test_every_kind_of_problem_is_named(locale_dir):
    write(
        locale_dir,
        'msgid "Untranslated"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guessed"\nmsgstr "Hamendësuar"\n\n'
        'msgid "Needs of %(partner)s"\nmsgstr "Nevojat e %(partnerr)s"\n\n'
        'msgid "%(size).1f MB"\nmsgstr "%(сизе).1ф MB"\n\n'
        'msgid "<b>Bold</b>"\nmsgstr "Trashë"\n\n'
        'msgid "Coverage"\nmsgstr "Coverage"\n\n'
        'msgid "one need"\nmsgid_plural "%(count)s needs"\n'
        'msgstr[0] "një nevojë"\nmsgstr[1] "%(total)s nevoja"\n',
    )
    found = catalogues.problems("sq", {(None, "Untranslated"), (None, "New string")})
    assert whats(found) == {
        ("Untranslated", "untranslated"),
        ("Guessed", "fuzzy"),
        ("Needs of %(partner)s", "placeholders differ"),
        ("%(size).1f MB", "placeholders differ"),
        ("<b>Bold</b>", "HTML tags differ"),
        ("Coverage", "identical to the English"),
        ("one need", "placeholders not in the English"),
        ("New string", "missing (run makemessages)"),
    }
    assert str(found[0]).startswith("sq: ")


def test_a_word_a_language_spells_as_english_is_allowed_for_that_language_only(locale_dir):
    (locale_dir / "identical.txt").write_text("IATI\n[sr-latn] Status\n", encoding="utf-8")
    entries = 'msgid "Status"\nmsgstr "Status"\n'
    write(locale_dir, entries, language="sr-latn")
    write(locale_dir, entries, language="sq")
    assert catalogues.problems("sr-latn") == []
    assert whats(catalogues.problems("sq")) == {("Status", "identical to the English")}


def test_the_command_fails_and_lists_the_problems(locale_dir, monkeypatch, capsys):
    write(locale_dir, 'msgid "Untranslated"\nmsgstr ""\n')
    monkeypatch.setattr(catalogues, "source_strings", lambda: {(None, "Untranslated")})
    with pytest.raises(CommandError, match="1 catalogue problems in sq"):
        call_command("check_catalogues", "sq")
    assert "sq: untranslated: 'Untranslated'" in capsys.readouterr().out


def test_the_source_strings_are_extracted_from_templates_and_python():
    assert shutil.which("xgettext"), "GNU gettext is needed (Debian: apt-get install gettext)"
    strings = catalogues.source_strings()
    assert (
        None,
        "This page is not translated into your language yet. It is shown in English.",
    ) in strings
    assert (None, "Choose one of the languages offered.") in strings  # Python, gettext
    assert ("designation", "Kosovo*") in strings  # pgettext keeps its context


def test_every_language_has_its_catalogue_in_the_repository():
    for code, _name in settings.LANGUAGES[1:]:
        path = settings.BASE_DIR / "locale" / to_locale(code) / "LC_MESSAGES" / "django.po"
        assert path.exists(), code


@pytest.mark.parametrize(
    "latin, cyrillic",
    [
        ("Potrebe Zapadnog Balkana", "Потребе Западног Балкана"),
        ("Njegoš, Ljubljana, džep, Đorđe", "Његош, Љубљана, џеп, Ђорђе"),
        ("%(count)s potreba u %(partner)s", "%(count)s потреба у %(partner)s"),
        ("Datoteka ima %(size).1f i %05.2f", "Датотека има %(size).1f и %05.2f"),
        ('<a href="%(link)s">Otvori</a> {name}', '<a href="%(link)s">Отвори</a> {name}'),
        ("IISG i EU, WBCTi, Swagger", "IISG и ЕУ, WBCTi, Swagger"),
        ("Rezolucija SB UN 1244 i mišljenje MSP", "Резолуција СБ УН 1244 и мишљење МСП"),
        ("KADA: izaberite PDF", "КАДА: изаберите PDF"),
    ],
)
def test_serbian_cyrillic_keeps_placeholders_markup_and_the_english_names(latin, cyrillic):
    english = "IISG, WBCTi, Swagger: WHEN, choose a PDF (UNSCR, ICJ)"
    assert catalogues.transliterate(latin, english) == cyrillic


def test_montenegrin_has_django_s_and_allauth_s_strings_from_serbian_latin():
    """Neither library translates Montenegrin: a Montenegrin page's form errors, month names
    and sign-in messages read as Serbian Latin, not English."""
    with translation.override("cnr"):
        assert gettext("This field is required.") == "Ovo polje se mora popuniti."
        assert date_format(date(2026, 3, 5), "j F Y") == "5 mart 2026"
        assert gettext("Remember Me") != "Remember Me"  # allauth's sign-in form
    with translation.override("en-gb"):
        assert gettext("This field is required.") == "This field is required."


def test_every_interface_string_is_translated_in_every_language(capsys):
    """The check CI runs: no language has a string missing, untranslated or fuzzy, with other
    placeholders or markup than the English, or left English outside the allow-list."""
    call_command("check_catalogues")  # raises CommandError, listing the problems
    assert "translated in sq, bs, cnr, hr, mk, sr-latn, sr" in capsys.readouterr().out


def test_serbian_cyrillic_is_serbian_latin_transliterated():
    """manage.py transliterate_catalogue was run after the last edit of Serbian Latin."""
    latin, cyrillic = catalogues.read_catalogue("sr-latn"), catalogues.read_catalogue("sr")
    stale = []
    for message in latin:
        if not message.id:
            continue
        english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        written = cyrillic.get(message.id, message.context).string
        written = written if isinstance(written, tuple) else (written,)
        if written != tuple(catalogues.transliterate(s, english) for s in strings):
            stale.append(english)
    assert stale == []
