"""What the benchmark commands (manage.py bench_*) share: the sizes they measure at, the
warning about the database and the layout of their tables."""

from django.core.management.base import BaseCommand
from django.db import connection


class BenchCommand(BaseCommand):
    """A management command that measures at each of a list of sizes (the `sizes_option`,
    `default_sizes` unless given), each measurement `--repeat` times where it has a
    `default_repeat`, and prints its figures in tables. Subclasses extend `add_arguments`
    with their other options."""

    sizes_option = "--sizes"
    default_sizes = [1000, 10000]
    default_repeat = None

    def add_arguments(self, parser):
        parser.add_argument(self.sizes_option, type=int, nargs="+", default=self.default_sizes)
        if self.default_repeat is not None:
            parser.add_argument(
                "--repeat", type=int, default=self.default_repeat, help="runs per measurement"
            )

    def note_unless_postgresql(self):
        """Warn on stderr when the database is not PostgreSQL: the figures will not match
        production."""
        if connection.vendor != "postgresql":
            self.stderr.write("Note: not PostgreSQL; figures will not match production.")

    def write_table(self, header, lines):
        """Write a blank line, `header` underlined with dashes to its length, then `lines`."""
        self.stdout.write("")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for line in lines:
            self.stdout.write(line)
