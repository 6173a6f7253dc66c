"""Who may see and change which response in the admin: listing, chooser, export, each view."""

import pytest
from django.urls import reverse

from needs_snippets.models import Response
from tests.access import ROLES, client_for

OK, HIDDEN, DENIED, LOGIN = "ok", "hidden", "denied", "login"

# What each role gets from the admin views of organisation A's responses.
READ_VIEWS = ["inspect"]
CHANGE_VIEWS = ["edit", "copy", "delete", "history", "usage"]
EXPECTED = {
    # role: (read A's open, read A's restricted, change A's open, change A's restricted)
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN),
    "member_a": (OK, OK, OK, OK),
    "member_b": (HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "reviewer": (OK, HIDDEN, DENIED, HIDDEN),
    "board": (OK, HIDDEN, DENIED, HIDDEN),
    "secretariat": (OK, OK, OK, OK),
}


def outcome(response):
    if response.status_code == 200:
        return OK
    if response.status_code == 404:
        return HIDDEN
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302:
        return LOGIN if "login" in response["Location"] else DENIED
    return f"unexpected {response.status_code}"


def view_url(name, response):
    return reverse(Response.snippet_viewset.get_url_name(name), args=[response.pk])


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_responses_it_may(client, world, role):
    client = client_for(client, world, role)
    read_open, read_restricted, change_open, change_restricted = EXPECTED[role]
    for target, read, change in [
        (world["a_open"], read_open, change_open),
        (world["a_restricted"], read_restricted, change_restricted),
    ]:
        for name in READ_VIEWS:
            got = client.get(view_url(name, target))
            assert outcome(got) == read, (role, name, target.title)
            if read != OK:
                assert target.title not in got.content.decode()
        for name in CHANGE_VIEWS:
            got = client.get(view_url(name, target))
            assert outcome(got) == change, (role, name, target.title)
            if change != OK:
                assert target.title not in got.content.decode()


def test_a_member_cannot_change_or_delete_another_organisations_response_by_posting(client, world):
    client.force_login(world["users"]["member_b"])
    target = world["a_open"]
    edit = client.post(view_url("edit", target), {"title": "Taken over by B"})
    delete = client.post(view_url("delete", target))
    assert (edit.status_code, delete.status_code) == (404, 404)
    target.refresh_from_db()
    assert target.title == "Alpha open training"


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def listed_titles(client, url, **params):
    page = body(client.get(url, params))
    return {
        title
        for title in ("Alpha open", "Alpha restricted", "Bravo open", "Bravo restricted")
        if title in page
    }


#: Who may delete each organisation's responses: its focal points and the Secretariat.
DELETES = {"Alpha": ("member_a", "secretariat"), "Bravo": ("member_b", "secretariat")}


@pytest.mark.parametrize(
    "role, expected",
    [
        ("member_a", {"Alpha open", "Alpha restricted"}),
        ("member_b", {"Bravo open", "Bravo restricted"}),
        ("reviewer", {"Alpha open", "Bravo open"}),
        ("board", {"Alpha open", "Bravo open"}),
        ("secretariat", {"Alpha open", "Alpha restricted", "Bravo open", "Bravo restricted"}),
    ],
)
def test_listing_chooser_exports_and_bulk_delete_show_only_what_the_role_may_see(
    client, world, role, expected
):
    client = client_for(client, world, role)
    listing = reverse(Response.snippet_viewset.get_url_name("list"))
    chooser = reverse(Response.snippet_viewset.chooser_viewset.get_url_name("choose"))
    bulk_delete = reverse("wagtail_bulk_action", args=["needs_snippets", "response", "delete"])
    every_id = [response.pk for response in Response.objects.all()]
    assert listed_titles(client, listing) == expected
    assert listed_titles(client, chooser) == expected
    assert listed_titles(client, listing, export="csv") == expected
    # The bulk delete page names what the user may delete; the rest it may see, it counts.
    deletable = {title for title in expected if role in DELETES.get(title.split()[0], ())}
    for ids in ("all", every_id):
        page = body(client.get(bulk_delete, {"id": ids}))
        assert listed_titles(client, bulk_delete, id=ids) == deletable
        if expected - deletable:
            assert f"({len(expected - deletable)})" in page


def test_chosen_view_does_not_return_a_response_the_user_may_not_see(client, world):
    client.force_login(world["users"]["member_b"])
    viewset = Response.snippet_viewset.chooser_viewset
    chosen = reverse(viewset.get_url_name("chosen"), args=[world["a_restricted"].pk])
    assert client.get(chosen).status_code == 404


def test_site_history_shows_a_member_its_own_organisations_responses_only(client, world):
    for response in Response.objects.all():
        response.save_revision(user=world["users"]["secretariat"], log_action=True)
    client.force_login(world["users"]["member_a"])
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Alpha open training" in history
    assert "Bravo" not in history


def test_a_focal_point_adds_responses_for_its_own_organisation_only(client, world):
    client.force_login(world["users"]["member_a"])
    form = client.get(reverse(Response.snippet_viewset.get_url_name("add"))).context["form"]
    assert list(form.fields["reporting_member"].queryset) == [world["org_a"]]
    assert form.fields["reporting_member"].initial == world["org_a"].pk
