"""Template imports that recover (cms/jobs.py): an import whose worker stopped is queued
again, at most three runs, then shown failed with its reason and a Retry button; a
confirmation and its job never split; progress shows while the work's transaction is still
open. A real worker killed mid-job: tests/needs_snippets/test_worker_faults.py."""

import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from cms import jobs
from needs_snippets.consultation import retention, service
from needs_snippets.models import Need, TemplateImport
from tests.connections import started
from tests.jobs import stopped_worker
from tests.markers import postgres_only

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class TestTemplateImports:
    def test_a_stopped_check_is_queued_again_and_completes(
        self, checked_import, django_capture_on_commit_callbacks
    ):
        item = stopped_worker(checked_import, status=TemplateImport.Status.CHECKING)
        with django_capture_on_commit_callbacks(execute=True):
            summary = jobs.recover_stalled_jobs()
        assert summary == "Re-queued 1 stalled job(s); gave up on 0."
        item.refresh_from_db()
        assert item.status == TemplateImport.Status.READY
        assert item.attempts == 2 and item.heartbeat_at is None  # the lease ended with the run

    def test_a_stopped_apply_is_queued_again_and_writes_once(
        self, checked_import, secretariat_client, django_capture_on_commit_callbacks
    ):
        needs = Need.objects.count()
        with django_capture_on_commit_callbacks(execute=False):  # the worker never started
            assert service.confirm(checked_import, checked_import.uploaded_by)
        item = stopped_worker(checked_import, status=TemplateImport.Status.APPLYING)
        with django_capture_on_commit_callbacks(execute=True):
            jobs.recover_stalled_jobs()
        item.refresh_from_db()
        assert item.status == TemplateImport.Status.APPLIED
        assert Need.objects.count() == needs + 1

    def test_a_live_worker_keeps_its_job(self, checked_import, django_capture_on_commit_callbacks):
        item = stopped_worker(checked_import, minutes=1, status=TemplateImport.Status.CHECKING)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert jobs.recover_stalled_jobs() == "Re-queued 0 stalled job(s); gave up on 0."
        assert callbacks == []
        # A copy of the job queued twice finds the live run and does nothing.
        with jobs.leased(TemplateImport, item.pk) as run:
            assert run is None

    def test_after_three_runs_it_fails_with_its_reason_and_a_retry(
        self, checked_import, secretariat_client, django_capture_on_commit_callbacks
    ):
        item = stopped_worker(checked_import, attempts=3, status=TemplateImport.Status.APPLYING)
        with django_capture_on_commit_callbacks(execute=True):
            assert jobs.recover_stalled_jobs() == "Re-queued 0 stalled job(s); gave up on 1."
        item.refresh_from_db()
        assert item.status == TemplateImport.Status.FAILED
        assert item.failure_reason.startswith("Applying: The worker stopped 3 times")
        assert item.report["counts"]["create"] == 1  # what it would do is still there
        page = secretariat_client.get(reverse("template_import", args=[item.pk])).content.decode()
        assert "The worker stopped 3 times while doing this; nothing of it was kept." in page
        assert "Retry: check the file again" in page

        with django_capture_on_commit_callbacks(execute=True):
            response = secretariat_client.post(
                reverse("retry_template_import", args=[item.pk]), follow=True
            )
        assert "The file is being checked again." in response.content.decode()
        item.refresh_from_db()
        assert item.status == TemplateImport.Status.READY and item.attempts == 1
        assert not item.failure_reason

    def test_only_a_failed_import_is_retried(self, checked_import, secretariat_client):
        response = secretariat_client.post(
            reverse("retry_template_import", args=[checked_import.pk]), follow=True
        )
        assert "Only a failed import can be run again." in response.content.decode()
        checked_import.refresh_from_db()
        assert checked_import.status == TemplateImport.Status.READY

    def test_a_confirmation_and_its_job_never_split(
        self, checked_import, django_capture_on_commit_callbacks
    ):
        # The request fails after the confirmation: neither it nor its job remain.
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(RuntimeError), transaction.atomic():
                assert service.confirm(checked_import, checked_import.uploaded_by)
                raise RuntimeError("the request failed after confirming")
        assert callbacks == []
        checked_import.refresh_from_db()
        assert checked_import.status == TemplateImport.Status.READY
        # Committed, the job is queued exactly once, and applies (and the entries it wrote are
        # indexed by one more task, queued when its own transaction commits).
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert service.confirm(checked_import, checked_import.uploaded_by)
        assert len(callbacks) == 2
        checked_import.refresh_from_db()
        assert checked_import.status == TemplateImport.Status.APPLIED

    def test_a_job_whose_enqueue_was_lost_is_queued_by_the_recovery(
        self, checked_import, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False):  # the process died here
            service.confirm(checked_import, checked_import.uploaded_by)
        TemplateImport.objects.filter(pk=checked_import.pk).update(
            queued_at=timezone.now() - timedelta(minutes=3)
        )
        with django_capture_on_commit_callbacks(execute=True):
            jobs.recover_stalled_jobs()
        checked_import.refresh_from_db()
        assert checked_import.status == TemplateImport.Status.APPLIED

    def test_a_job_waiting_for_a_worker_is_left_in_the_queue(
        self, checked_import, django_capture_on_commit_callbacks
    ):
        with override_settings(TASKS=DATABASE_TASKS):
            with django_capture_on_commit_callbacks(execute=True):
                service.confirm(checked_import, checked_import.uploaded_by)
            checked_import.refresh_from_db()
            waiting = checked_import.task_result_id
            assert default_task_backend.get_result(waiting).status == "READY"
            TemplateImport.objects.filter(pk=checked_import.pk).update(
                queued_at=timezone.now() - timedelta(hours=1)
            )
            assert jobs.recover_stalled_jobs() == "Re-queued 0 stalled job(s); gave up on 0."
            checked_import.refresh_from_db()
            assert checked_import.task_result_id == waiting
            assert checked_import.status == TemplateImport.Status.APPLYING


