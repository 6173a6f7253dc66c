"""Page tree rules, and every page type renders as a visitor sees it."""

import pytest

from iisg_pages import models
from tests.pages import publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "child, parent, allowed",
    [
        (models.StandardPage, models.HomePage, True),
        (models.StandardPage, models.StandardPage, True),
        (models.PillarPage, models.HomePage, True),
        (models.PillarPage, models.StandardPage, False),
        (models.NewsPage, models.NewsIndexPage, True),
        (models.NewsPage, models.HomePage, False),
        (models.ReportPage, models.ReportIndexPage, True),
        (models.ReportPage, models.HomePage, False),
        (models.ReportPage, models.StandardPage, False),
        (models.ReportIndexPage, models.HomePage, True),
        (models.NewsIndexPage, models.StandardPage, False),
    ],
)
def test_page_tree_rules(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_pillar_and_news_pages_are_leaves():
    assert models.PillarPage.allowed_subpage_models() == []
    assert models.NewsPage.allowed_subpage_models() == []
    assert models.ReportPage.allowed_subpage_models() == []


def test_only_one_home_news_index_and_report_index(site_tree):
    home = site_tree["home"]
    assert not models.HomePage.can_create_at(home.get_parent())
    assert not models.NewsIndexPage.can_create_at(home)
    assert not models.ReportIndexPage.can_create_at(home)


@pytest.mark.parametrize(
    "key, expected",
    [
        ("home", "The three pillars"),
        ("about", "About IISG"),
        ("pillar_page", "Counter-terrorism"),
        ("news_index", "WBCTi Support Group in Prishtina"),
        ("news", "3 March 2021"),
        ("reports", "No report has been published yet"),
    ],
)
def test_every_page_type_renders_in_the_site_design(client, site_tree, key, expected):
    page = site_tree[key]
    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert expected in content
    assert '<html lang="en-GB">' in content
    assert 'href="#main"' in content and '<main id="main"' in content
    assert f"<title>{page.title} · IISG</title>" in content


def test_report_page_renders_and_says_it_is_a_draft_in_preview(site_tree):
    report = site_tree["report"]
    response = report.make_preview_request()
    content = response.rendered_content
    assert "Returnee rehabilitation" in content
    assert "Draft: tables show the secure database as it is now." in content


def test_published_report_renders_with_contents_and_footnote(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    content = client.get(report.url).content.decode()
    assert '<nav class="toc"' in content
    assert "Published edition, as approved" in content
    assert '<strong class="key-figure__count">4</strong> needs in all.' in content
    assert "*This designation is without prejudice" in content
    assert f'href="{report.url}pdf/"' in content


def test_news_about_kosovo_carries_the_footnote(client, site_tree):
    content = client.get(site_tree["news"].url).content.decode()
    assert "Prishtina, Kosovo*" in content
    assert "UNSCR 1244/1999" in content


def test_meta_description_comes_from_the_introduction(client, site_tree):
    content = client.get(site_tree["about"].url).content.decode()
    assert '<meta name="description" content="What it is.">' in content


def test_missing_page_uses_the_site_design(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content and 'href="#main"' in content


def test_server_error_page_stands_alone():
    from django.template.loader import render_to_string

    content = render_to_string("500.html")
    assert "Something went wrong" in content and '<html lang="en-GB">' in content


def test_robots_and_sitemap(client, site_tree):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/about/" in sitemap and "/wbcti/" in sitemap


def test_assets_are_served_by_the_site_itself(client, site_tree):
    content = client.get(site_tree["home"].url).content.decode()
    assert "https://" not in content.split("<body")[0]  # no external stylesheet or script


def test_the_site_has_a_favicon(client, site_tree):
    home = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in home
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/favicon.svg"
