"""manage.py bench_import: time and memory of importing a filled needs template of N rows."""

import time
import tracemalloc
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from wagtail.models import ModelLogEntry

from needs_snippets.consultation import applying, checking, layout, workbooks
from needs_snippets.demo.loader import DemoLoader
from needs_snippets.management.bench_command import BenchCommand
from needs_snippets.models import Area, MappingCycle, Measure, Need, Objective, Priority

BENCH_EDITION = "Import benchmark"
#: A hidden sheet of 1.5 million cells, the size of an attack on the reader.
HOSTILE_ROWS, HOSTILE_COLUMNS = 1000, 1500
#: The goals at 10,000 rows, in seconds (a size's goal is in proportion: imports are linear).
GOALS = {"check (all new)": 10.0, "apply (create)": 30.0}
GOAL_ROWS = 10_000


def filled_template(cycle, pillar, partner, rows):
    """The pillar's template for `partner`, with `rows` new needs typed in."""
    _name, data = workbooks.needs_template(cycle, pillar, partner)
    workbook = load_workbook(BytesIO(data))
    sheet = workbook[layout.NEEDS_SHEET]
    axes = [axis.name for axis in pillar.axes.all()]
    areas = list(Area.objects.values_list("name", flat=True))
    for number in range(rows):
        sheet.append(layout.row_of(
            layout.NEEDS_COLUMNS, title=f"Benchmark need {number:05}",
            axis=axes[number % len(axes)], area=areas[number % len(areas)],
            state_of_play="The state of play, in two sentences of plain text.",
            gap="The gap this partner sees, and where.",
            action_needed="What needs to be done, by when.",
            timeframe="Medium term (one to three years)", identified="Yes",
        ))  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_hidden_sheet(data, rows, columns, declared=True):
    """Workbook bytes `data` with one more sheet, hidden, of `rows` × `columns` numbers;
    `declared=False` leaves out the sheet's stated size, so a reader must count its cells."""
    workbook = load_workbook(BytesIO(data))
    hidden = workbook.create_sheet("Notes")
    hidden.sheet_state = "hidden"
    hidden["A1"] = 1
    buffer = BytesIO()
    workbook.save(buffer)
    sheet_xml = f"xl/worksheets/sheet{len(workbook.sheetnames)}.xml"
    dimension = f'<dimension ref="A1:{get_column_letter(columns)}{rows}"/>' if declared else ""
    row = "<row>" + "<c><v>1</v></c>" * columns + "</row>"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main">{dimension}<sheetData>{row * rows}</sheetData></worksheet>'
    )
    result = BytesIO()
    with ZipFile(BytesIO(buffer.getvalue())) as source, ZipFile(result, "w", ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, content if item.filename == sheet_xml else source.read(item))
    return result.getvalue()


def step_line(size, step, seconds, mib):
    """The table's line of one step at one size: seconds, rows per second, peak memory."""
    memory = f"{mib:>9.1f}" if mib is not None else f"{'-':>9}"
    return f"{size:>9}  {step:<26} {seconds:>8.2f} {size / seconds:>8.0f} {memory}"


