"""The public site's languages in templates: `lang`, `hreflang`, the switcher, the note on a
page shown in English for want of a translation."""

from django import template
from django.conf import settings

from .. import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """{"tag", "alternates", "page_tag", "untranslated", "source", "unreviewed"} for the page
    or view being shown: the active language's BCP 47 tag, the switcher's entries, the
    language the page is written in, whether it is English shown for want of a translation,
    English's tag, and whether the active language's translation awaits a native speaker's
    review."""
    request = context.get("request")
    page = context.get("page")
    if not hasattr(page, "translation_key") or not hasattr(page, "locale_id"):
        page = None
    active = languages.active_language()
    written_in = languages.language_of(page) if page is not None else active
    return {
        "tag": languages.bcp47(active),
        "alternates": languages.alternates(request, page) if request is not None else [],
        "page_tag": languages.bcp47(written_in),
        "untranslated": written_in != active,
        "source": languages.bcp47(settings.LANGUAGE_CODE),
        "unreviewed": active in settings.IISG_UNREVIEWED_LANGUAGES,
    }


@register.filter
def address_for_visitor(page):
    """The page's address in the visitor's language (see languages.page_address)."""
    return languages.page_address(page)


@register.filter(name="bcp47")
def bcp47_filter(code):
    """A Django language code as HTML's `lang` writes it (sr-latn → sr-Latn)."""
    return languages.bcp47(code or settings.LANGUAGE_CODE)
