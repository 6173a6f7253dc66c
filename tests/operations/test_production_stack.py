"""The production stack as a deployer starts it, without a container: deploy/entrypoint.sh with
production settings read from the environment, gunicorn serving the pages, WhiteNoise the
static files (compressed, hashed, cached for a year), media in S3-compatible storage, and the
settings refusing a missing or wrong value by its name."""

import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from modelsearch.backends import get_search_backend

from iisg_pages.benchmarks.server import free_port
from needs_snippets.models import Need
from tests.deployment import ENTRYPOINT, entrypoint, production_environment
from tests.factories import NeedFactory


def test_with_every_variable_set_the_deployment_checks_pass():
    result = entrypoint("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "Set the environment variable DJANGO_SECRET_KEY"),
        ({"DATABASE_URL": None}, "Set the environment variable DATABASE_URL"),
        ({"AWS_STORAGE_BUCKET_NAME": None}, "Set the environment variable AWS_STORAGE_BUCKET_NAME"),
        ({"IISG_MEDIA_STORAGE": "ftp"}, "IISG_MEDIA_STORAGE is 'ftp': set it to local"),
        ({"IISG_SEARCH_BACKEND": "opensearch"}, "Set the environment variable IISG_SEARCH_URL"),
        ({"IISG_SEARCH_BACKEND": "solr"}, "IISG_SEARCH_BACKEND is 'solr'"),
    ],
)
def test_a_missing_or_wrong_setting_is_named(changes, message):
    result = entrypoint("check", **changes)
    assert result.returncode != 0
    assert message in result.stderr


def test_an_unknown_role_is_named():
    result = entrypoint("serve")
    assert result.returncode == 2 and "Unknown role 'serve'" in result.stderr


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our server)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_serves_pages_and_hashed_compressed_static_files(tmp_path):
    static = tmp_path / "static"
    port = free_port()
    changes = {
        "STATIC_ROOT": str(static), "PORT": str(port), "HOST": "127.0.0.1",
        "GUNICORN_WORKERS": "2", "DJANGO_SECURE_SSL_REDIRECT": "false",
        "IISG_MEDIA_STORAGE": "local", "MEDIA_ROOT": str(tmp_path / "media"),
    }  # fmt: skip
    collected = entrypoint("manage", "collectstatic", "--noinput", "-v0", **changes)
    assert collected.returncode == 0, collected.stderr
    assert (static / "staticfiles.json").exists()  # the manifest of hashed names

    server = subprocess.Popen(  # noqa: S603 (our script)
        [str(ENTRYPOINT), "web"], env=production_environment(**changes),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _headers, _body = fetch(f"{base}/healthz?scope=web")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert status == 200

        status, _headers, body = fetch(f"{base}/login/", Host="iisg.example.org")
        assert status == 200
        [stylesheet] = re.findall(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
        status, headers, css = fetch(base + stylesheet.decode(), **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert (
            "immutable" in headers["Cache-Control"]
            and "max-age=315360000" in headers["Cache-Control"]
        )
        # The unhashed name still answers (an old page in a browser), briefly cached.
        status, headers, _css = fetch(f"{base}/static/css/site.css")
        assert status == 200 and "immutable" not in headers.get("Cache-Control", "")
        assert fetch(f"{base}/static/css/missing.css")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reindex_role_indexes_every_searchable_object_again():
    """An upgrade's last step brings search up to the release's search fields: a need indexed
    before its reference code could be searched as one types is found so afterwards."""
    need = NeedFactory(reference_code="WBCTi-PRE-LEG-07")
    get_search_backend().delete(need)  # as the release before this one left it
    assert list(Need.objects.autocomplete("WBCTi-PRE-LEG")) == []

    result = entrypoint("reindex")
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(Need.objects.autocomplete("WBCTi-PRE-LEG")) == [need]
