"""manage.py bench_serving: public pages' requests per second under gunicorn, cached and not,
and the members' pages and database API at scale, each figure beside its goal."""

import json
import os
import signal
import sys
import tempfile
import urllib.request

from django.core.management.base import BaseCommand, CommandError
from django.core.management.utils import get_random_secret_key
from django.test.utils import override_settings

from iisg_pages import page_cache
from iisg_pages.benchmarks import site, tables, wrk
from iisg_pages.benchmarks.load import Load, run_load
from iisg_pages.benchmarks.server import (
    BALANCER_HEADERS,
    collect_static,
    free_port,
    serving,
    serving_environment,
)

#: The page cache's lifetime when on: production's default (cms/settings/base.py).
CACHED_SECONDS = 600
#: Goals in milliseconds (p95) for the members' pages, by the names in site.members_paths().
MEMBERS_GOALS = {
    "dashboard": 150,
    "needs, page 1": 50,
    "gaps": 200,
    "overlaps": 200,
    "coverage": 200,
}
#: Members' pages timed again with a committed change before each request, so that each
#: computes its analysis afresh instead of reading it from the analysis cache.
AFTER_A_CHANGE = ("coverage",)
API_GOAL = 50
DATABASE_NEEDS = "/api/v3/database/needs/"


class Command(BaseCommand):
    help = (
        "Serve the demo site with synthetic needs and responses from two gunicorns as "
        "deployed (production settings, 2 workers, Redis): print the requests per second of "
        "public pages with the page cache off and on, then the p50 and p95 of the members' "
        "pages and the database API for a member signed in with a second factor, each beside "
        "its goal. Run with DATABASE_URL naming the bench's own PostgreSQL database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--needs", type=int, default=10000)
        parser.add_argument("--responses", type=int, default=50000)
        parser.add_argument(
            "--reuse-data",
            action="store_true",
            help="keep the synthetic data of an earlier run if its counts match",
        )
        parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
        parser.add_argument("--seconds", type=float, default=5.0, help="per page and mode")
        parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
        parser.add_argument("--samples", type=int, default=20, help="requests per member page")
        parser.add_argument(
            "--redis-url",
            default="redis://127.0.0.1:6379/12",
            help="the servers' cache (REDIS_URL); a database of the bench's own",
        )
        parser.add_argument(
            "--api-rate",
            default="100000/m",
            help="IISG_API_RATE_PER_TOKEN and IISG_API_RATE_PER_ADDRESS while serving",
        )

    def handle(self, *args, **options):
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url.startswith("postgres"):
            raise CommandError("Run with DATABASE_URL=postgres://… naming the bench's database.")
        if min(options["clients"], options["rounds"], options["samples"]) < 1:
            raise CommandError("--clients, --rounds and --samples must be at least 1.")
        # SIGTERM ends the run like Ctrl-C does: through the blocks that stop the servers.
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            self.run(database_url, **options)
        finally:
            signal.signal(signal.SIGTERM, previous)

    def run(self, database_url, *, needs, responses, reuse_data, redis_url, api_rate, **options):
        site.prepare_content(needs, responses, reuse=reuse_data, progress=self.stdout.write)
        public, members = site.public_paths(), site.members_paths()
        secret_key = get_random_secret_key()
        # Forget the pages an earlier run kept: this run's content may differ.
        redis = {"BACKEND": "cms.cache.RedisCache", "LOCATION": redis_url}
        with override_settings(CACHES={"default": redis}):
            page_cache.purge()
        with tempfile.TemporaryDirectory(prefix="iisg-bench-serving-") as workdir:
            environments = [
                serving_environment(
                    database_url=database_url,
                    redis_url=redis_url,
                    secret_key=secret_key,
                    workdir=workdir,
                    page_cache_seconds=seconds,
                    api_rate=api_rate,
                    port=free_port(),
                )
                for seconds in (0, CACHED_SECONDS)
            ]
            self.stdout.write("Collecting static files…")
            collect_static(environments[0])
            self.stdout.write("Starting gunicorn: page cache off, and on…")
            with (
                site.signed_in_member(secret_key) as (login, cookie, bearer),
                serving(environments, workdir) as servers,
            ):
                self.stdout.write("Measuring throughput…")
                throughput = self.throughput(public, servers, **options)
                self.stdout.write("Measuring the members' pages and the database API…")
                latency = self.latency(members, servers[0], cookie, bearer, needs, **options)
        self.print_conditions(redis_url, api_rate, needs, responses)
        self.print_throughput(throughput, public, **options)
        self.print_latency(latency, needs, responses, login, **options)

    def throughput(self, public, servers, *, clients, seconds, rounds, **_options):
        """Requests/s of each public path on each server, in `rounds` interleaved rounds over
        every path and server in turn, after a warm-up (the servers' caches, and the page
        cache where on). With wrk each round lasts `seconds` / `rounds`; without it, a trial
        sizes each round of the Python load generator to about that long."""
        per_round = seconds / rounds
        if wrk.available():

            def measure(path, server):
                return wrk.run_wrk(
                    server.base_url, path, clients=clients, seconds=per_round,
                    headers=BALANCER_HEADERS,
                )  # fmt: skip

            for path in public.values():
                for server in servers:
                    self.load(server, path, clients, clients * 3)
        else:
            sizes = {}
            for path in public.values():
                for server in servers:
                    self.load(server, path, clients, clients * 2)
                    trial = self.load(server, path, clients, clients * 3)
                    sizes[path, server] = max(clients, round(trial.per_second * per_round))

            def measure(path, server):
                return self.load(server, path, clients, sizes[path, server])

        totals = {(path, server): Load() for path in public.values() for server in servers}
        for _round in range(rounds):
            for path, server in totals:
                totals[path, server].add(measure(path, server))
        uncached, cached = servers
        return [
            (name, path, totals[path, uncached], totals[path, cached])
            for name, path in public.items()
        ]

    def load(self, server, path, clients, requests, headers=None):
        return run_load(
            server.base_url, path, clients=clients, requests=requests,
            headers={**BALANCER_HEADERS, **(headers or {})},
        )  # fmt: skip

    def latency(self, members, server, cookie, bearer, needs, *, samples, **_options):
        """[(name, path, Load or None, goal, note)]: one client's requests, after two to warm
        up, to each members' page (session) and to the database API's needs (token)."""
        depth = needs * 9 // 10
        paths = [(name, path, cookie, MEMBERS_GOALS[name]) for name, path in members.items()]
        paths += [
            ("database API needs, page 1", DATABASE_NEEDS, bearer, API_GOAL),
            (f"database API needs, offset {depth:,}", f"{DATABASE_NEEDS}?offset={depth}",
             bearer, API_GOAL),
        ]  # fmt: skip
        cursor = self.cursor_at(server, depth, bearer)
        paths.append(
            (f"database API needs, cursor at {depth:,}", f"{DATABASE_NEEDS}?cursor={cursor}",
             bearer, API_GOAL)
        )  # fmt: skip
        rows = []
        for name, path, headers, goal in paths:
            self.load(server, path, 1, 2, headers)
            shown = path.split("cursor=")[0] + "cursor=…" if "cursor=" in path else path
            rows.append((name, shown, self.load(server, path, 1, samples, headers), goal, ""))
            if name in AFTER_A_CHANGE:
                fresh = self.after_changes(server, path, headers, samples)
                rows.append((f"{name}, after a change", path, fresh, goal, ""))
        return rows

    def after_changes(self, server, path, headers, samples):
        """One client's requests to `path`, each after a committed change to what the
        analyses read: none can be served from the analysis cache."""
        total = Load()
        for _sample in range(samples):
            site.change_what_the_analyses_read()
            total.add(self.load(server, path, 1, 1, headers))
        return total

    def cursor_at(self, server, depth, bearer):
        """The `next` cursor of the page that ends at row `depth` of the database API's needs."""
        request = urllib.request.Request(  # noqa: S310 - the bench's own server
            f"{server.base_url}{DATABASE_NEEDS}?offset={depth - 20}&limit=20",
            headers={**BALANCER_HEADERS, **bearer},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
            return json.load(answer)["next"]

    def print_conditions(self, redis_url, api_rate, needs, responses):
        self.stdout.write(
            "\nServing benchmark: deploy/entrypoint.sh web (gunicorn, deploy/gunicorn.conf.py, "
            "cms.settings.production, DEBUG off), 2 workers never recycled "
            f"(GUNICORN_MAX_REQUESTS=0), cache {redis_url}, requests as through the HTTPS "
            f"balancer (X-Forwarded-Proto: https). API rate limit while serving: {api_rate} "
            f"per token and per address (IISG_API_RATE_PER_TOKEN, IISG_API_RATE_PER_ADDRESS). "
            f"Data: the demo site and {needs:,} synthetic needs × {responses:,} responses. "
            f"{os.cpu_count()} CPUs, shared by both servers and the load generator."
        )

    def print_throughput(self, rows, public, *, clients, seconds, rounds, **_options):
        generator = (
            "wrk, one thread"
            if wrk.available()
            else "the Python load generator (install wrk: this one caps what it can measure)"
        )
        self.stdout.write(
            "\n(a) Throughput, requests/s: uncached = page cache off (IISG_PAGE_CACHE_SECONDS=0)"
            f", cached = on ({CACHED_SECONDS} s; pages served from each process's memory while "
            "the purge counter it read is under IISG_PAGE_CACHE_SYNC_SECONDS old, 1 s by "
            f"default); other caches warm. {clients} clients from "
            f"{generator}, about {seconds:g} s per page and mode in {rounds} interleaved rounds."
        )
        others = [name for name in public if name not in (site.REPORT, site.PUBLIC_API)]
        for line in tables.throughput_table(rows, site.REPORT, others):
            self.stdout.write(line)
        loads = [
            (f"{name} ({mode})", path, load)
            for name, path, uncached, cached in rows
            for mode, load in (("uncached", uncached), ("cached", cached))
        ]
        for line in tables.failure_lines(loads):
            self.stdout.write(line)

    def print_latency(self, rows, needs, responses, login, *, samples, **_options):
        self.stdout.write(
            f"\n(b) Members' pages (session of {login}: password and TOTP) and the database "
            f"API (their bearer token) at {needs:,} needs × {responses:,} responses: one client, "
            f'{samples} requests each after 2 to warm up; "after a change": each request '
            "after a committed write the analyses read, so that none comes from the analysis "
            "cache."
        )
        for line in tables.latency_table(rows):
            self.stdout.write(line)
        for line in tables.failure_lines([(name, path, load) for name, path, load, *_ in rows]):
            self.stdout.write(line)
