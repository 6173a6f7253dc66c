"""A small HTTP load generator: concurrent clients, each on its own keep-alive connection
(reopened whenever the server closes it), counting every answer but a 200 as a failure."""

import http.client
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Load:
    """What a run of requests came to: how many, in how long, which failed and how."""

    requests: int = 0
    seconds: float = 0.0
    #: Status code (or error name) of each failed request -> how many.
    failures: Counter = field(default_factory=Counter)
    #: X-Page-Cache of each answer (hit, miss, or None when absent) -> how many.
    page_cache: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)

    @property
    def failed(self):
        return sum(self.failures.values())

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, percent):
        """The `percent`th percentile of the latencies, in milliseconds."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[percent - 1] * 1000

    def add(self, other):
        """Fold `other` (a later run of the same requests) into this one."""
        self.requests += other.requests
        self.seconds += other.seconds
        self.failures.update(other.failures)
        self.page_cache.update(other.page_cache)
        self.latencies.extend(other.latencies)


class Connection:
    """GETs to one server over one connection, with the same headers every time."""

    def __init__(self, base_url, headers=None, timeout=60):
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.headers = dict(headers or {})

    def get(self, path):
        """GET `path` and read the whole body: (status or error name, X-Page-Cache)."""
        try:
            self.connection.request("GET", path, headers=self.headers)
            response = self.connection.getresponse()
            response.read()
            return response.status, response.getheader("X-Page-Cache")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()  # the next request opens a new one
            return type(error).__name__, None

    def close(self):
        self.connection.close()


def run_load(base_url, path, *, clients, requests, headers=None):
    """GET `path` `requests` times in all from `clients` concurrent connections; the time is
    from their common start until the last answer."""
    shares = [requests // clients + (i < requests % clients) for i in range(clients)]
    start = threading.Barrier(clients + 1)
    results = [Load() for _ in shares]

    def client(share, result):
        connection = Connection(base_url, headers)
        start.wait()
        try:
            for _ in range(share):
                began = time.perf_counter()
                status, kept = connection.get(path)
                result.latencies.append(time.perf_counter() - began)
                result.requests += 1
                result.page_cache[kept] += 1
                if status != 200:
                    result.failures[status] += 1
        finally:
            connection.close()

    threads = [
        threading.Thread(target=client, args=(share, result), daemon=True)
        for share, result in zip(shares, results, strict=True)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    total = Load(seconds=time.perf_counter() - began)
    for result in results:
        total.add(result)
    return total
