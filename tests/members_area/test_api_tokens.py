"""API tokens in the members area: each person creates, sees and revokes its own."""

import re

import pytest
from wagtail.models import APIToken

from iisg_pages.accounts import totp
from tests.access import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def second_factors(area):
    """Creating a token takes a second factor: these members have an authenticator app."""
    for role in ("member_a", "member_b"):
        totp.enrol(area["users"][role])


def api_status(client, token):
    return client.get("/api/v3/database/needs/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def create(client, area, name):
    url = area["page"].url + "api-tokens/"
    response = client.post(url, {"name": name}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    match = re.search(
        r'<code class="token" id="new-token">([^<]+)</code>', response.content.decode()
    )
    assert match, "the new token is shown"
    return match.group(1)


def test_a_member_creates_a_token_that_reads_the_api_and_sees_it_once(client, area):
    client = client_for(client, area, "member_a")
    token = create(client, area, "Ministry dashboard")
    assert api_status(client, token) == 200

    listing = client.get(area["page"].url + "api-tokens/").content.decode()
    assert token not in listing  # shown once only, even on reloading the page
    stored = APIToken.objects.get(user=area["users"]["member_a"])
    assert "Ministry dashboard" in listing and f"{stored.prefix}…" in listing
    assert stored.key_hash != token  # only a digest is kept


def test_revoking_stops_the_token_and_only_ones_own_can_be_revoked(client, area):
    member_b = client_for(client.__class__(), area, "member_b")
    token_b = create(member_b, area, "B's script")
    member_a = client_for(client, area, "member_a")
    token_a = create(member_a, area, "A's script")

    b_token_id = APIToken.objects.get(user=area["users"]["member_b"]).pk
    assert member_a.post(f"{area['page'].url}api-tokens/{b_token_id}/revoke/").status_code == 404
    assert api_status(member_a, token_b) == 200

    a_token_id = APIToken.objects.get(user=area["users"]["member_a"]).pk
    response = member_a.post(f"{area['page'].url}api-tokens/{a_token_id}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    assert api_status(member_a, token_a) == 401
    assert member_a.get(f"{area['page'].url}api-tokens/{a_token_id}/revoke/").status_code == 405


def test_a_token_needs_a_name_and_active_tokens_are_limited(client, area):
    client = client_for(client, area, "member_a")
    url = area["page"].url + "api-tokens/"
    assert "This field is required" in client.post(url, {"name": ""}).content.decode()
    for index in range(10):
        create(client, area, f"Tool {index}")
    refused = client.post(url, {"name": "One too many"}).content.decode()
    assert "You have 10 active tokens, the most allowed" in refused
    assert APIToken.objects.filter(user=area["users"]["member_a"]).count() == 10
