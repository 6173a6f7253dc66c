"""A real task worker (`manage.py db_worker`) killed in the middle of a template import: the
import shows its progress while it runs, the killed apply leaves nothing written, and after
the lease runs out the recovery queues the job again and a new worker completes it."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from cms import jobs
from needs_snippets.consultation import service
from needs_snippets.management.commands.bench_import import filled_template
from needs_snippets.models import Need, TemplateImport
from tests.factories import UserFactory
from tests.markers import postgres_only

pytestmark = [
    pytest.mark.faults,
    postgres_only("a worker process shares the test database only on PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: Enough rows for a check, and for an apply, to take seconds: long enough to kill mid-way.
CHECKED_ROWS = 15_000
APPLIED_ROWS = 1_000

WORKER = """
import sys
import django
from django.conf import settings
settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
django.setup()
from django.core.management import call_command
call_command("db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload")
"""


def start_worker():
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT']}/{database['NAME']}"
    )
    return subprocess.Popen(  # noqa: S603 (our own script)
        [sys.executable, "-c", WORKER],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": url,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(item, condition, what, seconds=300):
    """The import once `condition(import)` holds (read every 0.1 s); fails naming `what`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        item.refresh_from_db()
        if condition(item):
            return item
        time.sleep(0.1)
    raise AssertionError(f"Gave up waiting for {what}: the import is {item.status}")


def running(item):
    """Taken by a worker (its lease has a heartbeat), not finished."""
    if not item.is_busy:
        raise AssertionError(f"The job ended ({item.status}) before it could be stopped")
    return item.heartbeat_at is not None


def half_way(item):
    """Rows done and rows to go, while its worker still holds it."""
    if not item.is_busy:
        raise AssertionError(f"The job ended ({item.status}) before it could be stopped")
    return 0 < item.rows_done < item.rows_total


def kill(worker):
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)


def lease_runs_out(item):
    """What two minutes without a heartbeat look like to the recovery."""
    TemplateImport.objects.filter(pk=item.pk).update(
        heartbeat_at=timezone.now() - jobs.STALE_AFTER - timedelta(seconds=1)
    )


@pytest.fixture
def workers():
    started = []

    def start():
        started.append(start_worker())
        return started[-1]

    yield start
    for worker in started:
        if worker.poll() is None:
            kill(worker)


def uploaded(cycle_data, user, rows):
    """A filled needs template of `rows` new needs, uploaded and queued for its check."""
    data = filled_template(
        cycle_data["cycle"], cycle_data["pillar"], cycle_data["partners"]["AL"], rows
    )
    with transaction.atomic():
        item = service.start(data, f"{rows}-rows.xlsx", user, cycle_data["cycle"])
        item.queue()
    return item


@override_settings(TASKS=DATABASE_TASKS)
def test_a_check_whose_worker_is_killed_is_finished_by_the_next(cycle_data, workers):
    item = uploaded(cycle_data, UserFactory(), CHECKED_ROWS)
    worker = workers()
    item = wait_for(item, running, "the worker to take the check")
    kill(worker)
    item.refresh_from_db()
    assert item.status == TemplateImport.Status.CHECKING  # stuck, until the lease runs out
    assert jobs.recover_stalled_jobs() == "Re-queued 0 stalled job(s); gave up on 0."
    lease_runs_out(item)
    assert jobs.recover_stalled_jobs() == "Re-queued 1 stalled job(s); gave up on 0."
    workers()
    item = wait_for(item, lambda item: not item.is_busy, "the check to finish")
    assert item.status == TemplateImport.Status.READY, item.report
    assert item.report["counts"]["create"] == CHECKED_ROWS and item.attempts == 2


@override_settings(TASKS=DATABASE_TASKS)
def test_an_apply_whose_worker_is_killed_writes_nothing_then_everything_once(cycle_data, workers):
    user = UserFactory()
    needs_before = Need.objects.count()
    item = uploaded(cycle_data, user, APPLIED_ROWS)
    worker = workers()
    item = wait_for(item, lambda item: item.status == TemplateImport.Status.READY, "the check")
    assert service.confirm(item, user)
    # The progress shows while the apply's transaction is still open.
    item = wait_for(item, half_way, "applying progress")
    kill(worker)
    item.refresh_from_db()
    assert item.status == TemplateImport.Status.APPLYING
    assert Need.objects.count() == needs_before  # the killed transaction wrote nothing
    lease_runs_out(item)
    assert jobs.recover_stalled_jobs() == "Re-queued 1 stalled job(s); gave up on 0."
    workers()
    item = wait_for(item, lambda item: not item.is_busy, "the apply to finish")
    assert item.status == TemplateImport.Status.APPLIED and item.attempts == 2
    assert Need.objects.count() == needs_before + APPLIED_ROWS
    assert item.applied_by == user
