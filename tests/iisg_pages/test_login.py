"""One sign-in page for the members area, private pages and the admin; sign-out; password reset
by email; django-axes' lockout in the site's design. Axes is on in the test settings, so these
tests sign in through the real form and the real axes backend (no force_login, except where the
subject is signing out)."""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from wagtail.models import PageViewRestriction

from iisg_pages.accounts import totp
from needs_snippets.roles import SECRETARIAT
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "plum orchard at dawn 2026"


@pytest.fixture
def member():
    return UserFactory(username="ana.horvat", email="ana.horvat@example.org", groups=["Members"])


def test_sign_in_page_is_in_the_site_design(client):
    response = client.get("/login/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="site-header"' in content and 'class="site-footer"' in content
    assert "<title>Sign in · IISG</title>" in content
    assert "IISG members, the Secretariat, Support Groups and the Board sign in here" in content
    assert '<label for="id_login">' in content and '<label for="id_password">' in content
    assert '<a href="/account/password/reset/">Forgot your password?</a>' in content
    assert '<a href="/login/" aria-current="page">Sign in</a>' in content  # the header


def test_right_password_goes_to_the_members_area_or_to_next(client, member, sign_in, signed_in):
    response = sign_in("ana.horvat")
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert signed_in()

    client.post("/logout/")
    response = sign_in("ana.horvat", next_url="/reports/")
    assert response["Location"] == "/reports/"


def test_next_from_the_address_is_kept_in_the_form(client):
    content = client.get("/login/", {"next": "/admin/pages/"}).content.decode()
    assert '<input type="hidden" name="next" value="/admin/pages/">' in content


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/members/", "http:/\\evil.example"]
)
def test_a_next_on_another_site_is_ignored(client, member, next_url, sign_in):
    assert 'name="next"' not in client.get("/login/", {"next": next_url}).content.decode()
    response = sign_in("ana.horvat", next_url=next_url)
    assert response.status_code == 302 and response["Location"] == "/members/"


def test_wrong_password_says_so_next_to_the_fields(client, member, sign_in, signed_in):
    response = sign_in("ana.horvat", "not the password")
    assert response.status_code == 200
    content = response.content.decode()
    assert "The username and/or password you specified are not correct." in content
    assert 'role="alert"' in content
    assert content.count('aria-describedby="sign-in-error"') == 2  # username and password
    assert '<p id="sign-in-error">' in content
    assert 'value="ana.horvat"' in content  # the username is kept, the password is not
    assert not signed_in()


def test_empty_fields_are_named_and_tied_to_their_message(client, sign_in):
    content = sign_in("", "").content.decode()
    assert 'aria-describedby="id_login_error"' in content
    assert '<div class="form-field__errors" id="id_login_error">' in content
    assert 'href="#id_password"' in content  # the error summary links to the field


def test_the_admin_sends_anonymous_visitors_to_the_one_sign_in_page(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1] == ("/login/?next=/admin/", 302)
    assert "IISG members, the Secretariat" in response.content.decode()

    # Wagtail's own sign-in address (bookmarks, Wagtail's links) leads to the same page.
    assert client.get("/admin/login/")["Location"] == "/login/?next=/admin/"
    response = client.get("/admin/login/", {"next": "/admin/pages/"})
    assert response["Location"] == "/login/?next=/admin/pages/"
    assert client.get("/_util/login/")["Location"] == "/login/"
    for language in ("sq", "mk"):  # under a language's prefix too: never Wagtail's own page
        answer = client.get(f"/{language}/_util/login/", {"next": f"/{language}/"})
        assert answer["Location"] == f"/login/?next=/{language}/"


