"""gunicorn as deployed (deploy/entrypoint.sh web, cms.settings.production), for the bench:
its environment, its static files, and the servers started and always stopped."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from .load import Connection

ENTRYPOINT = Path(settings.BASE_DIR) / "deploy" / "entrypoint.sh"
#: Every request says it came through the HTTPS load balancer (SECURE_PROXY_SSL_HEADER).
BALANCER_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serving_environment(
    *, database_url, redis_url, secret_key, workdir, page_cache_seconds, api_rate, port=8000
):
    """The environment of a production deployment on this machine (deploy/env.example) with
    the bench's database, Redis, page cache, API rate limits, and 2 workers that are never
    recycled (GUNICORN_MAX_REQUESTS=0: a restart would be measured, not the serving)."""
    workdir = Path(workdir)
    return {
        "PATH": os.environ["PATH"],
        "PYTHON": sys.executable,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
        "EMAIL_HOST": "smtp.example.org",
        "DEFAULT_FROM_EMAIL": "bench@example.org",
        "IISG_MEDIA_STORAGE": "local",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "IISG_MEMBERS_REQUIRE_SECOND_FACTOR": "true",
        "IISG_PAGE_CACHE_SECONDS": str(page_cache_seconds),
        "IISG_API_RATE_PER_TOKEN": api_rate,
        "IISG_API_RATE_PER_ADDRESS": api_rate,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "GUNICORN_WORKERS": "2",
        "GUNICORN_MAX_REQUESTS": "0",
    }


def collect_static(environment):
    """collectstatic into the environment's STATIC_ROOT (production needs the manifest)."""
    result = subprocess.run(  # noqa: S603 (our script)
        [str(ENTRYPOINT), "manage", "collectstatic", "--noinput", "-v0"],
        env=environment, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if result.returncode:
        raise CommandError(f"collectstatic failed:\n{result.stderr[-3000:]}")


class Server:
    """One gunicorn serving `environment` on its PORT, its output in `log`."""

    def __init__(self, environment, log):
        self.environment, self.log = environment, Path(log)
        self.base_url = f"http://127.0.0.1:{environment['PORT']}"
        self.process = None

    def start(self):
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(  # noqa: S603 (our script)
                [str(ENTRYPOINT), "web"], env=self.environment,
                stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait_until_serving(self, timeout=120):
        """Return once /healthz answers 200; stop with the log's end if it never does."""
        deadline = time.monotonic() + timeout
        connection = Connection(self.base_url, BALANCER_HEADERS, timeout=5)
        try:
            while connection.get("/healthz?scope=web")[0] != 200:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise CommandError(f"gunicorn did not start:\n{self.log_tail()}")
                time.sleep(0.3)
        finally:
            connection.close()

    def stop(self):
        """Stop gunicorn (its workers with it), by force if it takes over 30 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, characters=3000):
        return self.log.read_text(errors="replace")[-characters:]


@contextmanager
def serving(environments, workdir):
    """Start one gunicorn per environment and yield them, serving; stop them all however the
    block ends (an error, Ctrl-C, SIGTERM turned into SystemExit)."""
    servers = [
        Server(environment, Path(workdir) / f"gunicorn-{number}.log")
        for number, environment in enumerate(environments)
    ]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_until_serving()
        yield servers
    finally:
        for server in servers:
            server.stop()
