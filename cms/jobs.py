"""Background jobs that survive a killed worker: a lease kept alive by a heartbeat.

A model whose rows are jobs (a template import, a report PDF) inherits `LeasedJob`, names its
busy statuses, how to enqueue its task and how to record giving up. Then:

- `row.queue()` marks the row queued in the caller's transaction and enqueues its task when
  that transaction commits, so what asked for the job and the job never split (if the process
  dies between the commit and the enqueue, the recovery below enqueues it);
- the task runs its work inside `leased(Model, pk)`: the run claims the row (one more attempt,
  heartbeat now) unless a live run holds it, and a thread renews the heartbeat every
  HEARTBEAT and writes the run's progress on its own database connection, so progress shows
  while the work's own transaction is still open; the lease ends with the run;
- `recover_stalled_jobs()` (a periodic job, every minute) re-queues a busy row whose heartbeat,
  or queueing when it never started, is older than STALE_AFTER and that is not waiting in the
  task queue; after MAX_ATTEMPTS runs it records the row failed with the reason instead.
"""

import logging
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from functools import partial

from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

logger = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=30)
STALE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3
#: How often the heartbeat thread writes the progress a run reports (seconds).
PROGRESS_EVERY = 0.25


class LeasedJob(models.Model):
    """A row that is a background job: its attempts, when it was queued, its heartbeat, the
    task result it waits on and why it failed when it gave up.

    Subclasses have a `status` field and set `busy_statuses` (queued or running) and
    `queued_status` (what a queued row says; None when its status already names the work to
    redo), and implement `enqueue_task()` and `give_up(reason)`.
    """

    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True, editable=False)
    failure_reason = models.TextField(_("why it failed"), blank=True)

    busy_statuses = ()
    queued_status = None

    class Meta:
        abstract = True

    def enqueue_task(self):
        """Enqueue this row's task; returns the task result."""
        raise NotImplementedError

    def give_up(self, reason):
        """Record the row failed with `reason` (nothing of its work was kept)."""
        raise NotImplementedError

    @property
    def is_busy(self):
        return self.status in self.busy_statuses

    @property
    def is_stalled(self):
        """Busy without a heartbeat for longer than STALE_AFTER: its worker stopped."""
        last_sign = self.heartbeat_at or self.queued_at
        return self.is_busy and (last_sign is None or last_sign < timezone.now() - STALE_AFTER)

    def queue(self, *, fresh=True, **changes):
        """Mark the row queued (with `changes`, e.g. its status) now, and enqueue its task when
        the current transaction commits. `fresh` starts its attempts again (a person asked);
        a recovery keeps counting them."""
        changes = {
            **({"status": self.queued_status} if self.queued_status else {}),
            **changes,
            "queued_at": timezone.now(),
            "heartbeat_at": None,
            "task_result_id": "",
            "failure_reason": "",
        }
        if fresh:
            changes["attempts"] = 0
        type(self).objects.filter(pk=self.pk).update(**changes)
        for name, value in changes.items():
            setattr(self, name, value)
        transaction.on_commit(partial(_enqueue, type(self), self.pk))

    def queue_again_if(self, current, /, **changes):
        """A person's new run of a row whose status is `current` (failed, say): queued as
        `queue()` does, under the row's lock. False when its status is another."""
        with transaction.atomic():
            row = type(self).objects.select_for_update().filter(pk=self.pk, status=current).first()
            if row is None:
                return False
            row.queue(**changes)
        return True


def _enqueue(model, pk):
    row = model.objects.filter(pk=pk).first()
    if row is None or not row.is_busy:
        return
    result = row.enqueue_task()
    model.objects.filter(pk=pk, task_result_id="").update(task_result_id=result.id)


