"""manage.py bench_report: report page render time and PDF speed at several sizes."""

import json
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from iisg_pages.demo import chapter, make_home, needs_table
from iisg_pages.models import HomePage, ReportIndexPage, ReportPage
from iisg_pages.pdf import render_report_pdf
from needs_snippets.models import Pillar
from needs_snippets.synthetic import clear_synthetic, refresh_statistics, seed_synthetic


class Command(BaseCommand):
    help = (
        "Seed synthetic needs at each size, publish a report with a needs table per pillar, "
        "and print the render time and queries of the published page and of its draft "
        "preview, then the PDF's pages and seconds per page at the --pdf-size."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
        parser.add_argument("--pdf-size", type=int, default=1000, help="needs in the PDF run")
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, sizes, pdf_size, repeat, **options):
        rows = []
        client = Client(HTTP_HOST="localhost")
        for size in sizes:
            report = self.synthetic_report(size)
            url = report.get_url()
            for label, render in [
                ("published page", lambda url=url: client.get(url)),
                ("draft preview", report.make_preview_request),
            ]:
                render()  # warm caches
                timings = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    response = render()
                    timings.append(time.perf_counter() - started)
                with CaptureQueriesContext(connection) as queries:
                    render()
                rows.append((size, label, response.status_code, len(queries), timings))
        self.print_render_table(rows)

        report = self.synthetic_report(pdf_size)
        started = time.perf_counter()
        content, pages = render_report_pdf(report, report.report_data())
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"\nPDF of a report with {pdf_size} needs: {pages} pages, "
            f"{len(content) / 1024:.0f} KiB, {seconds:.1f} s in all, "
            f"{seconds / pages:.3f} s per page"
        )
        self.remove_synthetic_report()
        clear_synthetic()

    def synthetic_report(self, size):
        """Publish a report over `size` synthetic needs, replacing the previous one."""
        self.remove_synthetic_report()
        cycle = seed_synthetic(size, 0)
        refresh_statistics()
        index = self.report_index()
        body = [
            chapter(
                f"{pillar.code}: {pillar.name}",
                [needs_table(f"Needs in {pillar.code}", pillar)],
                pillar=pillar,
            )
            for pillar in Pillar.objects.all()
        ]
        report = ReportPage(
            title=f"Synthetic report ({size} needs)",
            slug="synthetic-report",
            cycle=cycle,
            summary="Synthetic data for benchmarks.",
            body=json.dumps(body),
        )
        index.add_child(instance=report)
        report.save_revision().publish()
        report.refresh_from_db()
        return report

    def report_index(self):
        site = Site.objects.filter(is_default_site=True).first()
        root = site.root_page.specific if site else None
        home = root if isinstance(root, HomePage) else make_home()
        index = ReportIndexPage.objects.child_of(home).first()
        if index is None:
            index = home.add_child(instance=ReportIndexPage(title="Reports", slug="reports"))
        return index

    def remove_synthetic_report(self):
        for report in ReportPage.objects.filter(slug="synthetic-report"):
            report.delete()

    def print_render_table(self, rows):
        header = f"{'needs':>7}  {'report view':<16} {'status':>6} {'queries':>7} {'ms':>9}"
        self.stdout.write("")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for size, label, status, queries, timings in rows:
            ms = statistics.median(timings) * 1000
            self.stdout.write(f"{size:>7}  {label:<16} {status:>6} {queries:>7} {ms:>9.1f}")
