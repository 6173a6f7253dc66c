"""axe-core finds no violation on the admin views this project adds (the cycle's overview, its
import page, the dashboard's placement panel, the hierarchy and validations listings, the
report's editor), as the Secretariat opens them in chromium."""

import pytest

from tests.e2e.browser import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_our_admin_views_pass_axe(page, demo_site):
    from iisg_pages.models import ReportPage
    from needs_snippets.models import MappingCycle

    cycle = MappingCycle.objects.filter(kind="needs").first()
    report = ReportPage.objects.first()
    views = [
        "/admin/",
        f"/admin/cycles/{cycle.pk}/",
        f"/admin/cycles/{cycle.pk}/import/",
        "/admin/snippets/needs_snippets/measure/",
        "/admin/snippets/needs_snippets/objective/",
        "/admin/snippets/needs_snippets/needreview/",
        f"/admin/pages/{report.pk}/edit/",  # the report editor, its rich-text fields named
    ]
    sign_in(page, demo_site, "secretariat", "iisg-demo-2026", "/admin/")
    found = axe_violations(page, demo_site, views)
    assert found == {}, "\n".join(f"{path}:\n{report}" for path, report in found.items())
