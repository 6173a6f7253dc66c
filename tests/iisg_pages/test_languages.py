"""The public site in the region's languages: addresses, fallback to English, `lang`,
`hreflang`, the switcher and a sitemap per language."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.languages import bcp47
from tests.factories import UserFactory
from tests.pages import publish

pytestmark = pytest.mark.django_db

REGION = ["sq", "bs", "cnr", "hr", "mk", "sr-latn", "sr"]


def html_lang(content):
    return re.search(r'<html lang="([^"]+)"', content).group(1)


def alternates(content):
    """{hreflang: address} of the page's <link rel="alternate"> elements."""
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', content))


def test_every_language_has_a_locale_and_an_address():
    assert {code for code, _name in settings.LANGUAGES} == {"en-gb", *REGION}
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en-gb", *REGION}


@pytest.mark.parametrize("language", REGION)
def test_an_untranslated_page_is_english_under_the_language_address_with_a_note(
    client, site_tree, language
):
    response = client.get(f"/{language}/about/")
    assert response.status_code == 200
    content = response.content.decode()
    assert html_lang(content) == bcp47(language)
    assert "About IISG" in content
    # The page's own text is marked as English for screen readers; the note is not.
    assert '<main id="main" tabindex="-1" lang="en-GB"' in content
    assert re.search(rf'class="untranslated-note" lang="{bcp47(language)}"', content)
    # No hreflang alternate claims the English text is in this language.
    assert bcp47(language) not in alternates(content)


def test_english_pages_keep_their_addresses_and_say_they_are_british_english(client, site_tree):
    response = client.get("/about/")
    content = response.content.decode()
    assert html_lang(content) == "en-GB"
    assert "untranslated-note" not in content
    assert alternates(content) == {
        "en-GB": "http://testserver/about/",
        "x-default": "http://testserver/about/",
    }


def test_a_translated_page_is_served_in_its_language_with_alternates_both_ways(
    client, site_tree, translate
):
    translate(site_tree["home"], "sq", title="IISG")
    translate(site_tree["about"], "sq", title="Rreth IISG", slug="rreth")
    albanian = client.get("/sq/rreth/").content.decode()
    assert html_lang(albanian) == "sq"
    assert "Rreth IISG" in albanian and "untranslated-note" not in albanian
    assert alternates(albanian) == {
        "en-GB": "http://testserver/about/",
        "x-default": "http://testserver/about/",
        "sq": "http://testserver/sq/rreth/",
    }
    english = client.get("/about/").content.decode()
    assert alternates(english)["sq"] == "http://testserver/sq/rreth/"


def test_the_switcher_keeps_the_visitor_on_the_same_page(client, site_tree, translate):
    translate(site_tree["home"], "mk", title="IISG")
    translate(site_tree["about"], "mk", title="За IISG", slug="za")
    content = client.get("/about/").content.decode()
    switcher = re.search(r'<nav class="site-languages".*?</nav>', content, re.S).group(0)
    links = dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher))
    assert links["/mk/za/"] == "mk"  # the translation
    assert links["/sq/about/"] == "sq"  # not translated: the English page under /sq/
    assert links["/about/"] == "en-GB"
    assert 'aria-current="true">English<' in switcher


def test_a_hidden_language_leaves_the_switcher_but_keeps_its_address(client, site_tree, settings):
    settings.IISG_HIDDEN_LANGUAGES = ["cnr"]
    content = client.get("/about/").content.decode()
    assert "/cnr/about/" not in content
    assert client.get("/cnr/about/").status_code == 200


def language_links(content):
    """The addresses the page's language switcher and its hreflang alternates lead to."""
    switcher = re.search(r'<nav class="site-languages".*?</nav>', content, re.S)
    links = re.findall(r'<a href="([^"]+)" lang=', switcher.group(0)) if switcher else []
    return links + list(alternates(content).values())


@pytest.mark.parametrize(
    "address", ["/login/", "/account/password/reset/", "/sq/no-such-page/", "/no-such-page/"]
)
def test_pages_at_one_address_offer_no_language_that_leads_to_a_missing_page(
    client, site_tree, address
):
    # Signing in and resetting a password have one address (in no language's prefix); a
    # missing page is missing in every language.
    content = client.get(address).content.decode()
    assert [link for link in language_links(content) if client.get(link).status_code != 200] == []
    assert language_links(content) == []
    assert '<nav class="site-account"' in content  # the header is still there


