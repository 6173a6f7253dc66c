"""Pages in the visitor's language: which translation to show, its address, and the other
languages' addresses for the switcher and `hreflang`.

Contract: the public site's language is its address's (/sq/…; English has no prefix). A page
not translated into that language, or whose translation is not live, is shown in English at
the language's address (`address_in`), with a note in the visitor's language; `hreflang`
alternates name only live translations. A view without a page has alternates only when it is
served under every language's prefix (search): the account pages, which have one address, and
error pages have none (`view_addresses`). Locales are read once per process (`locale_ids`):
they change only when a deployment adds a language (post_migrate creates one per language in
LANGUAGES, `sync_locales`), and a process started before that sees the new language after a
restart.
"""

import functools

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page

from cms.languages import bcp47


def sync_locales(**_signal_arguments):
    """post_migrate: a Wagtail locale for every language in LANGUAGES (none is deleted: pages
    may still be written in it)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    locale_ids.cache_clear()


@functools.cache
def locale_ids():
    """{language code: locale id} of the configured languages that have a locale."""
    configured = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    return {
        code: pk
        for pk, code in Locale.objects.values_list("pk", "language_code")
        if code in configured
    }


def _forget_locales(**_signal_arguments):
    locale_ids.cache_clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="iisg-locales-saved")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="iisg-locales-deleted")


def active_language():
    """The active language's code among LANGUAGES (the source language if none matches)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code if code in locale_ids() else settings.LANGUAGE_CODE


def language_of(page):
    """The language code the page is written in."""
    for code, pk in locale_ids().items():
        if pk == page.locale_id:
            return code
    return settings.LANGUAGE_CODE


def visible_languages():
    """(code, name in its own language) of the languages the switcher offers."""
    hidden = set(settings.IISG_HIDDEN_LANGUAGES)
    return [(code, name) for code, name in settings.LANGUAGES if code not in hidden]


def live_translations(page):
    """{language code: the page's live translation}, the page itself included."""
    codes = {pk: code for code, pk in locale_ids().items()}
    pages = (
        Page.objects.filter(translation_key=page.translation_key, locale_id__in=codes)
        .live()
        .only("id", "url_path", "locale_id", "translation_key", "depth", "path")
    )
    return {codes[each.locale_id]: each for each in pages}


def address_in(language, page, path, translations):
    """Where a visitor reading `language` finds `page` (served at `path`): its live
    translation's address, else the English page's path under the language's prefix."""
    translated = translations.get(language)
    if translated is not None:
        with translation.override(language):
            url = translated.get_url()
        if url:
            return url
    source_path = page.get_url() if page is not None else None
    return prefixed(language, unprefixed(source_path or path))


def unprefixed(path):
    """`path` without a language prefix."""
    first, _, rest = path.lstrip("/").partition("/")
    if first in dict(settings.LANGUAGES) and first != settings.LANGUAGE_CODE:
        return "/" + rest
    return path


def prefixed(language, path):
    """`path` (without a prefix) as `language`'s address: English unprefixed."""
    if language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def view_addresses(request):
    """{language code: address} of the view being shown without a page, its query kept (the
    same search in each language), when it is served under every language's prefix (search);
    None when it has one address only (sign-in, password reset and the other account pages,
    the admin's), or shows no view of the site (an address with no page, whose 404 is the same
    in every language, or a request refused before any view)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name == "wagtail_serve":
        return None
    query = request.META.get("QUERY_STRING", "")
    path = f"{request.path_info}?{iri_to_uri(query)}" if query else request.path_info
    addresses = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    source = addresses[settings.LANGUAGE_CODE]
    if any(
        address == source for code, address in addresses.items() if code != settings.LANGUAGE_CODE
    ):
        return None
    return addresses


def alternates(request, page=None):
    """The switcher's entries for the page (or a view of the public site) being shown: code,
    name, BCP 47 tag, address, whether it is a live translation, whether it is this one. None
    at all for a view with one address only (see view_addresses): no language leads anywhere
    else."""
    if page is None:
        addresses = view_addresses(request)
        if addresses is None:
            return []
        translations = None
    else:
        translations = live_translations(page)
        addresses = {
            code: address_in(code, page, request.path, translations)
            for code, _name in visible_languages()
        }
    current = active_language()
    return [
        {
            "code": code,
            "name": name,
            "tag": bcp47(code),
            "url": addresses[code],
            "translated": translations is None or code in translations,
            "current": code == current,
        }
        for code, name in visible_languages()
    ]


def in_active_language(pages, translations=None):
    """The pages as the active language shows them: each replaced by its live translation
    where there is one (one query for all). `translations`: the queryset to read them from
    (default: any page type, specific), for one type with fields to defer or relations to
    join."""
    pages = list(pages)
    language = active_language()
    locale_id = locale_ids().get(language)
    if language == settings.LANGUAGE_CODE or locale_id is None or not pages:
        return pages
    if translations is None:
        translations = Page.objects.specific()
    translated = {
        each.translation_key: each
        for each in translations.filter(
            translation_key__in=[page.translation_key for page in pages], locale_id=locale_id
        )
        .live()
        .public()
    }
    return [translated.get(page.translation_key, page) for page in pages]


def page_address(page):
    """The page's address for a visitor reading the active language (a page in another
    language keeps the visitor in theirs: its path under their prefix)."""
    language = active_language()
    url = page.get_url()
    if language_of(page) == language or url is None:
        return url
    return prefixed(language, unprefixed(url))


def language_name(code):
    """The language's name in that language."""
    for known, name in settings.LANGUAGES:
        if known == code:
            return name
    return get_language_info(code)["name_local"]


def sitemap_addresses():
    """The sitemap of each language, for robots.txt."""
    addresses = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            addresses.append(reverse("sitemap"))
    return addresses


def in_source_language(page):
    """The page's English original (itself when it is English or has none): lists of
    children are read from the English tree, then shown in the visitor's language."""
    if language_of(page) == settings.LANGUAGE_CODE:
        return page
    source_id = locale_ids().get(settings.LANGUAGE_CODE)
    original = (
        Page.objects.filter(translation_key=page.translation_key, locale_id=source_id)
        .specific()
        .first()
    )
    return original or page
