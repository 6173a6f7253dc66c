"""The members area speaks the language each person chose, whatever the address says."""

import re

import pytest
from wagtail.users.models import UserProfile

from tests.access import client_for

pytestmark = pytest.mark.django_db


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_without_a_choice_the_area_is_in_english(client, area):
    response = client_for(client, area, "member_a").get(area["page"].url)
    assert response.status_code == 200
    assert html_lang(response) == "en-GB"


@pytest.mark.parametrize("language, tag", [("sq", "sq"), ("sr-latn", "sr-Latn"), ("mk", "mk")])
def test_the_chosen_language_sets_the_area(client, area, language, tag):
    person = area["users"]["member_a"]
    UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": language})
    response = client_for(client, area, "member_a").get(area["page"].url + "needs/")
    assert response.status_code == 200
    assert html_lang(response) == tag
    assert response["Content-Language"] == language


def test_a_person_chooses_their_language_from_the_area(client, area):
    signed_in = client_for(client, area, "member_a")
    page = signed_in.get(area["page"].url).content.decode()
    assert 'action="/account/language/"' in page and '<option value="sq" lang="sq">' in page
    response = signed_in.post(
        "/account/language/", {"language": "mk", "next": area["page"].url + "needs/"}
    )
    assert response.status_code == 302 and response["Location"] == area["page"].url + "needs/"
    person = area["users"]["member_a"]
    assert UserProfile.objects.get(user=person).preferred_language == "mk"
    assert html_lang(signed_in.get(area["page"].url)) == "mk"


@pytest.mark.parametrize("language", ["xx", "", "sq' OR 1=1", "e" * 5000])
def test_an_unknown_language_changes_nothing_and_says_so(client, area, language):
    person = area["users"]["member_a"]
    UserProfile.objects.update_or_create(user=person, defaults={"preferred_language": "sq"})
    signed_in = client_for(client, area, "member_a")
    response = signed_in.post("/account/language/", {"language": language}, follow=True)
    assert response.status_code == 200
    assert UserProfile.objects.get(user=person).preferred_language == "sq"
    assert len(list(response.context["messages"])) == 1


def test_choosing_a_language_needs_a_signed_in_person_and_stays_on_the_site(client, area):
    response = client.post("/account/language/", {"language": "sq"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    signed_in = client_for(client, area, "member_a")
    response = signed_in.post(
        "/account/language/", {"language": "sq", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/members/"
    assert signed_in.get("/account/language/").status_code == 405


@pytest.mark.parametrize("prefix", ["", "/sq", "/sr"])
@pytest.mark.parametrize("section, title", [("needs/", "Needs"), ("analysis/gaps/", "Gaps")])
def test_a_section_is_titled_and_marked_at_any_address(client, area, prefix, section, title):
    """The area is served at an address with a language prefix too: the section still has its
    title, heading, table name and its navigation item marked current."""
    page = client_for(client, area, "member_a").get(prefix + area["page"].url + section)
    html = page.content.decode()
    assert page.status_code == 200
    assert f"<title>{title} · Members area" in html and f"<h1>{title}</h1>" in html
    assert f'<caption class="visually-hidden">{title}</caption>' in html
    assert re.search(rf'<a href="[^"]*/{section}"[^>]*aria-current="page"', html)
