"""manage.py backup [--to DIR]: the database and the media store as one dated set
(iisg_pages/backups.py); DIR defaults to IISG_BACKUP_DIR."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from iisg_pages import backups


class Command(BaseCommand):
    help = "Back up the database and the media store as one dated, checked set."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=None, help="Where to write the set.")

    def handle(self, *args, to, **options):
        try:
            target = backups.backup(to or settings.IISG_BACKUP_DIR)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        manifest = backups.read_manifest(target)
        sizes = ", ".join(
            f"{name} {part['bytes'] / 1024 / 1024:.1f} MB"
            for name, part in manifest["parts"].items()
        )
        self.stdout.write(self.style.SUCCESS(f"Backed up to {target} ({sizes})."))