def test_switching_language_on_search_results_keeps_the_search(client, site_tree):
    content = client.get("/sq/search/", {"q": "border", "page": "1"}).content.decode()
    switcher = re.search(r'<nav class="site-languages".*?</nav>', content, re.S).group(0)
    links = dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher))
    assert links["/search/?q=border&amp;page=1"] == "en-GB"
    assert links["/mk/search/?q=border&amp;page=1"] == "mk"
    assert alternates(content)["sr-Latn"] == "http://testserver/sr-latn/search/?q=border&amp;page=1"
    macedonian = client.get("/mk/search/?q=border&page=1").content.decode()
    assert 'name="q" value="border"' in macedonian and html_lang(macedonian) == "mk"


def test_an_unknown_address_is_not_found_in_every_language(client, site_tree):
    assert client.get("/sq/no-such-page/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


def test_a_draft_translation_is_not_served_the_english_page_is(client, site_tree, translate):
    translate(site_tree["home"], "sq", title="IISG")
    draft = site_tree["about"].copy_for_translation(Locale.objects.get(language_code="sq"))
    draft.title = "Rreth IISG (draft)"
    draft.save_revision()
    content = client.get("/sq/about/").content.decode()
    assert "About IISG" in content and "(draft)" not in content
    assert "untranslated-note" in content


def test_each_language_has_its_own_sitemap_of_its_pages(client, site_tree, translate):
    translate(site_tree["home"], "sq", title="IISG")
    translate(site_tree["about"], "sq", title="Rreth IISG", slug="rreth")
    albanian = client.get("/sq/sitemap.xml").content.decode()
    assert "http://localhost/sq/rreth/" in albanian
    assert "/about/" not in albanian
    english = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/about/" in english and "/sq/" not in english
    assert client.get("/mk/sitemap.xml").status_code == 200  # no Macedonian pages: empty
    robots = client.get("/robots.txt").content.decode()
    for language in REGION:
        assert f"Sitemap: http://testserver/{language}/sitemap.xml" in robots


def test_the_menu_shows_translated_titles_and_keeps_untranslated_items_in_the_language(
    client, site_tree, translate
):
    for key in ("about", "news_index"):
        site_tree[key].show_in_menus = True
        site_tree[key].save_revision().publish()
    translate(site_tree["home"], "sq", title="IISG")
    translate(site_tree["about"], "sq", title="Rreth IISG", slug="rreth", show_in_menus=True)
    content = client.get("/sq/").content.decode()
    menu = re.search(r'<nav class="site-nav".*?</nav>', content, re.S).group(0)
    assert '<a href="/sq/rreth/">Rreth IISG</a>' in menu
    assert '<a href="/sq/news/">News</a>' in menu


def test_a_translation_goes_through_its_english_original_s_workflow(site_tree, translate):
    workflow = Workflow.objects.create(name="Communications review")
    task = GroupApprovalTask.objects.create(name="Secretariat review")
    task.groups.set([Group.objects.get(name="Secretariat")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=site_tree["about"], workflow=workflow)
    translate(site_tree["home"], "sq", title="IISG")
    draft = site_tree["about"].copy_for_translation(Locale.objects.get(language_code="sq"))
    draft.title = "Rreth IISG"
    draft.save_revision()
    assert draft.get_workflow() == workflow and draft.has_workflow

    editor = UserFactory(username="editor", groups=["Secretariat"])
    state = workflow.start(draft, editor)
    assert not Page.objects.get(pk=draft.pk).live, "submitted, not yet approved"
    state.current_task_state.task.specific.on_action(state.current_task_state, editor, "approve")
    assert Page.objects.get(pk=draft.pk).live


PAGE_TYPES = ["home", "about", "pillar_page", "news_index", "news", "reports", "report"]


@pytest.mark.parametrize("key", PAGE_TYPES)
def test_every_page_type_translated_has_lang_and_alternates_both_ways(
    client, site_tree, translate, adopt, django_capture_on_commit_callbacks, key
):
    adopt(site_tree["report"])  # a report is translated once adopted
    publish(site_tree["report"], django_capture_on_commit_callbacks)
    for parent in ("home", "news_index", "reports"):
        if parent != key and site_tree[key].is_descendant_of(site_tree[parent]):
            translate(site_tree[parent], "sq", title="IISG")
    page = Page.objects.get(pk=site_tree[key].pk).specific
    translated = translate(page, "sq", title=f"{page.title} (shqip)")
    english_url, albanian_url = page.url, translated.url
    assert albanian_url.startswith("/sq/")
    albanian = client.get(albanian_url).content.decode()
    assert html_lang(albanian) == "sq" and "untranslated-note" not in albanian
    assert alternates(albanian)["sq"] == f"http://testserver{albanian_url}"
    assert alternates(albanian)["x-default"] == f"http://testserver{english_url}"
    english = client.get(english_url).content.decode()
    assert html_lang(english) == "en-GB"
    assert alternates(english)["sq"] == f"http://testserver{albanian_url}"