class _Heartbeat(threading.Thread):
    """Renews a run's heartbeat and writes its progress, on the thread's own connection."""

    def __init__(self, model, pk):
        super().__init__(name=f"heartbeat-{model._meta.label}-{pk}", daemon=True)
        self.model, self.pk = model, pk
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.pending = {}

    def report(self, **fields):
        with self.lock:
            self.pending.update(fields)

    def run(self):
        last_beat = time.monotonic()
        try:
            while not self.stopped.wait(PROGRESS_EVERY):
                with self.lock:
                    changes, self.pending = self.pending, {}
                if time.monotonic() - last_beat >= HEARTBEAT.total_seconds():
                    changes["heartbeat_at"] = timezone.now()
                    last_beat = time.monotonic()
                if changes:
                    self._write(changes)
        finally:
            connection.close()

    def _write(self, changes):
        try:
            # Never once the run's work has moved the row on (its last words are its own).
            self.model.objects.filter(pk=self.pk, status__in=self.model.busy_statuses).update(
                **changes
            )
        except DatabaseError:  # the database is away for a moment: the next beat retries
            logger.warning("Could not renew the heartbeat of %s %s", self.model.__name__, self.pk)
            connection.close()


class Run:
    """One run of a job: its row (claimed), and `report(**fields)` to show progress (written
    by the heartbeat thread within PROGRESS_EVERY, outside the run's transaction)."""

    def __init__(self, row, heartbeat):
        self.row = row
        self.report = heartbeat.report


@contextmanager
def leased(model, pk):
    """Claim job `pk` of `model` and keep its lease alive while the block runs. Yields a Run,
    or None when the row is not this run's to do: done already, gone, or held by a live run
    (a job queued twice runs once)."""
    now = timezone.now()
    claimed = (
        model.objects.filter(pk=pk, status__in=model.busy_statuses)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - STALE_AFTER))
        .update(heartbeat_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        yield None
        return
    heartbeat = _Heartbeat(model, pk)
    heartbeat.start()
    try:
        yield Run(model.objects.get(pk=pk), heartbeat)
    finally:
        heartbeat.stopped.set()
        heartbeat.join()
        # The lease ends with the run. A row still busy now (its run raised) has an old
        # queueing time, so the recovery re-queues it as it would a stopped worker's.
        model.objects.filter(pk=pk).update(heartbeat_at=None)


def job_models():
    """Every concrete model whose rows are leased jobs."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, LeasedJob) and not model._meta.abstract
    ]


def _waiting_in_queue(row):
    """True when the row's task is still waiting for a worker (not started, not lost)."""
    if not row.task_result_id or not default_task_backend.supports_get_result:
        return False
    try:
        result = default_task_backend.get_result(row.task_result_id)
    except TaskResultDoesNotExist:
        return False
    return result.status == TaskResultStatus.READY


def recover_stalled_jobs():
    """Re-queue every busy job whose worker stopped (no heartbeat for STALE_AFTER), or record
    it failed after MAX_ATTEMPTS runs. Returns a line saying what it did."""
    cutoff = timezone.now() - STALE_AFTER
    requeued = failed = 0
    for model in job_models():
        stalled = model.objects.filter(status__in=model.busy_statuses).filter(
            Q(heartbeat_at__lt=cutoff)
            | Q(heartbeat_at__isnull=True, queued_at__lt=cutoff)
            | Q(heartbeat_at__isnull=True, queued_at__isnull=True)
        )
        for pk in stalled.values_list("pk", flat=True):
            with transaction.atomic():
                row = stalled.select_for_update(skip_locked=True).filter(pk=pk).first()
                if row is None or _waiting_in_queue(row):
                    continue
                if row.attempts >= MAX_ATTEMPTS:
                    row.give_up(
                        _(
                            "The worker stopped %(count)s times while doing this; nothing of it "
                            "was kept. Retry it, and if it stops again see the worker's log."
                        )
                        % {"count": row.attempts}
                    )
                    failed += 1
                else:
                    row.queue(fresh=False)
                    requeued += 1
    return f"Re-queued {requeued} stalled job(s); gave up on {failed}."
