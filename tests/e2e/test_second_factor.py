"""Signing in with a passkey as the second factor, in chromium with its virtual authenticator:
a new Secretariat account enrols a passkey after its password, then signs in with both. The
sign-in, enrolment and password pages have no accessibility violations (axe-core)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from needs_snippets.roles import SECRETARIAT
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def with_virtual_authenticator(page):
    """Chromium's virtual authenticator: a platform passkey that the person always approves."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    return cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})["authenticatorId"]


def sign_in_with_password(page, base_url):
    page.goto(base_url + "/login/?next=/admin/")
    page.fill("#id_login", "sara")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def violations(page):
    results = Axe().run(page)
    return results.generate_report() if results.violations_count else ""


def test_a_secretariat_account_enrols_a_passkey_and_signs_in_with_it(
    page, live_server, django_db_serialized_rollback
):
    UserFactory(username="sara", groups=[SECRETARIAT])
    with_virtual_authenticator(page)
    base_url = live_server.url

    for path in ("/login/", "/account/password/reset/"):
        page.goto(base_url + path)
        assert violations(page) == "", path
    sign_in_with_password(page, base_url)
    # The admin waits: first a second factor.
    expect(page).to_have_url(base_url + "/account/2fa/")
    expect(page.get_by_text("Your account needs a second factor")).to_be_visible()
    assert violations(page) == ""

    page.goto(base_url + "/account/2fa/webauthn/add/")
    page.fill("#id_name", "Laptop passkey")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    assert violations(page) == ""  # the recovery codes, shown once enrolled
    for path in ("/account/2fa/totp/activate/", "/account/2fa/", "/account/password/change/"):
        page.goto(base_url + path)
        assert violations(page) == "", path
    page.goto(base_url + "/admin/")
    expect(page).to_have_url(base_url + "/admin/")

    page.context.clear_cookies()
    sign_in_with_password(page, base_url)
    expect(page).to_have_url(base_url + "/account/2fa/authenticate/")
    assert violations(page) == ""
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(base_url + "/admin/")
    expect(page.get_by_role("heading", name="Dashboard").or_(page.locator("main"))).to_be_visible()
