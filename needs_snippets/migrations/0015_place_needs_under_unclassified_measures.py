"""Every existing need goes under its edition's Unclassified measure of its pillar and axis,
which the Secretariat then places (see models/hierarchy.py). Report snapshots are not touched:
adopted editions keep rendering from what was frozen."""

import re

from django.db import migrations

UNCLASSIFIED = "Unclassified"
LAST = 32767


def place_needs(apps, schema_editor):
    Need = apps.get_model("needs_snippets", "Need")
    Axis = apps.get_model("needs_snippets", "Axis")
    Objective = apps.get_model("needs_snippets", "Objective")
    Measure = apps.get_model("needs_snippets", "Measure")
    groups = Need.objects.filter(measure__isnull=True).values_list("cycle_id", "axis_id")
    for cycle_id, axis_id in sorted(set(groups)):
        axis = Axis.objects.select_related("pillar").get(pk=axis_id)
        stem = re.sub(r"[^A-Za-z]", "", axis.name)[:3].upper()
        code = f"{axis.pillar.code}-{stem}-UNCL"[:28]
        if Objective.objects.filter(cycle_id=cycle_id, code=code).exists():
            code = f"{code}{axis.pk}"[:32]
        objective = Objective.objects.create(
            cycle_id=cycle_id, pillar_id=axis.pillar_id, axis_id=axis.pk, code=code,
            title=UNCLASSIFIED, sort_order=LAST, unclassified=True,
        )  # fmt: skip
        measure = Measure.objects.create(
            cycle_id=cycle_id, objective=objective, code=f"{code}.0"[:32], title=UNCLASSIFIED,
            sort_order=LAST, unclassified=True,
            description="Needs not yet placed under a measure: the Secretariat places them.",
        )  # fmt: skip
        Need.objects.filter(cycle_id=cycle_id, axis_id=axis_id, measure__isnull=True).update(
            measure=measure
        )


class Migration(migrations.Migration):
    dependencies = [("needs_snippets", "0014_catalogue_hierarchy")]

    operations = [migrations.RunPython(place_needs, migrations.RunPython.noop)]
