"""The Secretariat guide's screenshots (docs/secretariat-guide.md), taken from the demo.

With the demo running (`make run` in another terminal, same DATABASE_URL), from the checkout:

    .venv/bin/python docs/screenshots.py [--base-url http://127.0.0.1:8000]

It signs in as the demo's `secretariat` through the real sign-in page (the password, then the
authenticator code the demo enrolled), opens each page the guide shows in Debian's chromium and
writes docs/screenshots/<name>.png. Run it again after a change to any of those pages.
"""

import argparse
import os
import sys
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from wagtail.models import TaskState  # noqa: E402

from iisg_pages.accounts import totp  # noqa: E402
from iisg_pages.models import ReportPage  # noqa: E402
from iisg_pages.workflow_setup import BOARD_UNANIMITY  # noqa: E402
from needs_snippets.demo.registries import DEMO_PASSWORD  # noqa: E402
from needs_snippets.models import MappingCycle, MembershipApplication, Need  # noqa: E402

SHOTS = HERE / "screenshots"


def pages():
    """(file name, admin or site path) of each screenshot, from the demo's own records."""
    cycle = MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS).order_by("period_start")
    cycle = cycle.first()
    need = Need.objects.filter(cycle=cycle, live=True).order_by("reference_code").first()
    report = ReportPage.objects.live().order_by("pk").first()
    application = MembershipApplication.objects.order_by("pk").first()
    # The guide shows the report's Board decision, which load_demo takes by running the report's
    # approval: the last vote of the Board on the report.
    decision = (
        TaskState.objects.for_instance(report)
        .filter(task__stable_key__key=BOARD_UNANIMITY)
        .order_by("started_at", "pk")
        .last()
    )
    if decision is None:
        raise SystemExit(f"{report} has no Board decision: load the demo (load_demo) first.")
    return [
        ("01-cycle-overview", reverse("cycle_overview", args=[cycle.pk])),
        ("02-import-a-template", reverse("cycle_upload", args=[cycle.pk])),
        ("03-need", reverse(need.snippet_viewset.get_url_name("edit"), args=[need.pk])),
        ("04-report-editor", reverse("wagtailadmin_pages:edit", args=[report.pk])),
        ("05-published-report", report.url),
        ("06-membership-applications", reverse(application.snippet_viewset.get_url_name("list"))),
        ("07-decision-page", reverse("workflows:decision", args=[decision.pk])),
    ]


def sign_in(page, base_url, code):
    page.goto(f"{base_url}/login/?next=/admin/")
    page.fill("#id_login", "secretariat")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/2fa/authenticate/")
    page.fill("#id_code", code)
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_url(f"{base_url}/admin/**")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    base_url = parser.parse_args().base_url.rstrip("/")
    SHOTS.mkdir(exist_ok=True)
    # The database is read first: Django's ORM is not used inside Playwright's event loop.
    shots = pages()
    code, _seconds = totp.current_code(get_user_model().objects.get(username="secretariat"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_in(page, base_url, code)
        for name, path in shots:
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=SHOTS / f"{name}.png")
            sys.stdout.write(f"docs/screenshots/{name}.png  {path}\n")
        browser.close()


if __name__ == "__main__":
    main()
