"""The permission matrix of the members area: every role × every route, export and document."""

import pytest

from needs_snippets.models import Member
from tests.access import ROLES, client_for
from tests.factories import UserFactory

OK, HIDDEN, LOGIN, FORBIDDEN = 200, 404, "login", 403
READERS = ["member_a", "member_b", "reviewer", "board", "secretariat"]


def routes(area):
    """(name, url, {role: expected}) for each members-area route; anonymous → login."""
    Member.objects.filter(pk=area["org_a"].pk).update(
        iati_identifier="XI-IATI-ORGA", iati_organisation_type="40"
    )
    base = area["page"].url
    everyone = dict.fromkeys(READERS, OK)
    only_a_and_secretariat = {**dict.fromkeys(READERS, HIDDEN), "member_a": OK, "secretariat": OK}
    plain = [
        ("dashboard", ""),
        ("needs", "needs/"),
        ("needs filtered", f"needs/?partner={area['partners']['AL'].pk}&q=financial&sort=title"),
        ("need", f"needs/{area['need'].pk}/"),
        ("responses", "responses/"),
        ("open response of A", f"responses/{area['a_open'].pk}/"),
        ("gaps", "analysis/gaps/"),
        ("overlaps", "analysis/overlaps/"),
        ("coverage", "analysis/coverage/"),
        ("editions compared", "analysis/editions/"),
        ("editions compared CSV", "analysis/editions/?export=csv"),
        ("documents", "documents/"),
        ("API tokens", "api-tokens/"),
        ("IATI", "iati/"),
        ("needs XLSX", "needs/?export=xlsx"),
        ("needs CSV", "needs/?export=csv"),
        ("responses XLSX", "responses/?export=xlsx"),
        ("responses CSV", "responses/?export=csv"),
        ("gaps CSV", "analysis/gaps/?export=csv"),
        ("overlaps XLSX", "analysis/overlaps/?export=xlsx"),
        ("coverage CSV", "analysis/coverage/?export=csv"),
    ]
    table = [(name, base + path, everyone) for name, path in plain]
    table += [
        ("draft need", f"{base}needs/{area['draft'].pk}/", dict.fromkeys(READERS, HIDDEN)),
        ("restricted response of A", f"{base}responses/{area['a_restricted'].pk}/",
         only_a_and_secretariat),
        ("private document", area["document"].url, everyone),
        ("IATI file of A", f"{base}iati/{area['org_a'].pk}/activities/", only_a_and_secretariat),
    ]  # fmt: skip
    return table


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_it_may_from_every_route(client, area, two_editions, role):
    client = client_for(client, area, role)
    for name, url, expected in routes(area):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, name
            assert response["Location"].startswith("/login/?next="), name
        else:
            assert response.status_code == expected[role], (name, url)


def test_a_login_outside_the_member_groups_is_refused_not_sent_to_the_login(client, area):
    client.force_login(UserFactory(username="applicant"))
    assert client.get(area["page"].url).status_code == FORBIDDEN
    assert client.get(area["page"].url + "needs/?export=csv").status_code == FORBIDDEN


def text_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize(
    "role, sees_restricted_of_a",
    [("member_a", True), ("member_b", False), ("reviewer", False), ("board", False),
     ("secretariat", True)],
)  # fmt: skip
def test_restricted_responses_reach_only_their_organisation_and_the_secretariat(
    client, area, role, sees_restricted_of_a
):
    client = client_for(client, area, role)
    base = area["page"].url
    pages = [
        base + "responses/",
        base + "responses/?export=csv",
        base + f"needs/{area['need'].pk}/",
        base + "analysis/overlaps/",
        base + "analysis/overlaps/?export=csv",
    ]
    for url in pages:
        text = text_of(client.get(url))
        assert ("Alpha restricted operation" in text) is sees_restricted_of_a, url
        assert "Alpha open training" in text, url


def test_guessing_another_organisations_response_id_reveals_nothing(client, area):
    client.force_login(area["users"]["member_a"])
    response = client.get(area["page"].url + f"responses/{area['b_restricted'].pk}/")
    assert response.status_code == 404
    assert "Bravo restricted" not in response.content.decode()


def test_only_the_owner_and_the_secretariat_get_an_edit_link(client, area):
    url = area["page"].url + f"responses/{area['a_open'].pk}/"
    for role, has_link in [("member_a", True), ("member_b", False), ("secretariat", True)]:
        client.force_login(area["users"][role])
        assert ("Edit this response" in client.get(url).content.decode()) is has_link, role


def test_private_documents_are_never_served_from_their_media_path(client, area):
    client.force_login(area["users"]["member_a"])
    media_url = area["document"].file.url
    assert media_url.startswith("/media/documents/")
    assert client.get(media_url).status_code == 404
    served = client.get(area["document"].url)
    assert b"".join(served.streaming_content) == b"Minutes of the Board."


def test_the_members_area_is_not_in_the_sitemap_or_public_search(client, area):
    assert "/members/" not in client.get("/sitemap.xml").content.decode()
    assert "Members area" not in client.get("/search/", {"q": "members"}).content.decode()


def test_removing_the_page_restriction_does_not_open_the_area(client, area):
    area["page"].view_restrictions.all().delete()
    assert client.get(area["page"].url + "needs/").status_code == 403  # anonymous too
    client.force_login(UserFactory(username="applicant"))
    assert client.get(area["page"].url + "needs/").status_code == 403
