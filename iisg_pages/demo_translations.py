"""The demo's public pages in Albanian and Macedonian: demonstration translations, made the
way a translator makes them, through wagtail-localize.

Each file in demo_data/translations/ (named by language code) maps the demo's English texts to
their translation. For every page of the demo's public site that has no translation in that
language yet, the page's strings are exported as wagtail-localize does for a translator (a
PO file), filled from the file, imported back and the translation published. The files say
that they are demonstration translations, not reviewed by a native speaker; the README says so
too. A file is checked when read, and a text it lacks is found when its page is translated:
either stops `load_demo` with a message naming the file, the entry and what to fix
(needs_snippets.demo.rows). Idempotent: a page already translated is left alone.
"""

from pathlib import Path

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from needs_snippets.demo.rows import DemoDataError, JsonFile, display_path

from .models import HomePage, NewsIndexPage, NewsPage, PillarPage, ReportIndexPage, StandardPage

TRANSLATIONS_DIR = Path(__file__).parent / "demo_data" / "translations"
# The report pages are not among them: a report's translation follows its adoption.
TRANSLATED_TYPES = (HomePage, StandardPage, PillarPage, NewsIndexPage, NewsPage, ReportIndexPage)


class MissingDemoTranslation(DemoDataError, LookupError):
    """A demo page has a text the language's file does not translate."""


def read_strings(path):
    """The file's strings ({English: translation}), each translation a text that is not blank."""
    file = JsonFile(path)
    (strings,) = file.fields(file.read(), ("strings",), "the file")
    if not isinstance(strings, dict):
        file.fail("strings", "expected an object: {English text: its translation}")
    for english, translated in strings.items():
        file.text(translated, f"strings, {english!r}", "the translation")
    return strings


def demo_pages():
    """The demo's public pages in English, parents before children."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        return []
    return [
        page
        for page in home.get_descendants(inclusive=True).live().public().order_by("path").specific()
        if isinstance(page, TRANSLATED_TYPES)
    ]


def translate_page(page, locale, strings):
    """Translate `page` into `locale` from `strings` ({English: translation}) and publish it."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        if entry.obsolete:
            continue
        try:
            entry.msgstr = strings[entry.msgid]
        except KeyError:
            path = display_path(TRANSLATIONS_DIR / f"{locale.language_code}.json")
            raise MissingDemoTranslation(
                f"{path}, strings: no translation of {entry.msgid!r} (page {page.url_path}): "
                "add it to the file."
            ) from None
    translation.import_po(po)
    # Saved as a draft, then its revision published now from a fresh copy: wagtail-localize
    # publishes when the transaction commits, from the page as it was when translated, which
    # inside load_demo's one transaction would write back a parent's stale child count.
    translation.save_target(publish=False)
    target = Page.objects.get(pk=translation.get_target_instance().pk)
    target.get_latest_revision().publish()


def load_demo_translations():
    """Translate the demo pages that lack a translation. Returns the number translated."""
    translated = 0
    enabled = dict(settings.LANGUAGES)
    pages = demo_pages()
    for path in sorted(TRANSLATIONS_DIR.glob("*.json")):
        language = path.stem
        if language not in enabled:
            continue
        strings = read_strings(path)
        locale = Locale.objects.get(language_code=language)
        existing = set(
            Page.objects.filter(
                locale=locale, translation_key__in=[page.translation_key for page in pages]
            ).values_list("translation_key", flat=True)
        )
        for page in pages:
            if page.translation_key not in existing:
                translate_page(page, locale, strings)
                translated += 1
    return translated