class Command(BenchCommand):
    help = (
        "Import a filled needs template of each size into a benchmark cycle and print a table: "
        "checking (all new), applying, and checking the same file again (all unchanged); then "
        "refusing a workbook with a hidden sheet of 1.5 million cells (the rows column counts "
        "its cells)."
    )
    sizes_option = "--rows"

    def handle(self, *args, rows, **options):
        self.note_unless_postgresql()
        base = DemoLoader().load_registries()
        pillar, partner = base.pillars["WBCTi"], base.partners["AL"]
        user, _ = get_user_model().objects.get_or_create(username="bench-importer")
        results = []
        for size in rows:
            cycle = self.fresh_cycle()
            data = filled_template(cycle, pillar, partner, size)
            self.stdout.write(f"{size:,} rows ({len(data) / 1024 / 1024:.1f} MB)…")
            plan, *first = self.measure(checking.check, data)
            if not plan.is_valid or plan.counts()["create"] != size:
                raise CommandError(f"The benchmark file did not check: {plan.problems[:3]}")
            results.append((size, "check (all new)", *first))
            _written, *second = self.measure(applying.apply, plan, user, "bench.xlsx", trace=False)
            results.append((size, "apply (create)", *second))
            again, *third = self.measure(checking.check, data)
            if again.counts()["unchanged"] != size:
                raise CommandError("Checking the same file again planned changes.")
            results.append((size, "check again (unchanged)", *third))
        cycle = self.fresh_cycle()
        template = filled_template(cycle, pillar, partner, 10)
        for declared, step in ((True, "refuse (size stated)"), (False, "refuse (size counted)")):
            hostile = with_hidden_sheet(template, HOSTILE_ROWS, HOSTILE_COLUMNS, declared)
            # Timed untraced (tracing slows the counting tenfold), then traced for memory.
            plan, seconds, _peak = self.measure(checking.check, hostile, trace=False)
            if plan.is_valid:
                raise CommandError("A workbook of 1.5 million cells was accepted.")
            _plan, _seconds, peak = self.measure(checking.check, hostile)
            results.append((HOSTILE_ROWS * HOSTILE_COLUMNS, step, seconds, peak))
        self.fresh_cycle()
        self.print_table(results)
        self.print_goals(results)

    def fresh_cycle(self):
        old = Need.objects.filter(cycle__edition=BENCH_EDITION)
        ModelLogEntry.objects.filter(
            action=applying.IMPORT_ACTION,
            object_id__in=[str(pk) for pk in old.values_list("pk", flat=True)],
        ).delete()
        old.delete()
        for level in (Measure, Objective, Priority):  # the Unclassified ones the needs made
            level.objects.filter(cycle__edition=BENCH_EDITION).delete()
        MappingCycle.objects.filter(edition=BENCH_EDITION).delete()
        return MappingCycle.objects.create(
            edition=BENCH_EDITION, period_start="2030-01-01", period_end="2031-12-31"
        )

    def measure(self, run, *args, trace=True):
        """(result, seconds, peak MiB of Python memory; None when not traced, as tracing
        doubles the time of the many small writes of applying)."""
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        result = run(*args)
        seconds = time.perf_counter() - started
        peak = None
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
        return result, seconds, peak

    def print_table(self, results):
        header = f"{'rows':>9}  {'step':<26} {'seconds':>8} {'rows/s':>8} {'peak MiB':>9}"
        self.write_table(header, (step_line(*result) for result in results))

    def print_goals(self, results):
        """Per size: check and apply seconds, apply rows/s, and whether each is within its
        goal; then how linear each is between the smallest and the largest size."""
        times = {(size, step): seconds for size, step, seconds, _mib in results}
        sizes = sorted({size for size, step in times if step in GOALS})
        header = f"{'rows':>9}  {'check s':>8} {'apply s':>8} {'rows/s':>8}  goal"
        self.stdout.write("")
        self.stdout.write(
            f"Goals at {GOAL_ROWS:,} rows: "
            + ", ".join(f"{s} ≤ {g:.0f} s" for s, g in GOALS.items())
        )
        self.stdout.write(header)
        self.stdout.write("-" * 60)
        for size in sizes:
            check, apply = (times[size, step] for step in GOALS)
            verdicts = ", ".join(
                f"{step.split()[0]} "
                + ("met" if times[size, step] <= goal * size / GOAL_ROWS else "not met")
                for step, goal in GOALS.items()
            )
            self.stdout.write(
                f"{size:>9}  {check:>8.2f} {apply:>8.2f} {size / apply:>8.0f}  {verdicts}"
            )
        if len(sizes) > 1:
            small, large = sizes[0], sizes[-1]
            figures = ", ".join(
                f"{step.split()[0]} {times[large, step] / times[small, step] / (large / small):.2f}"
                for step in GOALS
            )
            self.stdout.write(
                f"Linearity (time at {large:,} ÷ time at {small:,} ÷ {large // small}; 1.00 is "
                f"linear): {figures}"
            )
