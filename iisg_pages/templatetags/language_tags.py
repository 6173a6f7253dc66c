"""The public site's languages in templates: `lang`, `hreflang`, the switcher, the note on a
page shown in English for want of a translation. (The `bcp47` filter every app's templates use
is cms' own, in `cms_tags`.)"""

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost

from cms.languages import bcp47

from .. import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """{"tag", "origin", "alternates", "page_tag", "untranslated", "source", "unreviewed"}
    for the page or view being shown: the active language's BCP 47 tag, the scheme and host
    the alternates' absolute addresses start with, the switcher's entries, the language the
    page is written in, whether it is English shown for want of a translation,
    English's tag, and whether the active language's translation awaits a native speaker's
    review."""
    request = context.get("request")
    page = context.get("page")
    if not hasattr(page, "translation_key") or not hasattr(page, "locale_id"):
        page = None
    origin = _origin(request)
    active = languages.active_language()
    written_in = languages.language_of(page) if page is not None else active
    return {
        "tag": bcp47(active),
        "origin": origin,
        "alternates": languages.alternates(request, page) if origin else [],
        "page_tag": bcp47(written_in),
        "untranslated": written_in != active,
        "source": bcp47(settings.LANGUAGE_CODE),
        "unreviewed": active in settings.IISG_UNREVIEWED_LANGUAGES,
    }


def _origin(request):
    """The request's scheme and host ("https://host"), or "" when there is no request or its
    host is not one of ours (the 400 page for a disallowed host must still render)."""
    if request is None:
        return ""
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


@register.filter
def address_for_visitor(page):
    """The page's address in the visitor's language (see languages.page_address)."""
    return languages.page_address(page)