@postgres_only("progress is read from another connection while the work's transaction is open")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_shows_while_the_work_is_still_in_its_transaction(cycle_data):
    item = TemplateImport.objects.create(
        cycle=cycle_data["cycle"], filename="big.xlsx", status=TemplateImport.Status.APPLYING,
        queued_at=timezone.now(),
    )  # fmt: skip
    seen = []

    def watch():
        """What the import's page would read, on its own connection."""
        for _ in range(100):
            seen.append(TemplateImport.objects.get(pk=item.pk).rows_done)
            if seen[-1]:
                return
            time.sleep(0.1)

    with jobs.leased(TemplateImport, item.pk) as run, transaction.atomic():
        run.report(rows_done=400, rows_total=1000)
        started(watch).outcome()
        # Still inside the work's transaction.
        assert connection.in_atomic_block
    assert seen[-1] == 400


def test_abandoned_uploads_go_after_their_retention_and_applied_ones_stay(
    checked_import, settings, django_capture_on_commit_callbacks
):
    settings.IISG_UPLOAD_RETENTION_DAYS = 30
    long_ago = timezone.now() - timedelta(days=31)
    storage = checked_import.document.file.storage

    def upload_of(status, uploaded_at):
        item = service.start(b"PK not a workbook", f"{status}.xlsx", checked_import.uploaded_by)
        TemplateImport.objects.filter(pk=item.pk).update(status=status, uploaded_at=uploaded_at)
        return item

    refused = upload_of(TemplateImport.Status.INVALID, long_ago)
    never_confirmed = upload_of(TemplateImport.Status.READY, long_ago)
    recent = upload_of(TemplateImport.Status.INVALID, timezone.now() - timedelta(days=29))
    applied = upload_of(TemplateImport.Status.APPLIED, long_ago)
    files = {item.pk: item.document.file.name for item in (refused, never_confirmed, applied)}
    with django_capture_on_commit_callbacks(execute=True):
        summary = retention.delete_abandoned_uploads()
    assert summary.startswith("Deleted 2 upload(s)")
    remaining = set(TemplateImport.objects.values_list("pk", flat=True))
    assert {refused.pk, never_confirmed.pk}.isdisjoint(remaining)
    assert {recent.pk, applied.pk, checked_import.pk} <= remaining
    assert not storage.exists(files[refused.pk]) and not storage.exists(files[never_confirmed.pk])
    assert storage.exists(files[applied.pk])
