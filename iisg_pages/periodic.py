"""The one periodic mechanism of the product: jobs that run every so often, such as Wagtail's
scheduled publishing. `manage.py periodic` runs them (started by `make run`, next to the task
worker `manage.py worker`); `manage.py periodic --once` runs what is due and exits (tests,
cron).

Adding a job: any app registers it with the Wagtail hook `register_periodic_job`, in its
`wagtail_hooks.py`. The hook function returns one job or a list of jobs; a job is a
`PeriodicJob`, or, for apps that must not import iisg_pages, a tuple
`(name, callable)` or `(name, callable, every_seconds)`::

    @hooks.register("register_periodic_job")
    def close_silent_procedures():
        return ("close_silent_procedures", partial(call_command, "close_silent_procedures"), 300)

A job's callable takes no argument and may return a short text (shown as its output); what it
writes to stdout is captured too. Names are unique. A job runs at most once per interval
(default: every minute), on one process at a time even with several hosts (a lease on its
`PeriodicJobState` row). Each run is recorded on that row: started, finished, outcome, output
and error. A job that raises is recorded as failed and does not stop the other jobs or the
loop. The Secretariat sees the last runs on the admin dashboard.
"""

import contextlib
import io
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import close_old_connections, connections
from django.db.models import F, Q
from django.utils import timezone
from wagtail import hooks

from cms import jobs

logger = logging.getLogger(__name__)

HOOK_NAME = "register_periodic_job"
DEFAULT_EVERY = timedelta(minutes=1)
# How long a process may hold a job before another may take it over (it crashed, say).
LEASE = timedelta(minutes=15)
# A job whose last run started longer ago than this many intervals is shown as stalled.
STALE_AFTER_INTERVALS = 5
MAX_TEXT = 4000


@dataclass(frozen=True)
class PeriodicJob:
    """A named callable run every `every` (a timedelta)."""

    name: str
    run: Callable[[], object]
    every: timedelta = DEFAULT_EVERY

    @classmethod
    def coerce(cls, value):
        if isinstance(value, cls):
            return value
        if isinstance(value, tuple) and len(value) in (2, 3) and callable(value[1]):
            every = DEFAULT_EVERY
            if len(value) == 3:
                every = value[2] if isinstance(value[2], timedelta) else timedelta(seconds=value[2])
            return cls(name=value[0], run=value[1], every=every)
        raise TypeError(f"Not a periodic job: {value!r}")


def get_periodic_jobs():
    """Every registered job, in registration order. Raises ValueError on a duplicate name."""
    jobs = []
    for hook in hooks.get_hooks(HOOK_NAME):
        registered = hook()
        if registered is None:
            continue
        if isinstance(registered, PeriodicJob | tuple):
            registered = [registered]
        jobs.extend(PeriodicJob.coerce(job) for job in registered)
    names = [job.name for job in jobs]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"Periodic jobs registered twice: {', '.join(sorted(duplicates))}")
    return jobs


def _claim(job, now, force):
    """Take the job's lease when it is due (or `force`) and nobody holds it. Returns its state
    row, or None when it is not this process's to run now."""
    from .models import PeriodicJobState

    state, _created = PeriodicJobState.objects.get_or_create(
        name=job.name, defaults={"next_run_at": now}
    )
    claimable = PeriodicJobState.objects.filter(pk=state.pk).filter(
        Q(leased_until__isnull=True) | Q(leased_until__lt=now)
    )
    if not force:
        claimable = claimable.filter(next_run_at__lte=now)
    claimed = claimable.update(
        leased_until=now + LEASE,
        last_started_at=now,
        last_outcome=PeriodicJobState.Outcome.RUNNING,
    )
    if not claimed:
        return None
    state.refresh_from_db()
    return state


def run_job(job, force=False):
    """Run `job` if it is due (or `force`) and free; record the run. Returns its state row
    after the run, or None when it did not run."""
    from .models import PeriodicJobState

    started = timezone.now()
    state = _claim(job, started, force)
    if state is None:
        return None
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output):
            result = job.run()
    except Exception:  # noqa: BLE001 (a failing job is recorded; the others still run)
        logger.exception("Periodic job %s failed", job.name)
        outcome, error = PeriodicJobState.Outcome.FAILED, traceback.format_exc()
    else:
        outcome, error = PeriodicJobState.Outcome.SUCCEEDED, ""
        if result:
            output.write(str(result))
    finished = timezone.now()
    failed = outcome == PeriodicJobState.Outcome.FAILED
    changes = {
        "leased_until": None,
        "last_finished_at": finished,
        "last_outcome": outcome,
        "last_message": output.getvalue()[-MAX_TEXT:],
        "next_run_at": started + job.every,
        "run_count": F("run_count") + 1,
    }
    if failed:
        changes.update(
            last_error=error[-MAX_TEXT:],
            last_failed_at=finished,
            failure_count=F("failure_count") + 1,
        )
    PeriodicJobState.objects.filter(pk=state.pk).update(**changes)
    state.refresh_from_db()
    return state


def run_due_jobs(jobs=None, force=False, stop=None):
    """Run each due job once, in order; stop early when `stop` (a threading.Event) is set.
    Returns the state rows of the jobs that ran."""
    ran = []
    for job in get_periodic_jobs() if jobs is None else jobs:
        if stop is not None and stop.is_set():
            break
        state = run_job(job, force=force)
        if state is not None:
            ran.append(state)
    return ran


def release_connections():
    """Drop connections that are broken or past their age, as Django does between requests;
    never inside a transaction (a test's, say), where closing would break it."""
    if not any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
        close_old_connections()


def run_forever(stop, poll_seconds=15, jobs=None, on_cycle=None):
    """Run due jobs every `poll_seconds` until `stop` (a threading.Event) is set. Nothing that
    goes wrong in a cycle (a lost database connection, say) ends the loop: it is logged and
    the next cycle tries again."""
    while not stop.is_set():
        release_connections()
        try:
            ran = run_due_jobs(jobs=jobs, stop=stop)
        except Exception:  # noqa: BLE001 (the loop outlives any one cycle)
            logger.exception("Periodic cycle failed; trying again in %s s", poll_seconds)
            ran = []
        if on_cycle is not None:
            on_cycle(ran)
        release_connections()
        stop.wait(poll_seconds)


def new_stop_event():
    return threading.Event()


def last_runs():
    """For the dashboard: each registered job with its state row (None if never run) and
    whether it looks stalled (never run, or not started for several intervals)."""
    from .models import PeriodicJobState

    states = {state.name: state for state in PeriodicJobState.objects.all()}
    now = timezone.now()
    rows = []
    for job in get_periodic_jobs():
        state = states.get(job.name)
        stalled = (
            state is None
            or state.last_started_at is None
            or now - state.last_started_at > job.every * STALE_AFTER_INTERVALS
        )
        rows.append({"job": job, "state": state, "stalled": stalled})
    return rows


# The product's own jobs.


@hooks.register(HOOK_NAME)
def publish_scheduled():
    """Wagtail's scheduled publishing: what is due goes live or expires (scheduled_publishing)."""
    from .scheduled_publishing import publish_due

    return PeriodicJob("publish_scheduled", publish_due)


@hooks.register(HOOK_NAME)
def recover_stalled():
    """Background jobs whose worker stopped (template imports, report PDFs) are re-queued, or
    recorded failed after their last attempt (cms/jobs.py)."""
    return PeriodicJob("recover_stalled_jobs", jobs.recover_stalled_jobs)
