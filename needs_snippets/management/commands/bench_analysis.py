"""manage.py bench_analysis: time, queries and memory of the analysis queries at each size."""

import statistics
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needs_snippets.models import Need, Response
from needs_snippets.synthetic import clear_synthetic, refresh_statistics, seed_synthetic

ANALYSES = {
    "Need.objects.regional()": lambda needs: len(needs.regional()),
    "Need.objects.gaps()": lambda needs: len(needs.gaps()),
    "Response.objects.overlaps()": lambda needs: len(Response.objects.overlaps()),
    "coverage matrix": lambda needs: len(needs.coverage_matrix().cells),
}


class Command(BaseCommand):
    help = (
        "Seed synthetic data at each size (responses = 5 × needs) and print a table of the "
        "time, SQL query count and peak Python memory of regional(), gaps(), overlaps() and "
        "the coverage matrix. Synthetic data is removed afterwards unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
        parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
        parser.add_argument("--keep", action="store_true", help="keep the last synthetic data")

    def handle(self, *args, sizes, repeat, keep, **options):
        if connection.vendor != "postgresql":
            self.stderr.write("Note: not PostgreSQL; figures will not match production.")
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        rows = []
        for size in sizes:
            self.stdout.write(f"Seeding {size} needs and {5 * size} responses…")
            started = time.perf_counter()
            cycle = seed_synthetic(size, 5 * size)
            refresh_statistics()
            self.stdout.write(f"  seeded in {time.perf_counter() - started:.1f} s")
            needs = Need.objects.filter(cycle=cycle)
            for name, run in ANALYSES.items():
                rows.append((size, name, *self.measure(run, needs, repeat)))
        if not keep:
            clear_synthetic()
        self.print_table(rows)

    def measure(self, run, needs, repeat):
        """Median time of `repeat` runs, then one more run traced for queries and memory."""
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            run(needs)
            timings.append(time.perf_counter() - started)
        connection.queries_log.clear()
        tracemalloc.start()
        with CaptureQueriesContext(connection) as queries:
            result = run(needs)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return result, len(queries), statistics.median(timings) * 1000, peak / 1024 / 1024

    def print_table(self, rows):
        header = f"{'needs':>7}  {'analysis':<28} {'rows':>7} {'queries':>7} {'ms':>9} {'MiB':>7}"
        self.stdout.write("")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for size, name, result, queries, ms, mib in rows:
            self.stdout.write(
                f"{size:>7}  {name:<28} {result:>7} {queries:>7} {ms:>9.1f} {mib:>7.1f}"
            )
