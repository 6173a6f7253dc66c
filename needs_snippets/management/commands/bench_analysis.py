"""manage.py bench_analysis: the analyses as the members' pages and the API run them, at each
size, timed with their SQL queries and peak memory, beside their goals."""

import statistics
import time
import tracemalloc

from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from needs_snippets.management.bench_command import BenchCommand
from needs_snippets.models import Member, Need, Response, ResponseNeed
from needs_snippets.paging import rows_by_key
from needs_snippets.permissions import responses_seen_by_members_of
from needs_snippets.querysets import confirmed_only
from needs_snippets.synthetic import clear_synthetic, refresh_statistics, seed_synthetic

PAGE = 25


def _overlaps_page(needs, responses):
    """The members' overlaps list, page 1: needs with overlaps, then their rows."""
    page = list(needs.overlapped(responses).order_by("reference_code", "pk")[:20])
    rows = ResponseNeed.objects.overlapping(responses).filter(need__in=[n.pk for n in page])
    return len(list(rows.select_related("need", "response__reporting_member")))


#: name → (what is run, goal in ms). Each runs as a member reads it: over the responses that
#: member may see (restricted ones of other organisations left out).
ANALYSES = {
    "regional needs: count + page": (
        lambda needs, seen: needs.regional().count() + len(needs.regional()[:PAGE]),
        200,
    ),
    "gaps: count + page": (
        lambda needs, seen: needs.gaps(seen).count() + len(needs.gaps(seen)[:PAGE]),
        200,
    ),
    "overlapping responses: count": (
        lambda needs, seen: seen.overlaps(seen).count(),
        200,
    ),
    "overlaps list: page 1": (_overlaps_page, 50),
    "coverage matrix": (lambda needs, seen: len(needs.coverage_matrix(seen).cells), 200),
    "coverage matrix with confirmed (the heat map)": (
        lambda needs, seen: len(needs.coverage_matrix(seen, with_confirmed=True).cells),
        200,
    ),
    "gaps, confirmed only: count + page": (
        lambda needs, seen: (
            needs.gaps(confirmed_only(seen)).count() + len(needs.gaps(confirmed_only(seen))[:PAGE])
        ),
        200,
    ),
    "overlaps list, confirmed only: page 1": (
        lambda needs, seen: _overlaps_page(needs, confirmed_only(seen)),
        50,
    ),
    "coverage matrix, confirmed only": (
        lambda needs, seen: len(needs.coverage_matrix(confirmed_only(seen)).cells),
        200,
    ),
    "needs list: page at offset 9,000": (
        lambda needs, seen: len(rows_by_key(needs.with_partner_count(), 9000, 9000 + PAGE)),
        50,
    ),
    "every regional need, whole": (lambda needs, seen: len(needs.regional()), None),
    "every overlapping response, whole": (
        lambda needs, seen: len(Response.objects.overlaps(seen)),
        None,
    ),
}


def analysis_line(size, name, goal, result, queries, ms, mib):
    """The table's line of one analysis at one size: its figures, its goal and whether it
    met it."""
    target = f"≤ {goal} ms" if goal else "—"
    met = "—" if not goal else ("yes" if ms <= goal else "NO")
    return (
        f"{size:>7}  {name:<36} {result:>7} {queries:>7} {ms:>9.1f} {mib:>6.1f}  {target:>8}  {met}"
    )


class Command(BenchCommand):
    help = (
        "Seed synthetic data at each size (responses = 5 × needs) and print a table of the "
        "time, SQL query count and peak Python memory of the analyses as the members' pages "
        "and the API run them, computed afresh (the analysis cache off), with each goal. "
        "Synthetic data is removed afterwards unless --keep."
    )
    default_repeat = 5

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--keep", action="store_true", help="keep the last synthetic data")

    def handle(self, *args, sizes, repeat, keep, **options):
        self.note_unless_postgresql()
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        rows = []
        for size in sizes:
            self.stdout.write(f"Seeding {size} needs and {5 * size} responses…")
            started = time.perf_counter()
            cycle = seed_synthetic(size, 5 * size)
            refresh_statistics()
            self.stdout.write(f"  seeded in {time.perf_counter() - started:.1f} s")
            needs = Need.objects.filter(cycle=cycle).order_by("reference_code", "pk")
            reader = Member.objects.filter(reported_responses__title__startswith="Synthetic")
            seen = responses_seen_by_members_of({reader.values_list("pk", flat=True).first()})
            with override_settings(IISG_ANALYSIS_CACHE_SECONDS=0):  # the computation's cost
                for name, (run, goal) in ANALYSES.items():
                    rows.append((size, name, goal, *self.measure(run, needs, seen, repeat)))
        if not keep:
            clear_synthetic()
        self.print_table(rows)

    def measure(self, run, needs, seen, repeat):
        """Median time of `repeat` runs, then one more run traced for queries and memory."""
        run(needs, seen)  # warm: the first run pays for connection and plan caches
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            run(needs, seen)
            timings.append(time.perf_counter() - started)
        connection.queries_log.clear()
        tracemalloc.start()
        with CaptureQueriesContext(connection) as queries:
            result = run(needs, seen)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return result, len(queries), statistics.median(timings) * 1000, peak / 1024 / 1024

    def print_table(self, rows):
        header = (
            f"{'needs':>7}  {'analysis':<36} {'rows':>7} {'queries':>7} {'ms':>9} "
            f"{'MiB':>6}  {'goal':>8}  met"
        )
        self.write_table(header, (analysis_line(*row) for row in rows))
