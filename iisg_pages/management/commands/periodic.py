"""manage.py periodic: the one loop that runs the product's periodic jobs (see
iisg_pages/periodic.py for the registry, the hook `register_periodic_job`, and how runs are
recorded)."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from iisg_pages.periodic import get_periodic_jobs, run_due_jobs, run_forever


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (scheduled publishing, silent procedures, ...) every minute "
        "until stopped (SIGTERM or Ctrl-C end it cleanly, after the job under way). `make run` "
        "starts it next to the task worker. --once runs what is due and exits: for tests, "
        "and for cron where no long-running process is wanted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs that are due, once, and exit."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="With --once: run the jobs even if they are not due yet.",
        )
        parser.add_argument(
            "--job",
            action="append",
            dest="jobs",
            metavar="NAME",
            help="Run only this job (repeatable).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=15,
            help="Seconds between two looks for due jobs (default 15).",
        )
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")

    def handle(self, *args, once=False, force=False, jobs=None, interval=15, **options):
        registered = get_periodic_jobs()
        if options.get("list"):
            for job in registered:
                self.stdout.write(f"{job.name}\tevery {job.every}")
            return
        selected = registered
        if jobs:
            unknown = set(jobs) - {job.name for job in registered}
            if unknown:
                raise CommandError(f"Unknown periodic job(s): {', '.join(sorted(unknown))}")
            selected = [job for job in registered if job.name in jobs]

        if once:
            self.report(run_due_jobs(jobs=selected, force=force))
            return

        stop = threading.Event()
        previous = self.install_signal_handlers(stop)
        self.stdout.write(
            f"Periodic jobs: {', '.join(job.name for job in selected)}; "
            f"looking for due jobs every {interval:g} s. Stop with SIGTERM or Ctrl-C."
        )
        try:
            run_forever(stop, poll_seconds=interval, jobs=selected, on_cycle=self.report)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Periodic jobs stopped.")

    def install_signal_handlers(self, stop):
        """SIGTERM and SIGINT set `stop`: the loop ends after the job under way. Returns the
        previous handlers (restored on exit). Only the main thread can install them."""
        if threading.current_thread() is not threading.main_thread():
            return {}
        previous = {}

        def request_stop(signum, frame):
            stop.set()

        for signum in (signal.SIGTERM, signal.SIGINT):
            previous[signum] = signal.signal(signum, request_stop)
        return previous

    def report(self, states):
        for state in states:
            line = f"{state.name}: {state.get_last_outcome_display().lower()}"
            if state.last_outcome == state.Outcome.FAILED:
                self.stderr.write(line + "\n" + state.last_error.strip().splitlines()[-1])
            else:
                said = state.last_message.strip().splitlines()
                self.stdout.write(f"{line}: {said[-1]}" if said else line)
