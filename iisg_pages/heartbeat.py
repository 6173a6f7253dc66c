"""Task workers' heartbeats: each `manage.py worker` process records that it is alive every
WORKER_BEAT seconds (a thread beside the worker loop), and removes its record when it stops
cleanly. `live_workers()` is what /healthz and the admin dashboard read."""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)

#: Seconds between two heartbeats of a worker.
WORKER_BEAT = 30
#: A worker not heard from for this long is taken for dead.
WORKER_STALE = timedelta(seconds=3 * WORKER_BEAT)


def beat(worker_id, started_at):
    """Record that worker `worker_id` (this process) is alive now."""
    from .models import TaskWorker

    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def forget(worker_id):
    """Remove the record of worker `worker_id`: it stopped cleanly."""
    from .models import TaskWorker

    TaskWorker.objects.filter(worker_id=worker_id).delete()


def live_workers(now=None):
    """Workers heard from within WORKER_STALE."""
    from .models import TaskWorker

    now = now or timezone.now()
    return TaskWorker.objects.filter(last_seen__gte=now - WORKER_STALE)


def last_heartbeat():
    """When any worker was last heard from, or None if never."""
    from .models import TaskWorker

    latest = TaskWorker.objects.order_by("-last_seen").first()
    return latest.last_seen if latest else None


class Heartbeat(threading.Thread):
    """Beats for `worker_id` every WORKER_BEAT seconds until `stop()`; a failed beat (the
    database away for a moment) is logged and the next one tries again."""

    def __init__(self, worker_id, interval=WORKER_BEAT):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.interval = worker_id, interval
        self.started_at = timezone.now()
        self._stop_event = threading.Event()

    def start(self):
        """Beat once now, in the caller's thread (the worker is known from its first
        moment), then every `interval` seconds in this thread."""
        self._beat()
        super().start()

    def run(self):
        while not self._stop_event.wait(self.interval):
            self._beat()
        close_old_connections()

    def _beat(self):
        try:
            beat(self.worker_id, self.started_at)
        except Exception:  # noqa: BLE001 (the heartbeat outlives a lost connection)
            logger.exception("Task worker heartbeat failed; trying again")
            close_old_connections()

    def stop(self):
        self._stop_event.set()
        self.join(timeout=5)
        try:
            forget(self.worker_id)
        except Exception:  # noqa: BLE001 (stopping must not fail on a lost database)
            logger.exception("Could not remove the task worker's heartbeat record")
        finally:
            close_old_connections()
