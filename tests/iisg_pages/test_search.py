"""Public search finds public, live content only: never private pages or unpublished needs."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from iisg_pages.models import StandardPage
from iisg_pages.needs_search import matching_published_needs
from needs_snippets.models import Need
from needs_snippets.roles import MEMBERS
from tests.factories import MappingCycleFactory, NeedFactory
from tests.pages import add, publish

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def published_site(site_tree, django_capture_on_commit_callbacks):
    publish(site_tree["report"], django_capture_on_commit_callbacks)
    return site_tree


def test_finds_public_pages_and_published_needs(client, published_site):
    content = search(client, "rehabilitation")
    assert "WBCTi-PRE-OPE-01 Returnee rehabilitation" in content
    assert f"{published_site['report'].url}#need-WBCTi-PRE-OPE-01" in content
    assert "About IISG" in search(client, "About IISG")


def test_never_returns_members_area_pages(client, published_site):
    members_area = add(
        published_site["home"],
        StandardPage(title="Members area", slug="members", introduction="Confidential overlap"),
    )
    restriction = PageViewRestriction.objects.create(
        page=members_area, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=MEMBERS))
    content = search(client, "confidential overlap")
    assert "Members area" not in content
    assert "0 results" in content


def test_never_returns_unpublished_needs(client, site_tree, django_capture_on_commit_callbacks):
    Need.objects.filter(pk=site_tree["needs"]["crisis"].pk).update(live=False)
    publish(site_tree["report"], django_capture_on_commit_callbacks)
    assert "Crisis exercises" not in search(client, "crisis exercises")
    assert "Returnee rehabilitation" in search(client, "rehabilitation")


def test_never_returns_needs_added_after_the_report_was_published(client, published_site):
    NeedFactory(
        cycle=published_site["cycle"],
        reference_code="LATE-01",
        title="Late addition about drones",
        partners=[published_site["partners"]["AL"]],
    )
    assert "Late addition" not in search(client, "drones")


def test_shows_needs_as_published(client, published_site):
    need = published_site["needs"]["returnees"]
    need.gap = "Rewritten gap after publication."
    need.save_revision().publish()
    content = search(client, "rehabilitation")
    assert "Returnee rehabilitation" in content
    assert "Rewritten gap" not in content


def test_finds_a_need_by_its_adopted_words_not_by_later_ones(client, published_site):
    """A need rewritten in the database after adoption (a correction, a data migration) is
    found by the words the report shows, stemmed, and not by words only its new text has."""
    need = Need.objects.get(pk=published_site["needs"]["returnees"].pk)
    need.title, need.state_of_play = "Zebra programme", "Xylophone"
    need.save()  # indexed again for the members' search
    for adopted in ("rehabilitation", "rehabilitating returnees", "WBCTi-PRE-OPE-01"):
        assert "WBCTi-PRE-OPE-01 Returnee rehabilitation" in search(client, adopted), adopted
    for later in ("zebra", "xylophone"):
        assert "WBCTi-PRE-OPE-01" not in search(client, later), later


def test_never_returns_needs_of_cycles_without_a_published_report(client, published_site):
    NeedFactory(
        cycle=MappingCycleFactory(edition="2023–2024"),
        reference_code="NEXT-01",
        title="Drone detection at borders",
        partners=[published_site["partners"]["AL"]],
    )
    assert "Drone detection" not in search(client, "drone detection")


def test_never_returns_draft_pages(client, published_site):
    draft = StandardPage(title="Unreleased statement", slug="draft", live=False)
    published_site["home"].add_child(instance=draft)
    assert "Unreleased statement" not in search(client, "unreleased statement")


def test_empty_query_shows_the_form(client, published_site):
    content = search(client, "")
    assert '<label for="search-page-query">' in content
    assert "result" not in content.split("</form>")[1]


def test_two_editions_holding_the_same_needs_still_fill_the_results(published_site, adopt):
    """A second live report of the same cycle, published after one of its needs was withdrawn
    from the database: the others are found once each (in the report published last), the
    withdrawn one in the first report, and as many as asked for, not fewer."""
    report = published_site["report"]
    query = "WBCTi"
    found = {row["id"]: found_in for row, found_in in matching_published_needs(query, 50)}
    assert len(found) >= 3 and set(found.values()) == {report}
    withdrawn = Need.objects.get(pk=min(found))
    withdrawn.unpublish()
    copy = report.copy(update_attrs={"slug": "same-cycle-again", "title": "Same cycle again"})
    copy.save_revision().publish()
    adopt(copy)

    again = matching_published_needs(query, len(found))
    assert {row["id"]: found_in for row, found_in in again} == {
        need_id: report if need_id == withdrawn.pk else copy.specific for need_id in found
    }
