"""Kosovo* everywhere: a crawl of the demo's public pages, search results, members' pages and
API lists fails on a bare "Kosovo", and on a page or document naming Kosovo* without its
footnote."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import pgettext
from wagtail.models import Page

from iisg_pages.models import MembersAreaPage, ReportPage
from needs_snippets import tokens
from needs_snippets.constants import KOSOVO_FOOTNOTE

pytestmark = pytest.mark.django_db

FOOTNOTE = str(KOSOVO_FOOTNOTE)
BARE = re.compile(r"Kosovo(?!\*)")


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses to run otherwise
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False


def bare_mentions(text, query=None):
    """Where `text` names Kosovo without the asterisk (the footnote itself, and a visitor's own
    search words echoed back, aside)."""
    text = text.replace(FOOTNOTE, "").replace("&#x27;", "'")
    if query:
        text = text.replace(f"“{query}”", "")
    return [text[max(m.start() - 50, 0) : m.end() + 20] for m in BARE.finditer(text)]


def html_problems(url, response, query=None):
    assert response.status_code == 200, url
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    problems = [f"{url}: bare {mention!r}" for mention in bare_mentions(text, query)]
    if "Kosovo*" in text and FOOTNOTE not in re.sub(r"\s+", " ", text):
        problems.append(f"{url}: names Kosovo* without the footnote")
    return problems


def test_every_public_and_members_page_names_kosovo_with_its_footnote(
    client, demo, django_user_model
):
    public = [page.url for page in Page.objects.live().public().specific() if page.url]
    report = ReportPage.objects.live().get().url
    public += [f"{report}partner/XK/", f"{report}partner/AL/"]  # one-partner extracts
    searches = {"/search/?q=Kosovo": "Kosovo", "/search/?q=border": None}
    problems = []
    for url in public:
        problems += html_problems(url, client.get(url))
    for url, query in searches.items():
        problems += html_problems(url, client.get(url), query)

    client.force_login(django_user_model.objects.get(username="focal-unodc"))
    members = MembersAreaPage.objects.live().get().url
    for route in ("", "needs/", "responses/", "analysis/gaps/", "analysis/coverage/",
                  "analysis/overlaps/", "analysis/charts/", "analysis/charts/?shade=gaps",
                  "partners/XK/", "partners/RS/", "documents/"):  # fmt: skip
        problems += html_problems(members + route, client.get(members + route))
    assert problems == []
    # The named pages of the report carry it too (in the content, not only the footer).
    assert any("Kosovo*" in client.get(url).content.decode() for url in public)


def test_every_api_list_names_kosovo_with_its_footnote(client, demo, django_user_model):
    token = tokens.issue(django_user_model.objects.get(username="focal-unodc"), "crawl")[1]
    document = client.get("/api/v3/openapi.json").json()
    lists = [
        path for path, operations in document["paths"].items()
        if "get" in operations and "{" not in path and not path.endswith(("openapi.json", "docs"))
    ]  # fmt: skip
    assert len(lists) >= 5
    problems = []
    for path in lists:
        response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        if response.status_code != 200 or not response["Content-Type"].startswith(
            "application/json"
        ):
            continue
        body = response.content.decode("unicode_escape", errors="ignore")
        problems += [f"{path}: bare {mention!r}" for mention in bare_mentions(body)]
        if "Kosovo*" in body and FOOTNOTE not in body:
            problems.append(f"{path}: names Kosovo* without the footnote")
    assert problems == []


def test_a_page_naming_kosovo_gets_the_footnote_once(client, demo):
    home = client.get("/").content.decode()
    assert "Kosovo*" in home
    assert home.count(FOOTNOTE) == 1
    about = client.get("/about/").content.decode()
    assert "Kosovo*" not in about and FOOTNOTE not in about  # none where it is not named


def test_every_e_mail_naming_kosovo_carries_the_footnote_once(mailoutbox):
    """Whatever sends it: the site's e-mail backend adds the footnote to the text and the HTML
    part of a message naming Kosovo*, and leaves other messages alone."""
    from django.core.mail import EmailMultiAlternatives, send_mail

    send_mail("Template for Kosovo*", "Please fill in the template.", None, ["a@example.org"])
    message = EmailMultiAlternatives(
        "Reminder", "Kosovo* has not voted yet.", None, ["b@example.org"]
    )
    message.attach_alternative(
        "<html><body><p>Kosovo* has not voted.</p></body></html>", "text/html"
    )
    message.send()
    send_mail("Published", f"The report is published.\n\n{FOOTNOTE}", None, ["c@example.org"])
    send_mail("Published", "The report is published.", None, ["d@example.org"])

    first, second, third, fourth = mailoutbox
    assert first.body.endswith(f"Please fill in the template.\n\n{FOOTNOTE}\n")
    assert second.body.count(FOOTNOTE) == 1
    html, _mimetype = second.alternatives[0]
    assert html.endswith(f'<p class="footnote">{FOOTNOTE}</p></body></html>')
    assert third.body.count(FOOTNOTE) == 1  # already there: not added twice
    assert FOOTNOTE not in fourth.body


@pytest.mark.parametrize("language", ["en-gb", "sq", "bs", "cnr", "hr", "mk", "sr-latn", "sr"])
def test_a_page_naming_kosovo_in_any_language_carries_the_footnote_in_it(
    client, site_tree, translate, language
):
    """Each language's designation (Kosova*, Косово*) brings the footnote, in that language."""
    with translation.override(language):
        name, footnote = pgettext("designation", "Kosovo*"), str(KOSOVO_FOOTNOTE)
    assert name.endswith("*") and "1244" in footnote
    prefix = ""
    if language != "en-gb":
        assert footnote != FOOTNOTE, "the footnote is translated"
        for key in ("home", "news_index"):
            translate(site_tree[key], language, title="IISG")
        translate(site_tree["news"], language, place=f"Prishtina, {name}", introduction="")
        prefix = f"/{language}"
    content = client.get(f"{prefix}/news/prishtina/").content.decode()
    assert name in content
    assert content.count(escape(footnote)) == 1
