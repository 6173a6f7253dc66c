"""Every interface string translated in every language: the check CI runs (cms/catalogues.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms import catalogues


class Command(BaseCommand):
    help = (
        "List the strings a language's catalogue lacks or has untranslated, fuzzy, with "
        "placeholders or tags unlike the English, or identical to it; fail if there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="Language codes (default: all).")

    def handle(self, *args, languages=(), **options):
        codes = languages or [code for code, _ in settings.LANGUAGES[1:]]
        expected = catalogues.source_strings()
        found = [problem for code in codes for problem in catalogues.problems(code, expected)]
        for problem in found:
            self.stdout.write(str(problem))
        if found:
            raise CommandError(f"{len(found)} catalogue problems in {', '.join(codes)}.")
        self.stdout.write(f"{len(expected)} strings, translated in {', '.join(codes)}.")
