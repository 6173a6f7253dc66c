"""What the browser journeys share: signing in as a person does, through the real pages, the
password and then the authenticator app's code (each code used once); auditing pages with
axe-core."""

import time

from axe_playwright_python.sync_playwright import Axe

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


def axe_violations(page, base_url, paths):
    """axe-core's report for each of `paths` that has any violation, as the browser opens them
    (each answers 200 and has one main landmark)."""
    axe, reports = Axe(), {}
    for path in paths:
        response = page.goto(base_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("main").count() == 1, path
        results = axe.run(page)
        if results.violations_count:
            reports[path] = results.generate_report()
    return reports
