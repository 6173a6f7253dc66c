"""A site's backup: its database and its media store (documents, report PDFs, uploaded
templates) as one dated set, and the restore that rebuilds a site from it.

A set is a directory `iisg-backup-<UTC time>/` holding `database.dump` (pg_dump's custom
format), `media.tar.gz` (every file of the media storage: MEDIA_ROOT, or the S3 bucket when
media live there) and `manifest.json` (when, what, and the
SHA-256 of both parts, checked before a restore touches anything). The database is dumped
first, in one snapshot, then the media are archived: files are written before the rows that
name them and never rewritten in place, so every file the dump refers to is in the archive.
A set is written under a temporary name and renamed when complete.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
DATABASE_PART = "database.dump"
MEDIA_PART = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """What stops a backup or a restore, and what to do about it."""


def _postgres():
    """(arguments naming the database, environment with its password) for pg tools; the
    password never appears on a command line or in a log."""
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backups need PostgreSQL (this site runs on SQLite: copy its database file and the "
            "media directory instead)."
        )
    database = connection.settings_dict
    arguments = ["--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            arguments += [option, str(database[key])]
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    return arguments, environment


def _tool(name):
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client programs.")
    return found


def media_files(directory=""):
    """Every file's name in the media storage (local or S3), below `directory`."""
    try:
        directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for name in directories:
        yield from media_files(f"{directory}/{name}" if directory else name)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def backup(directory):
    """Write a new set under `directory`; returns its path."""
    arguments, environment = _postgres()
    pg_dump = _tool("pg_dump")
    created = datetime.now(UTC)
    target = Path(directory) / f"iisg-backup-{created:%Y%m%dT%H%M%SZ}"
    if target.exists():
        raise BackupError(f"{target} exists already: wait a second and run the backup again.")
    partial = target.with_name(f".{target.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        subprocess.run(  # noqa: S603 (our arguments)
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(partial / DATABASE_PART), *arguments],
            env=environment, check=True, capture_output=True,
        )  # fmt: skip
        with tarfile.open(partial / MEDIA_PART, "w:gz") as archive:
            for name in sorted(media_files()):
                with default_storage.open(name, "rb") as file:
                    content = file.read()
                member = tarfile.TarInfo(name)
                member.size, member.mode = len(content), 0o644
                member.mtime = int(created.timestamp())
                archive.addfile(member, io.BytesIO(content))
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "database": connection.settings_dict["NAME"],
            "migrations": MigrationRecorder.Migration.objects.count(),
            "parts": {
                name: {"bytes": (partial / name).stat().st_size, "sha256": sha256(partial / name)}
                for name in (DATABASE_PART, MEDIA_PART)
            },
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2))
    except subprocess.CalledProcessError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise BackupError(f"pg_dump failed: {error.stderr.decode().strip()}") from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(target)
    return target


def read_manifest(directory):
    """The set's manifest, after checking both parts against it."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
        parts = manifest["parts"]
    except (OSError, ValueError, KeyError):
        raise BackupError(
            f"{directory} is not a backup set: it has no readable {MANIFEST}."
        ) from None
    for name in (DATABASE_PART, MEDIA_PART):
        path = directory / name
        if not path.is_file() or sha256(path) != parts.get(name, {}).get("sha256"):
            raise BackupError(
                f"{name} does not match the manifest (damaged or changed since the backup): "
                "nothing was restored. Use another set."
            )
    return manifest


def database_has_rows():
    """True when any table of the database holds a row."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')  # noqa: S608
            if cursor.fetchone()[0]:
                return True
    return False


def _safe_members(archive):
    for member in archive.getmembers():
        parts = Path(member.name).parts
        if not member.isfile() or member.name.startswith("/") or ".." in parts:
            raise BackupError(f"{MEDIA_PART} holds a path outside the media store: {member.name}")
        yield member


def restore(directory):
    """Replace this site's database and media with the set in `directory` (checked first)."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    arguments, environment = _postgres()
    pg_restore = _tool("pg_restore")
    with tarfile.open(directory / MEDIA_PART, "r:gz") as archive:
        members = list(_safe_members(archive))
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    connections.close_all()
    try:
        subprocess.run(  # noqa: S603 (our arguments)
            [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", *arguments,
             str(directory / DATABASE_PART)],
            env=environment, check=True, capture_output=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        raise BackupError(f"pg_restore failed: {error.stderr.decode().strip()}") from None
    for name in list(media_files()):
        default_storage.delete(name)
    with tarfile.open(directory / MEDIA_PART, "r:gz") as archive:
        for member in members:
            saved = default_storage.save(
                member.name, ContentFile(archive.extractfile(member).read())
            )
            if saved != member.name:
                raise BackupError(
                    f"The media storage stored {member.name} as {saved}: restore into an "
                    "empty media storage."
                )
    connections.close_all()
    cache.clear()
    return manifest
