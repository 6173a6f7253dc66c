"""manage.py import_template FILE --user NAME [--apply]: a filled consultation template in.

Checks every row and prints what the file would change (or each error, with its sheet, row,
column and what to fix), showing progress as it goes. With --apply, and only when the whole
file is valid, it writes the changes as revisions by NAME, naming the file. Importing the
same file again changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.jobs import leased
from needs_snippets.consultation import layout, service
from needs_snippets.models import TemplateImport


class Command(BaseCommand):
    help = "Check a filled consultation template (XLSX) and, with --apply, write its changes."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Username the changes are made by.")
        parser.add_argument("--apply", action="store_true", help="Write the changes if valid.")

    def progress(self, verb):
        def report(done, total):
            share = round(100 * done / total) if total else 100
            self.stderr.write(f"\r{verb}: {done:,} of {total:,} rows ({share}%)", ending="")
            if done >= total:
                self.stderr.write("")

        return report

    def handle(self, *args, file, user, apply, **options):
        try:
            importer = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called “{user}”.") from None
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > layout.MAX_FILE_BYTES:
            raise CommandError(
                f"{file.name} is {file.stat().st_size / 1024 / 1024:.1f} MB; a template is at "
                f"most {layout.MAX_FILE_BYTES // 1024 // 1024} MB."
            )
        template_import = service.start(file.read_bytes(), file.name, importer)
        # This process is the import's worker: it holds the job's lease while it works.
        with leased(TemplateImport, template_import.pk) as run:
            plan = service.check(run.row, progress=self.progress("Checking"))
        counts = plan.counts()
        if not plan.is_valid:
            for problem in plan.problems:
                self.stdout.write(f"  {problem}")
            raise CommandError(
                f"{len(plan.problems)} error(s) in {file.name}: nothing was written. Correct the "
                "file and run the command again."
            )
        self.stdout.write(
            f"{file.name} ({plan.label}): {plan.rows:,} rows; to create {counts['create']:,}, "
            f"to update {counts['update']:,}, unchanged {counts['unchanged']:,}."
        )
        if not apply:
            self.stdout.write("Nothing written: run again with --apply to write these changes.")
            return
        service.claim(template_import, importer)
        with leased(TemplateImport, template_import.pk) as run:
            applied = service.apply(run.row, importer, progress=self.progress("Writing"))
        if applied is None:
            raise CommandError(
                "The database changed while the file was checked: nothing was written. Run the "
                "command again to see what it would change now."
            )
        counts = applied.counts()
        written = counts["create"] + counts["update"]
        self.stdout.write(self.style.SUCCESS(f"Applied: {written:,} entries written."))
