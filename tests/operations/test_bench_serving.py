"""The serving benchmark's tools (manage.py bench_serving): its load generator counts every
request and failure, its gunicorn environment passes the deployment checks, and its servers
stop however the bench ends."""

import pytest
from django.core.management.utils import get_random_secret_key

from iisg_pages.benchmarks import wrk
from iisg_pages.benchmarks.load import run_load
from iisg_pages.benchmarks.server import free_port, serving, serving_environment
from tests.deployment import entrypoint, production_environment


def bench_environment(workdir):
    """The bench's environment, on the test database and the bench's Redis database."""
    return serving_environment(
        database_url=production_environment()["DATABASE_URL"],
        redis_url="redis://127.0.0.1:6379/12",
        secret_key=get_random_secret_key(),
        workdir=workdir,
        page_cache_seconds=0,
        api_rate="100000/m",
        port=free_port(),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_load_generator_counts_requests_and_failures(live_server):
    answered = run_load(live_server.url, "/robots.txt", clients=3, requests=10)
    assert (answered.requests, answered.failed, len(answered.latencies)) == (10, 0, 10)

    missing = run_load(live_server.url, "/no-such-page/", clients=3, requests=7)
    assert missing.requests == 7
    assert missing.failures == {404: 7}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wrk_counts_requests_failures_and_page_cache_answers(live_server):
    assert wrk.available(), "the serving bench measures throughput with wrk (.ci/run installs it)"
    answered = wrk.run_wrk(live_server.url, "/robots.txt", clients=2, seconds=1)
    assert answered.requests > 0 and answered.seconds >= 1
    assert answered.failed == 0
    assert answered.page_cache == {None: answered.requests}

    missing = wrk.run_wrk(live_server.url, "/no-such-page/", clients=2, seconds=1)
    assert missing.requests > 0
    assert missing.failures == {"not 200": missing.requests}


def test_wrk_summaries_are_read_into_loads():
    line = "IISG requests=120 microseconds=2000000 hits=100 misses=2 failures=3 errors=1\n"
    load = wrk.parse("Running 2s test @ http://x/\n" + line)
    assert (load.requests, load.per_second) == (120, 60.0)
    assert load.page_cache == {"hit": 100, "miss": 2, None: 18}
    assert load.failures == {"not 200": 3, "socket error": 1}
    with pytest.raises(ValueError, match="no summary line"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_a_server_that_refuses_connections_counts_as_failures():
    refused = run_load(f"http://127.0.0.1:{free_port()}", "/", clients=2, requests=4)
    assert refused.requests == 4
    assert refused.failures == {"ConnectionRefusedError": 4}


def test_the_bench_serves_with_settings_that_pass_the_deployment_checks(tmp_path):
    # Exactly the bench's variables: every one of the production test's is removed first.
    variables = dict.fromkeys(production_environment()) | bench_environment(tmp_path)
    result = entrypoint("check", **variables)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_servers_stop_when_the_bench_is_interrupted(tmp_path):
    with (
        pytest.raises(KeyboardInterrupt),
        serving([bench_environment(tmp_path)], tmp_path) as [server],
    ):
        assert run_load(server.base_url, "/healthz?scope=web", clients=1, requests=1).failed == 0
        raise KeyboardInterrupt
    assert server.process.poll() is not None
