"""Staff sign in with a password and a second factor (authenticator app, passkey or recovery
code); members are offered one, and a setting makes it required for them too. Through the real
sign-in pages: no force_login here."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.sessions.models import Session
from wagtail.models import ModelLogEntry

from iisg_pages.accounts import totp
from needs_snippets.roles import BOARD, SECRETARIAT
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    return UserFactory(username="sara", groups=[SECRETARIAT])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # committed, as allauth needs
def test_staff_without_a_factor_enrol_before_anything_else(
    client, secretariat, security_log, sign_in
):
    response = sign_in("sara", next_url="/admin/")
    assert response["Location"] == "/admin/"
    # Signed in with the password, but the admin and the members area wait for a factor.
    for address in ("/admin/", "/admin/pages/", "/members/"):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"] == "/account/2fa/", address
    content = client.get("/account/2fa/", follow=True).content.decode()
    assert "Your account needs a second factor" in content
    # Where they were going (the last page refused) is offered once they have a factor.
    assert '<a href="/members/">continue to where you were going</a>' in content

    # Enrol an authenticator app: the page shows the secret; the app's code confirms it.
    page = client.get("/account/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page)
    secret = secret or re.search(r'value="([A-Z2-7]{32})"', page)
    assert secret, "the secret is shown for apps that cannot scan the QR code"
    code = format_hotp_value(hotp_value(secret.group(1), int(__import__("time").time()) // 30))
    response = client.post("/account/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=secretariat, type="totp").exists()
    assert Authenticator.objects.filter(user=secretariat, type="recovery_codes").exists()
    assert client.get("/admin/").status_code == 200  # enrolling proved the factor
    assert [entry["user"] for entry in security_log("factor_added")] == ["sara", "sara"]


def test_a_wrong_code_is_refused_and_logged_then_the_right_one_signs_in(
    client, secretariat, security_log, sign_in, signed_in
):
    totp.enrol(secretariat)
    response = sign_in("sara", next_url="/admin/")
    assert response["Location"] == "/account/2fa/authenticate/"
    assert not signed_in()  # the password alone does not sign in
    assert client.get("/admin/").status_code == 302

    response = client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200 and "Incorrect code." in response.content.decode()
    assert not signed_in()
    failed = security_log("second_factor_failed")
    assert failed and failed[0]["user"] == "sara" and failed[0]["outcome"] == "failure"
    assert "000000" not in str([vars(entry["record"]) for entry in security_log()])

    code, _seconds = totp.current_code(secretariat)
    response = client.post("/account/2fa/authenticate/", {"code": code})
    assert response["Location"] == "/admin/" and signed_in()
    assert client.get("/admin/").status_code == 200
    assert [entry["event"] for entry in security_log() if entry["event"] != "second_factor_failed"][
        -2:
    ] == ["second_factor", "sign_in"]


def test_a_code_signs_in_once(client, secretariat, sign_in, signed_in):
    totp.enrol(secretariat)
    code, _seconds = totp.current_code(secretariat)
    sign_in("sara", next_url="/admin/")
    client.post("/account/2fa/authenticate/", {"code": code})
    assert signed_in()
    client.post("/logout/")
    sign_in("sara", next_url="/admin/")
    response = client.post("/account/2fa/authenticate/", {"code": code})
    assert "Incorrect code." in response.content.decode() and not signed_in()


def test_a_recovery_code_works_once(client, secretariat, sign_in, signed_in):
    totp.enrol(secretariat)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes(
        Authenticator.objects.get(user=secretariat, type="recovery_codes")
    ).get_unused_codes()
    assert len(codes) == 10

    sign_in("sara", next_url="/admin/")
    assert client.post("/account/2fa/authenticate/", {"code": codes[0]})["Location"] == "/admin/"
    client.post("/logout/")
    sign_in("sara", next_url="/admin/")
    response = client.post("/account/2fa/authenticate/", {"code": codes[0]})
    assert "Incorrect code." in response.content.decode() and not signed_in()
    assert client.post("/account/2fa/authenticate/", {"code": codes[1]})["Location"] == "/admin/"


def test_members_are_offered_a_factor_and_a_setting_requires_it(client, settings, area, sign_in):
    member = area["users"]["member_a"]
    member.set_password(PASSWORD)
    member.save()
    username = member.get_username()
    assert sign_in(username, next_url="/members/")["Location"] == "/members/"
    assert client.get("/members/").status_code == 200  # offered, not required
    client.post("/logout/")

    settings.IISG_MEMBERS_REQUIRE_SECOND_FACTOR = True
    sign_in(username, next_url="/members/")
    assert client.get("/members/")["Location"] == "/account/2fa/"
    client.post("/logout/")
    totp.enrol(member)
    assert sign_in(username, next_url="/members/")["Location"] == "/account/2fa/authenticate/"


def test_a_staff_member_keeps_at_least_one_factor(client, secretariat):
    totp.enrol(secretariat)
    client.force_login(secretariat)
    response = client.post("/account/2fa/totp/deactivate/")
    assert response.status_code == 200  # the form again, with the reason
    assert "You cannot deactivate two-factor authentication." in response.content.decode()
    assert Authenticator.objects.filter(user=secretariat, type="totp").exists()
    # With a passkey beside it, the authenticator app may go.
    Authenticator.objects.create(user=secretariat, type="webauthn", data={})
    assert client.post("/account/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=secretariat, type="totp").exists()


def test_an_administrator_resets_a_persons_factors_logged(client, security_log):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    board = UserFactory(username="board-al", groups=[BOARD])
    totp.enrol(board)
    board_client = client.__class__()
    board_client.force_login(board)
    assert board_client.get("/admin/").status_code == 200

    client.force_login(admin)
    listing = client.get("/admin/users/").content.decode()
    url = f"/admin/iisg/users/{board.pk}/second-factors/reset/"
    assert url in listing  # a "Reset second factors" button per person
    assert "TOTP Authenticator" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == f"/admin/users/edit/{board.pk}/"

    assert not Authenticator.objects.filter(user=board).exists()
    assert board_client.get("/admin/").status_code == 302  # their session ended
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(board.pk) for s in Session.objects.all()
    )
    entry = ModelLogEntry.objects.get(action="iisg.second_factors_reset")
    assert entry.user == admin and entry.object_id == str(board.pk)
    [event] = security_log("factors_reset")
    assert event["user"] == "root" and event["object"] == f"auth.user:{board.pk}"


def test_only_account_editors_reset_factors_and_never_their_own(client, security_log):
    board = UserFactory(username="board-al", groups=[BOARD])
    other = UserFactory(username="board-ba", groups=[BOARD])
    totp.enrol(other)
    client.force_login(board)
    # Wagtail's admin answers a refusal by sending back to the dashboard with a message.
    response = client.post(f"/admin/iisg/users/{other.pk}/second-factors/reset/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Authenticator.objects.filter(user=other).exists()
    assert security_log("refused")[0]["object"] == f"auth.user:{other.pk}"
    superuser = UserFactory(is_superuser=True, is_staff=True)
    totp.enrol(superuser)
    client.force_login(superuser)
    response = client.post(f"/admin/iisg/users/{superuser.pk}/second-factors/reset/")
    assert response["Location"] == "/admin/"
    assert Authenticator.objects.filter(user=superuser).exists()


def test_password_reset_requests_are_limited_per_address_and_account(client):
    UserFactory(username="ana", email="ana@example.org")
    for _attempt in range(3):
        response = client.post("/account/password/reset/", {"email": "ana@example.org"})
        assert response.status_code == 302
    response = client.post("/account/password/reset/", {"email": "ana@example.org"})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "Too many requests" in response.content.decode()


def test_the_members_dashboard_offers_a_second_factor_to_password_only_sessions(
    client, area, sign_in
):
    member = area["users"]["member_a"]
    member.set_password(PASSWORD)
    member.save()
    sign_in(member.get_username(), next_url="/members/")
    content = client.get("/members/").content.decode()
    assert "You signed in with your password alone." in content
    assert 'href="/account/2fa/"' in content
    client.force_login(member)  # a sign-in with a second factor
    assert "You signed in with your password alone." not in client.get("/members/").content.decode()
