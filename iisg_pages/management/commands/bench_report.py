"""manage.py bench_report: report page render time and PDF speed at several sizes, against
the goals of the issue "Fast at the region's scale"."""

import json
import statistics
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Site

from iisg_pages import report_cache
from iisg_pages.demo import make_home
from iisg_pages.demo_blocks import chapter, needs_table
from iisg_pages.demo_content import site_pages
from iisg_pages.models import HomePage, ReportIndexPage, ReportPage
from iisg_pages.pdf import render_report_pdf
from needs_snippets.management.bench_command import BenchCommand
from needs_snippets.models import Pillar
from needs_snippets.synthetic import clear_synthetic, refresh_statistics, seed_synthetic

PAGE_GOAL_MS = 100
PDF_GOAL_SECONDS_PER_PAGE = 0.25


def report_view_line(label, size, status, queries, figure, goal, met):
    """The table's line of one report view: its figures and whether it met its goal."""
    result = "" if met is None else ("met" if met else "NOT MET")
    return f"{label:<21} {size:>5} {status:>6} {queries:>7}  {figure:<26} {goal:<14} {result}"


class Command(BenchCommand):
    help = (
        "Seed synthetic needs at each size, publish a report with a needs table per pillar, "
        "and print, with the page cache off, the render time and queries of the published "
        "page with its chapters to build (cold) and kept (warm) and of its draft preview, then "
        "the PDF's seconds per page at the --pdf-size; each against its goal."
    )
    default_sizes = [50, 500, 5000]
    default_repeat = 3

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--pdf-size", type=int, default=1000, help="needs in the PDF run")

    def handle(self, *args, sizes, pdf_size, repeat, **options):
        rows = []
        with override_settings(IISG_PAGE_CACHE_SECONDS=0):  # the fragment cache alone
            for size in sizes:
                rows.extend(self.page_rows(self.synthetic_report(size), size, repeat))
        warm_queries = {row[3] for row in rows if row[0] == "published page, warm"}
        rows.append(
            ("warm page queries", "all", "", "", " / ".join(map(str, sorted(warm_queries))),
             "flat", len(warm_queries) == 1)
        )  # fmt: skip

        report = self.synthetic_report(pdf_size)
        started, cpu = time.perf_counter(), time.process_time()
        content, pages = render_report_pdf(report, report.report_data())
        per_page = (time.perf_counter() - started) / pages
        cpu_per_page = (time.process_time() - cpu) / pages  # the same work on a busy machine
        rows.append(
            ("report PDF", pdf_size, "", "", f"{per_page:.3f} s/page, CPU {cpu_per_page:.3f}",
             f"≤ {PDF_GOAL_SECONDS_PER_PAGE} s/page", per_page <= PDF_GOAL_SECONDS_PER_PAGE)
        )  # fmt: skip
        self.print_table(rows)
        self.stdout.write(
            f"\nCache: {settings.CACHES['default']['BACKEND']}; "
            f"PDF: {pages} pages, {len(content) // 1024} KiB."
        )
        self.remove_synthetic_report()
        clear_synthetic()

    def page_rows(self, report, size, repeat):
        """(view, needs, status, queries, figure, goal, met) of the page cold, warm, preview."""
        client = Client(HTTP_HOST="localhost")
        url = report.get_url()
        request = RequestFactory(HTTP_HOST="localhost").get(url)
        key = report_cache.article_key(report, request, "", [])

        def cold():
            cache.delete(key)
            report_cache.memory.clear()  # and this process's copy
            return client.get(url)

        rows = []
        for label, render, goal in [
            ("published page, cold", cold, None),
            ("published page, warm", lambda: client.get(url), PAGE_GOAL_MS),
            ("draft preview", report.make_preview_request, None),
        ]:
            render()  # the per-process caches (site root paths), and the chapters when warm
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = render()
                timings.append(time.perf_counter() - started)
            with CaptureQueriesContext(connection) as queries:
                render()
            ms = statistics.median(timings) * 1000
            rows.append(
                (label, size, response.status_code, len(queries), f"{ms:.1f} ms",
                 f"≤ {goal} ms" if goal else "—", ms <= goal if goal else None)
            )  # fmt: skip
        return rows

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
        home = root if isinstance(root, HomePage) else make_home(site_pages()["home"])
        index = ReportIndexPage.objects.child_of(home).first()
        if index is None:
            index = home.add_child(instance=ReportIndexPage(title="Reports", slug="reports"))
        return index

    def remove_synthetic_report(self):
        for report in ReportPage.objects.filter(slug="synthetic-report"):
            report.delete()

    def print_table(self, rows):
        header = (
            f"{'report view':<21} {'needs':>5} {'status':>6} {'queries':>7}  "
            f"{'figure':<26} {'goal':<14} result"
        )
        self.write_table(header, (report_view_line(*row) for row in rows))
