"""Data migrations run on data shaped as before them."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("needs_snippets", "0014_catalogue_hierarchy")]


def migrate(targets=None):
    """Migrate to `targets` (default: every app's latest migration, as the test database
    was) and return the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_needs_go_under_an_unclassified_measure_of_their_edition_and_axis():
    apps = migrate(BEFORE)
    try:
        Pillar, Axis = (
            apps.get_model("needs_snippets", "Pillar"),
            apps.get_model("needs_snippets", "Axis"),
        )
        Area, Need = (
            apps.get_model("needs_snippets", "Area"),
            apps.get_model("needs_snippets", "Need"),
        )
        Cycle = apps.get_model("needs_snippets", "MappingCycle")
        pillar = Pillar.objects.create(code="WBCTi", name="Counter-terrorism")
        prevent = Axis.objects.create(pillar=pillar, name="Prevent")
        protect = Axis.objects.create(pillar=pillar, name="Protect")
        area = Area.objects.create(code="operational-m", name="Operational (migration test)")
        cycles = [
            Cycle.objects.create(edition=edition, period_start=date(year, 1, 1),
                                 period_end=date(year + 1, 12, 31))
            for edition, year in (("2021–2022 (m)", 2021), ("2023–2024 (m)", 2023))
        ]  # fmt: skip
        for number, (cycle, axis) in enumerate(
            [(cycles[0], prevent), (cycles[0], prevent), (cycles[0], protect), (cycles[1], prevent)]
        ):
            Need.objects.create(
                cycle=cycle, reference_code=f"M-{number}", title="A need", pillar=pillar,
                axis=axis, area=area, state_of_play="s", gap="g", action_needed="a",
                timeframe="short",
            )  # fmt: skip
    finally:
        apps = migrate()
    Need = apps.get_model("needs_snippets", "Need")
    placed = {
        need.reference_code: (
            need.measure.cycle.edition,
            need.measure.code,
            need.measure.unclassified,
        )
        for need in Need.objects.select_related("measure__cycle")
    }
    assert placed == {
        "M-0": ("2021–2022 (m)", "WBCTi-PRE-UNCL.0", True),
        "M-1": ("2021–2022 (m)", "WBCTi-PRE-UNCL.0", True),
        "M-2": ("2021–2022 (m)", "WBCTi-PRO-UNCL.0", True),
        "M-3": ("2023–2024 (m)", "WBCTi-PRE-UNCL.0", True),
    }
    Objective = apps.get_model("needs_snippets", "Objective")
    assert Objective.objects.filter(unclassified=True, title="Unclassified").count() == 3
