"""The database unreachable: the site answers a static 503 page and the API a 503
problem+json, both with Retry-After, whichever layer met the outage first; and both serve
again by themselves once it is back. The outage is real in the `faults` test: a throwaway
PostgreSQL cluster, started by the test on a spare port and stopped under a running server."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings

from iisg_pages.benchmarks.server import free_port

PG_BIN = Path("/usr/lib/postgresql")


class DatabaseGone:
    """A middleware meeting the outage before any view (as sessions or the site lookup do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


class Broken(DatabaseGone):
    """A middleware with an ordinary bug."""

    def __call__(self, request):
        raise ValueError("a bug")


def with_outage_after(middleware_path):
    middleware = list(settings.MIDDLEWARE)
    at = middleware.index(middleware_path) + 1
    return [*middleware[:at], f"{__name__}.DatabaseGone", *middleware[at:]]


@pytest.mark.parametrize(
    "layer", ["django.contrib.sessions.middleware.SessionMiddleware", settings.MIDDLEWARE[-1]]
)
def test_an_outage_in_any_layer_answers_503_with_retry_after(layer):
    client = Client(raise_request_exception=False)
    with override_settings(MIDDLEWARE=with_outage_after(layer)):
        page = client.get("/login/")
        api = client.get("/api/v3/pages/")
    assert page.status_code == 503 and page["Retry-After"] == "60"
    assert "cannot reach its database for a moment" in page.content.decode()
    assert api.status_code == 503 and api["Retry-After"] == "60"
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["detail"] == "The database cannot be reached: try again in a minute."


def test_other_errors_keep_the_500_page():
    client = Client(raise_request_exception=False)
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, f"{__name__}.Broken"]):
        page = client.get("/login/")
    assert page.status_code == 500 and "Something went wrong" in page.content.decode()


class ThrowawayCluster:
    """A PostgreSQL cluster of its own, run as the postgres user, on a spare port."""

    def __init__(self):
        versions = sorted(PG_BIN.glob("*/bin/initdb")) if PG_BIN.exists() else []
        if not versions:
            pytest.skip(f"no PostgreSQL server binaries under {PG_BIN}")
        self.bin = versions[-1].parent
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="iisg-outage-", dir="/tmp"))
        self.data = self.directory / "data"
        shutil.chown(self.directory, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def run(self, program, *arguments):
        command = [str(self.bin / program), *arguments]
        if os.geteuid() == 0:  # the server refuses root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.directory / "log"),
                 "-w", "start")  # fmt: skip

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def remove(self):
        subprocess.run(  # noqa: S603
            [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True, user="postgres" if os.geteuid() == 0 else None,
        )  # fmt: skip
        shutil.rmtree(self.directory, ignore_errors=True)


def answer(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our server)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_until(condition, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"Gave up waiting for {what}")


@pytest.fixture
def cluster():
    cluster = ThrowawayCluster()
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def server(cluster):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": cluster.url,
        "DATABASE_CONN_MAX_AGE": "60",  # persistent connections must recover too
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR, env=environment, check=True,
    )  # fmt: skip
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=settings.BASE_DIR, env=environment, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def serving():
        try:
            return answer(f"{base}/login/")[0] == 200
        except OSError:
            return False

    try:
        wait_until(serving, "the server to answer")
        yield base
    finally:
        process.kill()
        process.wait(timeout=30)


@pytest.mark.faults
def test_the_database_stops_and_comes_back_under_a_running_server(cluster, server):
    assert answer(f"{server}/api/v3/pages/")[0] == 200
    assert answer(f"{server}/healthz?scope=web")[0] == 200
    cluster.stop()

    # The load balancer's probe says so, naming the database, not why in detail.
    status, _headers, body = answer(f"{server}/healthz?scope=web")
    assert status == 503
    assert json.loads(body)["checks"]["database"] == {
        "ok": False, "problem": "the database cannot be reached"
    }  # fmt: skip
    assert str(cluster.port) not in body

    status, headers, body = answer(f"{server}/login/")
    assert status == 503 and headers["Retry-After"] == "60"
    assert "cannot reach its database for a moment" in body
    status, headers, body = answer(f"{server}/api/v3/pages/")
    assert status == 503 and headers["Content-Type"] == "application/problem+json"
    assert "The database cannot be reached" in body and headers["Retry-After"] == "60"

    cluster.start()
    wait_until(lambda: answer(f"{server}/login/")[0] == 200, "the site to serve again")
    wait_until(lambda: answer(f"{server}/api/v3/pages/")[0] == 200, "the API to serve again")
    wait_until(lambda: answer(f"{server}/healthz?scope=web")[0] == 200, "the probe to pass")
