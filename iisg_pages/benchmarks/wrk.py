"""Throughput measured with wrk (a C load generator) when it is installed: the Python load
generator (load.py) shares the machine's cores with the servers and, on a small machine,
tops out below what a cached page can be served at, so it would measure itself."""

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from .load import Load

SCRIPT = Path(__file__).with_name("count_answers.lua")
SUMMARY = re.compile(
    r"^IISG requests=(?P<requests>\d+) microseconds=(?P<microseconds>\d+) hits=(?P<hits>\d+) "
    r"misses=(?P<misses>\d+) failures=(?P<failures>\d+) errors=(?P<errors>\d+)$",
    re.MULTILINE,
)


def available():
    """The path of wrk, or None (Debian and Ubuntu: `apt-get install wrk`)."""
    return shutil.which("wrk")


def run_wrk(base_url, path, *, clients, seconds, headers=None):
    """GET `path` for `seconds` from `clients` keep-alive connections on one wrk thread (the
    servers keep the other cores), as a Load without latencies."""
    command = [
        available() or "wrk",
        "--threads", "1",
        "--connections", str(clients),
        "--duration", f"{max(1, round(seconds))}s",
        "--timeout", "60s",
        "--script", str(SCRIPT),
    ]  # fmt: skip
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    finished = subprocess.run(  # noqa: S603 - wrk, with the bench's own arguments
        [*command, base_url + path], capture_output=True, text=True, check=True, timeout=600
    )
    return parse(finished.stdout)


def parse(output):
    """The Load of wrk's output with count_answers.lua's summary line."""
    found = SUMMARY.search(output)
    if found is None:
        raise ValueError(f"wrk printed no summary line:\n{output}")
    figures = {name: int(value) for name, value in found.groupdict().items()}
    failures = Counter({"not 200": figures["failures"], "socket error": figures["errors"]})
    requests = figures["requests"]
    kept = Counter(
        {"hit": figures["hits"], "miss": figures["misses"],
         None: requests - figures["hits"] - figures["misses"]}
    )  # fmt: skip
    return Load(
        requests=requests,
        seconds=figures["microseconds"] / 1_000_000,
        failures=+failures,
        page_cache=+kept,
    )
