"""The report benchmark (manage.py bench_report) runs on a fresh database, as `make bench` does
on a new machine: it sets up the home page it needs and leaves no synthetic report behind."""

from io import StringIO

import pytest
from django.core.management import call_command

from iisg_pages.models import HomePage, ReportPage
from needs_snippets.models import Need


@pytest.mark.django_db
def test_the_report_benchmark_runs_on_a_database_without_the_demo_site():
    assert not HomePage.objects.exists()
    out = StringIO()

    call_command("bench_report", "--sizes", "50", "--pdf-size", "50", "--repeat", "1", stdout=out)

    table = out.getvalue()
    assert "published page, warm     50" in table
    assert "report PDF" in table and "s/page" in table
    assert HomePage.objects.count() == 1
    assert not ReportPage.objects.filter(slug="synthetic-report").exists()
    assert not Need.objects.exists()
