"""Public search in the visitor's language: each language's pages read with its own stemming,
then the English pages it has no translation of, at the visitor's addresses."""

import re

import pytest
from django.utils import translation
from wagtail.models import Page

from tests.markers import postgres_only

pytestmark = [
    pytest.mark.django_db,
    postgres_only("stemming per language is PostgreSQL's; SQLite searches without it"),
]


def result_links(content):
    """[(href, lang or "", title)] of the result headings, in order."""
    return re.findall(
        r'<h2><a href="([^"]+)"(?: lang="([^"]+)")?>([^<]+)</a></h2>', content.split("<ol", 1)[1]
    )


@pytest.fixture
def translate_about(site_tree, translate):
    """`translate_about(language, title, slug, introduction)`: the site's home page translated
    into `language` (title "IISG"), and its About page with the given title, slug and
    introduction."""

    def make(language, title, slug, introduction):
        translate(site_tree["home"], language, title="IISG")
        translate(site_tree["about"], language, title=title, slug=slug, introduction=introduction)

    return make


def test_albanian_search_finds_albanian_words_typed_without_their_diacritics(
    client, translate_about
):
    translate_about(
        "sq", "Rreth IISG", "rreth", "Përgjigjet e partnerëve ndaj nevojave të sigurisë."
    )
    # Typed as many keyboards in the region type it: e for ë.
    content = client.get("/sq/search/", {"q": "pergjigjet partnereve"}).content.decode()
    assert result_links(content) == [("/sq/rreth/", "", "Rreth IISG")]


def test_serbian_search_stems_inflected_words(client, translate_about):
    translate_about(
        "sr-latn",
        "O IISG",
        "o-iisg",
        "Mapiranje bezbednosnih potreba partnera sa Zapadnog Balkana.",
    )
    # "potreba" (genitive plural) finds "potrebama"'s stem; English stemming would not.
    content = client.get("/sr-latn/search/", {"q": "potreba"}).content.decode()
    assert ("/sr-latn/o-iisg/", "", "O IISG") in result_links(content)
    english = client.get("/search/", {"q": "potreba"}).content.decode()
    assert "O IISG" not in english


def test_english_pages_not_translated_come_after_the_language_s_own_in_english(
    client, translate_about
):
    translate_about("sq", "Rreth IISG", "rreth", "WBCTi")
    # The English pillar page (title WBCTi) has no Albanian translation.
    content = client.get("/sq/search/", {"q": "WBCTi"}).content.decode()
    links = result_links(content)
    albanian = [link for link in links if link[1] == ""]
    english = [link for link in links if link[1] == "en-GB"]
    assert links == albanian + english, "the visitor's language comes first"
    assert ("/sq/rreth/", "", "Rreth IISG") in albanian
    # The English About page has an Albanian translation: it is not listed a second time.
    assert all(title != "About IISG" for _href, _lang, title in links)
    # Untranslated English pages are found, at their address under /sq/, marked as English.
    assert ("/sq/wbcti/", "en-GB", "WBCTi") in english


def test_english_search_lists_no_page_of_another_language(client, translate_about):
    translate_about("sq", "Rreth IISG", "rreth", "IISG")
    links = result_links(client.get("/search/", {"q": "IISG"}).content.decode())
    assert links and all(not href.startswith("/sq/") and lang == "" for href, lang, _t in links)


def test_a_serbian_latin_query_finds_serbian_cyrillic_text(client, translate_about):
    translate_about(
        "sr",
        "О IISG",
        "o-iisg",
        "Мапирање безбедносних потреба партнера са Западног Балкана.",
    )
    for query in ("bezbednosnih potreba", "безбедносне потребе"):
        content = client.get("/sr/search/", {"q": query}).content.decode()
        assert ("/sr/o-iisg/", "", "О IISG") in result_links(content), query


def test_searches_outside_the_public_site_read_english_whatever_the_person_s_language(site_tree):
    """The admin's page search, for a person who reads Serbian, still stems English text as
    English ("meeting" finds "meetings"): only the public search chooses a language."""
    with translation.override("sr-latn"):
        found = list(Page.objects.live().search("meeting"))
    assert site_tree["news"].pk in {page.pk for page in found}