def test_signing_in_with_next_admin_lands_in_the_admin(client, sign_in):
    secretariat = UserFactory(username="secretariat-anna", groups=[SECRETARIAT])
    totp.enrol(secretariat)
    response = client.get("/admin/", follow=True)
    form_next = re.search(r'name="next" value="([^"]+)"', response.content.decode()).group(1)
    response = sign_in("secretariat-anna", next_url=form_next)
    assert response["Location"] == "/account/2fa/authenticate/"  # then the second factor
    code, _seconds = totp.current_code(secretariat)
    response = client.post(response["Location"], {"code": code}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert response.status_code == 200
    assert response.resolver_match.url_name == "wagtailadmin_home"


def test_signing_out_of_the_admin_returns_to_the_sign_in_page(client, signed_in):
    client.force_login(UserFactory(groups=[SECRETARIAT]))
    assert client.post("/admin/logout/")["Location"] == "/login/"
    assert not signed_in()


def test_private_pages_send_visitors_to_the_sign_in_page(client, site_tree):
    about = site_tree["about"]
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response["Location"] == f"/login/?next={about.url}"


def test_the_admin_password_reset_is_the_sites(client):
    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False
    assert client.get("/admin/password_reset/")["Location"] == "/account/password/reset/"
    assert client.get("/admin/password_reset/done/").status_code == 404  # Wagtail's copy is off


def test_header_offers_sign_in_or_members_area_and_sign_out(client, member, sign_in):
    content = client.get("/account/password/reset/").content.decode()
    assert '<a href="/login/">Sign in</a>' in content
    assert "Sign out" not in content

    sign_in("ana.horvat")
    content = client.get("/account/password/reset/").content.decode()
    assert '<a href="/members/">Members area</a>' in content
    assert re.search(r'<form method="post" action="/logout/">\s*<input type="hidden" '
                     r'name="csrfmiddlewaretoken"', content)  # fmt: skip
    assert '<button type="submit">Sign out</button>' in content


def test_sign_out_is_a_post_that_returns_home(client, member, sign_in, signed_in):
    sign_in("ana.horvat")
    response = client.get("/logout/")  # a link cannot sign anyone out: it asks first
    assert response.status_code == 200 and signed_in()
    assert '<button class="button" type="submit">Sign out</button>' in response.content.decode()
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not signed_in()


def lock_out(sign_in, username="ana.horvat", **extra):
    responses = [sign_in(username, f"guess {n}", **extra) for n in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    return responses


def test_five_failures_lock_the_account_and_say_for_how_long(client, member, sign_in, signed_in):
    lock_out(sign_in)
    response = sign_in("ana.horvat")  # the right password, now refused
    assert response.status_code == 429
    content = response.content.decode()
    assert 'class="site-header"' in content
    assert "Signing in is locked for 15 minutes" in content
    assert "too many failed sign-in attempts to the account <strong>ana.horvat</strong>" in content
    assert "contact the IISG Secretariat" in content
    assert '<a href="/account/password/reset/">reset it by email</a>' in content
    assert not signed_in()
    attempt = AccessAttempt.objects.get(username="ana.horvat")
    assert attempt.ip_address == "127.0.0.1"
    assert attempt.failures_since_start >= 5
    assert PASSWORD not in attempt.post_data  # axes masks passwords


def test_the_lock_is_per_username_and_address(client, member, sign_in, signed_in):
    """A stranger elsewhere cannot lock a member out by typing the member's username."""
    lock_out(sign_in, REMOTE_ADDR="203.0.113.9")
    assert sign_in("ana.horvat", REMOTE_ADDR="203.0.113.9").status_code == 429
    response = sign_in("ana.horvat", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302 and signed_in()


def request_reset(client, email):
    return client.post("/account/password/reset/", {"email": email})


def reset_link(message):
    match = re.search(r"(https?://\S+)(/account/password/reset/key/\S+/)", message.body)
    assert match.group(1) == settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return match.group(2)


def set_new_password(client, link, password):
    response = client.get(link)  # allauth moves the key into the session, out of the address
    assert response.status_code == 302
    form_url = response["Location"]
    assert "set-password" in form_url
    assert "Choose a new password" in client.get(form_url).content.decode()
    return client.post(form_url, {"password1": password, "password2": password})


def test_password_reset_by_email_then_sign_in_with_the_new_password(client, member, sign_in):
    content = client.get("/account/password/reset/").content.decode()
    assert 'class="site-header"' in content and '<label for="id_email">' in content

    response = request_reset(client, "Ana.Horvat@example.org")
    assert response["Location"] == "/account/password/reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.horvat@example.org"]
    assert message.subject == "Reset your IISG password"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    link = reset_link(message)

    response = set_new_password(client, link, NEW_PASSWORD)
    assert response["Location"] == "/account/password/reset/key/done/"
    content = client.get(response["Location"]).content.decode()
    assert "Your password has been changed" in content

    assert sign_in("ana.horvat").status_code == 200  # the old one is gone
    assert sign_in("ana.horvat", NEW_PASSWORD)["Location"] == "/members/"

    client.post("/logout/")
    content = client.get(link, follow=True).content.decode()
    assert "This link no longer works" in content  # a link works once


def test_new_password_is_checked_against_the_rules(client, member):
    request_reset(client, "ana.horvat@example.org")
    content = set_new_password(client, reset_link(mail.outbox[0]), "password").content.decode()
    assert "This password is too common." in content
    assert 'id="id_password1_error"' in content
    assert 'id="id_password1_helptext"' in content  # the rules, tied to the field


def test_unknown_address_sends_nothing_and_looks_the_same(client, member):
    response = request_reset(client, "nobody@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/done/"
    assert mail.outbox == []
    content = client.get(response["Location"]).content.decode()
    assert "If the address you entered belongs to an account" in content


def test_a_password_reset_lifts_the_lockout(client, member, sign_in):
    lock_out(sign_in)
    request_reset(client, "ana.horvat@example.org")
    set_new_password(client, reset_link(mail.outbox[0]), NEW_PASSWORD)
    assert not AccessAttempt.objects.filter(username="ana.horvat").exists()
    assert sign_in("ana.horvat", NEW_PASSWORD)["Location"] == "/members/"
