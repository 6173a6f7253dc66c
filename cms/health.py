"""/healthz: whether this machine can serve, for load balancers and monitoring.

Checks the database (a query), the shared cache (a write read back), the media storage (a
lookup) and the task workers (the queryset of live workers that IISG_HEALTH_LIVE_WORKERS names:
iisg_pages.heartbeat.live_workers, a heartbeat within WORKER_STALE). Answers
200 when every check passes, else 503, as JSON naming each check and, for a failed one, what
failed (never a host name, a secret or an exception's text). `?scope=web` leaves the task
workers out: point a load balancer there, so a stopped worker does not take the web machines
out of service, and monitoring at /healthz.

Answered by HealthCheckMiddleware before anything else runs: a load balancer's probe comes
over plain HTTP, with the machine's address as its host, and must not be redirected or
refused.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

PATH = "/healthz"
SCOPES = {"all", "web"}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the value written was not read back")
    finally:
        cache.delete(key)


def _storage():
    default_storage.exists("healthz-probe")


def _task_workers():
    live_workers = import_string(settings.IISG_HEALTH_LIVE_WORKERS)
    if not live_workers().exists():
        raise RuntimeError("no task worker has reported within the last minutes")


CHECKS = {
    "database": (_database, "the database cannot be reached"),
    "cache": (_cache, "the shared cache cannot be written and read"),
    "storage": (_storage, "the media storage cannot be reached"),
    "task_workers": (_task_workers, "no task worker is running"),
}


def report(scope="all"):
    """{check: {"ok": bool, "problem": str?}} for the checks of `scope`."""
    results = {}
    for name, (check, problem) in CHECKS.items():
        if scope == "web" and name == "task_workers":
            continue
        try:
            check()
        except Exception:  # noqa: BLE001 (any failure is the answer, logged in full)
            logger.warning("Health check %s failed", name, exc_info=True)
            results[name] = {"ok": False, "problem": problem}
        else:
            results[name] = {"ok": True}
    return results


def healthz(request):
    scope = request.GET.get("scope", "all")
    if scope not in SCOPES:
        response = JsonResponse(
            {"status": "error", "problem": "scope must be all or web"}, status=400
        )
    else:
        checks = report(scope)
        healthy = all(result["ok"] for result in checks.values())
        response = JsonResponse(
            {"status": "ok" if healthy else "failing", "scope": scope, "checks": checks},
            status=200 if healthy else 503,
        )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz before any other middleware (no HTTPS redirect, host check,
    session or sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in (PATH, PATH + "/") and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
