"""/healthz as a load balancer and monitoring read it, and the task workers' heartbeat behind
its last check and the admin's warning."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from iisg_pages import heartbeat
from iisg_pages.heartbeat import Heartbeat, beat
from iisg_pages.models import TaskWorker
from tests.factories import UserFactory
from tests.redis_cache import redis_caches

pytestmark = pytest.mark.django_db

DEAD_REDIS = redis_caches("redis://127.0.0.1:1/0")  # nothing listens on port 1


def test_every_check_passes_with_a_live_worker(client):
    beat("worker-a", timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response.json() == {
        "status": "ok",
        "scope": "all",
        "checks": {name: {"ok": True} for name in ("database", "cache", "storage", "task_workers")},
    }


def test_without_a_fresh_heartbeat_it_fails_but_the_web_scope_passes(client):
    TaskWorker.objects.create(
        worker_id="gone", host="worker-1", pid=7, started_at=timezone.now() - timedelta(hours=1),
        last_seen=timezone.now() - heartbeat.WORKER_STALE - timedelta(seconds=1),
    )  # fmt: skip
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["task_workers"] == {
        "ok": False, "problem": "no task worker is running"
    }  # fmt: skip
    web = client.get("/healthz", {"scope": "web"})
    assert web.status_code == 200 and "task_workers" not in web.json()["checks"]
    assert client.get("/healthz", {"scope": "everything"}).status_code == 400


@override_settings(CACHES=DEAD_REDIS)
def test_a_cache_that_cannot_be_reached_fails_the_probe_without_saying_where_it_is(client):
    response = client.get("/healthz", {"scope": "web"})
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cache"] == {
        "ok": False, "problem": "the shared cache cannot be written and read"
    }  # fmt: skip
    assert body["checks"]["database"] == {"ok": True}
    assert "127.0.0.1" not in response.content.decode()


@override_settings(
    STORAGES={
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "media", "endpoint_url": "http://127.0.0.1:1",
                "access_key": "key", "secret_key": "secret", "region_name": "us-east-1",
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)  # fmt: skip
def test_a_storage_that_cannot_be_reached_fails_the_probe(client):
    response = client.get("/healthz", {"scope": "web"})
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["iisg.example.org"])
def test_the_probe_is_answered_over_http_to_the_machines_address(client):
    beat("worker-a", timezone.now())
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == 200
    # Any other page still goes to HTTPS, and only for the site's own host names.
    assert client.get("/", HTTP_HOST="iisg.example.org").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_beats_while_it_runs_and_removes_its_record_when_it_stops():
    running = Heartbeat("worker-b", interval=0.05)
    running.start()
    first = TaskWorker.objects.get(worker_id="worker-b").last_seen
    deadline = time.monotonic() + 10
    while TaskWorker.objects.get(worker_id="worker-b").last_seen == first:
        assert time.monotonic() < deadline, "no second heartbeat"
        time.sleep(0.05)
    running.stop()
    assert not TaskWorker.objects.filter(worker_id="worker-b").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_worker_command_beats_from_its_start_to_its_end(monkeypatch):
    seen = []
    forget = heartbeat.forget

    def record_then_forget(worker_id):
        seen.append(TaskWorker.objects.filter(worker_id=worker_id).exists())
        forget(worker_id)

    monkeypatch.setattr(heartbeat, "forget", record_then_forget)
    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "batch-worker")
    assert seen == [True]
    assert not TaskWorker.objects.exists()


def test_the_admin_warns_everyone_while_no_worker_runs(client):
    reviewer = UserFactory(username="reviewer", groups=["Support Group WBCTi"])
    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No task worker is running" in dashboard
    assert "Task workers" not in dashboard  # the workers' list is the Secretariat's

    editor = UserFactory(username="editor", groups=["Secretariat"])
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No task worker is running" in dashboard
    assert "No task worker has ever reported." in dashboard
    assert "what is published does not reach search" in dashboard

    beat("worker-a", timezone.now())
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No task worker is running" not in dashboard
    assert "Task workers" in dashboard and "last heartbeat" in dashboard
