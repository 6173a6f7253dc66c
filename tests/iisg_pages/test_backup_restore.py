"""Backup and restore, as a deployer runs them: a set taken from a site with a published
report (and its PDF) and a private uploaded template, restored into an empty database and an
empty media store (a directory, or an S3 bucket), gives back every table row for row, and the
downloads work again."""

import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from wagtail.documents import get_document_model

from iisg_pages.models import ReportPDF
from needs_snippets.consultation import service, workbooks
from needs_snippets.roles import SECRETARIAT
from tests.factories import UserFactory
from tests.markers import postgres_only
from tests.pages import publish

pytestmark = [
    pytest.mark.faults,
    postgres_only("pg_dump and pg_restore work on PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def table_hashes():
    """{table: (rows, digest of every row)} of the whole database."""
    hashes = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "  # noqa: S608
                f'FROM "{table}" t'
            )
            hashes[table] = cursor.fetchone()
    return hashes


def empty_everything(media):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
    media.empty()


class LocalMedia:
    def __init__(self, root):
        self.root = root
        root.mkdir()

    def files(self):
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file())

    def empty(self):
        shutil.rmtree(self.root)
        self.root.mkdir()


class BucketMedia:
    def __init__(self, s3, bucket):
        self.s3, self.bucket = s3, bucket

    def files(self):
        return [key.removeprefix("media/") for key in self.s3.keys(self.bucket)]

    def empty(self):
        self.s3.empty(self.bucket)


@pytest.fixture(params=["local", "s3"])
def media(request, settings, tmp_path):
    """The media store, on the disk or in an S3 bucket (moto's server)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "local":
        return LocalMedia(settings.MEDIA_ROOT)
    s3 = request.getfixturevalue("local_s3")
    bucket = s3.bucket()
    settings.STORAGES = s3.storages(bucket)
    return BucketMedia(s3, bucket)


@pytest.fixture
def site(site_tree, settings, tmp_path, media, django_capture_on_commit_callbacks):
    settings.IISG_BACKUP_DIR = tmp_path / "backups"
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    assert ReportPDF.objects.get(page=report).is_ready
    secretariat = UserFactory(username="sara", groups=[SECRETARIAT])
    _name, template = workbooks.needs_template(
        site_tree["cycle"], site_tree["pillars"]["WBCTi"], site_tree["partners"]["AL"]
    )
    upload = service.start(template, "albania.xlsx", secretariat, site_tree["cycle"])
    return {"report": report, "upload": upload, "template": template, "secretariat": secretariat}


def test_backup_then_restore_into_an_empty_site_gives_everything_back(
    client, site, settings, media
):
    pdf_url = f"{site['report'].url}pdf/"
    before = table_hashes()
    call_command("backup")
    [backup] = list(settings.IISG_BACKUP_DIR.iterdir())
    assert backup.name.startswith("iisg-backup-")
    assert {p.name for p in backup.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    stored = media.files()
    assert any(name.startswith("report-pdfs/") or name.endswith(".pdf") for name in stored)
    empty_everything(media)
    assert media.files() == []
    assert client.get(pdf_url).status_code == 404  # the site is gone
    call_command("restore", str(backup))
    assert table_hashes() == before
    assert media.files() == stored

    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    document = get_document_model().objects.get(pk=site["upload"].document_id)
    assert client.get(document.url).status_code == 302  # private: to the sign-in page
    client.force_login(site["secretariat"])
    upload = client.get(reverse("template_import_file", args=[site["upload"].pk]))
    assert upload.status_code == 200
    assert b"".join(upload.streaming_content) == site["template"]


def test_a_damaged_set_is_refused_before_anything_changes(site, settings):
    call_command("backup")
    [backup] = list(settings.IISG_BACKUP_DIR.iterdir())
    archive = backup / "media.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    before = table_hashes()
    with pytest.raises(CommandError, match="media.tar.gz does not match the manifest"):
        call_command("restore", str(backup), "--yes")
    assert table_hashes() == before


def test_restoring_over_data_needs_yes(site, settings):
    call_command("backup")
    [backup] = list(settings.IISG_BACKUP_DIR.iterdir())
    with pytest.raises(CommandError, match="run again with --yes"):
        call_command("restore", str(backup))
