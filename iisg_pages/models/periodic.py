"""The state of each periodic job (iisg_pages/periodic.py): when it runs next, who holds it,
and how its last run went. One row per job, updated by every run."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PeriodicJobState(models.Model):
    """One periodic job: its schedule, its lease and its last run.

    `leased_until` lets several `manage.py periodic` processes (one per host) share the jobs:
    a process runs a job only after claiming it with one conditional UPDATE.
    """

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    name = models.CharField(_("job"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    leased_until = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_outcome = models.CharField(
        _("last outcome"), max_length=16, choices=Outcome.choices, blank=True
    )
    last_message = models.TextField(_("last output"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_failed_at = models.DateTimeField(_("last failed"), null=True, blank=True)
    run_count = models.PositiveIntegerField(default=0)
    failure_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")

    def __str__(self):
        return f"{self.name}: {self.get_last_outcome_display() or gettext('never run')}"

    @property
    def last_error_summary(self):
        """The last line of the last error (the exception and its message)."""
        lines = self.last_error.strip().splitlines()
        return lines[-1] if lines else ""


class TaskWorker(models.Model):
    """A running task worker (`manage.py worker`), as its heartbeat last reported it.

    Each worker process beats every WORKER_BEAT seconds and deletes its row when it stops
    cleanly; a row not seen for longer than WORKER_STALE belongs to a worker that died. With
    no live worker, search indexing, PDFs and template imports wait: /healthz and the admin
    dashboard say so.
    """

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("task worker")

    def __str__(self):
        return f"{self.worker_id} on {self.host}"
