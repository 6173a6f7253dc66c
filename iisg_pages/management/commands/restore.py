"""manage.py restore DIR [--yes]: rebuild this site's database and media store from a backup
set (iisg_pages/backups.py), after checking it against its manifest."""

from django.core.management.base import BaseCommand, CommandError

from iisg_pages import backups


class Command(BaseCommand):
    help = "Restore the database and the media store from a backup set."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The backup set (iisg-backup-…).")
        parser.add_argument(
            "--yes", action="store_true", help="Replace a database that holds data."
        )

    def handle(self, *args, directory, yes, **options):
        try:
            backups.read_manifest(directory)
            if not yes and backups.database_has_rows():
                raise CommandError(
                    "This database holds data, which the restore replaces entirely: run again "
                    "with --yes to go ahead (nothing was changed)."
                )
            manifest = backups.restore(directory)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} ({manifest['migrations']} "
                "migrations applied): run `manage.py migrate` if this code is newer."
            )
        )
