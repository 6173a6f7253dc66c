"""Sessions and API tokens end: idle and absolute session limits, a new session key at sign-in,
a password change or reset ends the person's other sessions and revokes their tokens,
deactivation revokes tokens, tokens expire, and a rotated SECRET_KEY keeps tokens and sessions
valid through SECRET_KEY_FALLBACKS."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from wagtail.models import APIToken

from iisg_pages.accounts import sessions
from needs_snippets import tokens
from needs_snippets.models import TokenExpiry
from needs_snippets.roles import SECRETARIAT
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum orchard at dawn 2026"
DATABASE = "/api/v3/database/needs/"


def api(client, token, path=DATABASE):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def age_session(client, **fields):
    session = client.session
    for name, seconds_ago in fields.items():
        session[name] = time.time() - seconds_ago
    session.save()


@pytest.fixture
def member(area):
    user = area["users"]["member_a"]
    user.set_password(PASSWORD)
    user.save()
    return user


def test_staff_sessions_end_after_30_idle_minutes(client, security_log, signed_in):
    client.force_login(UserFactory(groups=[SECRETARIAT]))
    age_session(client, **{sessions.LAST_SEEN: 29 * 60})
    assert client.get("/admin/").status_code == 200
    age_session(client, **{sessions.LAST_SEEN: 31 * 60})
    response = client.get("/admin/pages/")
    assert response["Location"] == "/login/?next=%2Fadmin%2Fpages%2F"
    assert not signed_in()
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity. Please sign in again." in page
    [event] = security_log("session_expired")
    assert event["outcome"] == "refused" and event["record"].limit == "idle"


def test_members_have_their_own_idle_limit(client, member, settings, signed_in):
    client.force_login(member)
    age_session(client, **{sessions.LAST_SEEN: 31 * 60})
    assert client.get("/members/").status_code == 200  # members: 120 minutes by default
    settings.IISG_SESSION_IDLE_MEMBERS = timedelta(minutes=20)
    age_session(client, **{sessions.LAST_SEEN: 21 * 60})
    assert client.get("/members/").status_code == 302 and not signed_in()


def test_a_session_ends_at_the_absolute_limit_whatever_the_activity(client, member, signed_in):
    client.force_login(member)
    age_session(client, **{sessions.SIGNED_IN_AT: 11 * 3600, sessions.LAST_SEEN: 10})
    assert client.get("/members/").status_code == 200
    age_session(client, **{sessions.SIGNED_IN_AT: 12 * 3600 + 60, sessions.LAST_SEEN: 10})
    response = client.get("/members/")
    assert response.status_code == 302 and not signed_in()
    page = client.get(response["Location"]).content.decode()
    assert "Your session ended 12 hours after you signed in." in page


def test_the_session_key_changes_at_sign_in(client, member, sign_in, signed_in):
    client.get("/login/")
    before = client.session.session_key or client.cookies.get("sessionid")
    sign_in(member.get_username())
    assert signed_in() and client.session.session_key != before


def test_a_password_change_ends_other_sessions_and_revokes_tokens(client, member):
    other_device = client.__class__()
    other_device.force_login(member)
    _token, plaintext = tokens.issue(member, "script")
    assert api(other_device, plaintext).status_code == 200

    client.force_login(member)
    response = client.post(
        "/account/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/members/").status_code == 200  # this session stays
    assert other_device.get("/members/").status_code == 302  # the other one ended
    assert api(client, plaintext).status_code == 401
    assert APIToken.objects.get(user=member).revoked_at is not None


def test_a_password_reset_ends_sessions_and_revokes_tokens(client, member, security_log):
    other_device = client.__class__()
    other_device.force_login(member)
    _token, plaintext = tokens.issue(member, "script")
    client.post("/account/password/reset/", {"email": member.email})
    link = mail.outbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert other_device.get("/members/").status_code == 302
    assert api(client, plaintext).status_code == 401
    assert [e["record"].reason for e in security_log("token_revoked")] == ["password changed"]


def test_deactivating_an_account_revokes_its_tokens(client, member):
    _token, plaintext = tokens.issue(member, "script")
    member.is_active = False
    member.save()
    member.is_active = True
    member.save()  # reactivated: the old token stays revoked
    assert api(client, plaintext).status_code == 401
    assert APIToken.objects.get(user=member).revoked_at is not None


def test_tokens_expire_with_a_401_that_says_so_on_every_route(client, member, security_log):
    token, plaintext = tokens.issue(member, "script")
    assert token.expiry.expires_at - timezone.now() > timedelta(days=89)
    assert api(client, plaintext).status_code == 200
    TokenExpiry.objects.filter(token=token).update(expires_at=timezone.now() - timedelta(days=1))
    # Wagtail's schema and sites routers take their auth from the router, not the route.
    for path in (DATABASE, "/api/v3/pages/", "/api/v3/schema/", "/api/v3/sites/"):
        response = api(client, plaintext, path)
        assert response.status_code == 401, path
        assert response["Content-Type"] == "application/problem+json"
        assert "This API token expired on" in response.json()["detail"]
    assert security_log("token_refused")[0]["record"].reason == "expired"


def test_the_token_page_shows_expiry_and_last_use(client, member):
    token, plaintext = tokens.issue(member, "Ministry dashboard")
    api(client, plaintext)
    client.force_login(member)
    page = client.get("/members/api-tokens/").content.decode()
    expires = timezone.localtime(token.expiry.expires_at)
    assert f"<td>{expires:%-d %b %Y, %H:%M}</td>" in page
    assert "A token works for 90 days" in page
    assert "Never" not in page  # last use is shown


def test_creating_a_token_takes_a_fresh_second_factor(client, member):
    from iisg_pages.accounts import totp

    client.force_login(member)
    page = client.post("/members/api-tokens/", {"name": "script"}).content.decode()
    assert "Set up a second factor first" in page
    assert not APIToken.objects.filter(user=member).exists()

    totp.enrol(member)
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= 600  # the second factor was used ten minutes ago
    session.save()
    response = client.post("/members/api-tokens/", {"name": "script"})
    assert response["Location"] == "/account/2fa/reauthenticate/?next=%2Fmembers%2Fapi-tokens%2F"
    code, _seconds = totp.current_code(member)
    client.post("/account/2fa/reauthenticate/?next=/members/api-tokens/", {"code": code})
    response = client.post("/members/api-tokens/", {"name": "script"})
    assert response.status_code == 302 and APIToken.objects.filter(user=member).count() == 1


def test_a_rotated_secret_key_keeps_tokens_and_sessions_through_the_fallbacks(
    client, member, settings
):
    _token, plaintext = tokens.issue(member, "script")
    client.force_login(member)
    idle_device = client.__class__()
    idle_device.force_login(member)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-0123456789"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert api(client, plaintext).status_code == 200
    assert client.get("/members/").status_code == 200  # used in the window: moved to the new key
    settings.SECRET_KEY_FALLBACKS = []  # the window closed
    assert api(client, plaintext).status_code == 401  # tokens are made again before it closes
    assert client.get("/members/").status_code == 200
    assert idle_device.get("/members/").status_code == 302  # not used in the window: ended


def test_a_token_without_recorded_expiry_counts_from_its_creation(member):
    token, _plaintext = APIToken.create_token(user=member, name="old")
    assert tokens.expires_at(token) == token.created + timedelta(days=90)
    get_user_model()  # the user model is Django's
