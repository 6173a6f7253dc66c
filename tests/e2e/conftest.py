"""End-to-end tests in Debian's chromium, driven by Playwright, against a live server."""

import io
import os
import shutil
import time

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# here are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    from playwright.sync_api import expect

    # What a person waits for on a busy CI machine: the admin's searches answer within
    # seconds, not within Playwright's default five.
    expect.set_options(timeout=15_000)
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback, settings, live_server):
    """The demo content with its published report and the report's rendered PDF.

    Live-server tests empty the whole database when they end; the serialized rollback puts
    the migrations' data (roles, permissions) back before the next one.
    """
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    return live_server.url


_codes_used = {}


def second_factor_code(username):
    """The current code of `username`'s authenticator app (load_demo enrols every demo login),
    waiting for the next one when this one was already used: a code signs in once."""
    from django.contrib.auth import get_user_model

    from iisg_pages.accounts import totp

    user = get_user_model().objects.get(username=username)
    code, seconds_left = totp.current_code(user)
    if _codes_used.get(username) == code or seconds_left < 2:
        time.sleep(seconds_left + 1)
        code, _seconds = totp.current_code(user)
    _codes_used[username] = code
    return code


def sign_in(page, base_url, username, password, next_url):
    """Sign in through the real pages: the password, then the authenticator app's code."""
    page.goto(f"{base_url}/login/?next={next_url}")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/2fa/authenticate/")
    page.fill("#id_code", second_factor_code(username))
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_load_state()
