"""Composite foreign keys that SQLite cannot add after the fact (PostgreSQL only).

- need (axis_id, pillar_id) → axis (id, pillar_id): a need's axis belongs to its pillar;
- need partner and response beneficiary (partner_id, partner_kind) → member (id, kind),
  with partner_kind fixed to "wb_partner": links go to Western Balkans partners only.

On SQLite (development) the same rules are checked by the forms and models.
"""

from django.db import migrations

COMPOSITE_FOREIGN_KEYS = [
    ("needs_snippets_need", "need_axis_in_pillar_fk", "axis_id, pillar_id",
     "needs_snippets_axis", "id, pillar_id"),
    ("needs_snippets_needpartner", "need_partner_is_wb_partner_fk", "partner_id, partner_kind",
     "needs_snippets_member", "id, kind"),
    ("needs_snippets_responsebeneficiary", "response_beneficiary_is_wb_partner_fk",
     "partner_id, partner_kind", "needs_snippets_member", "id, kind"),
]


def add_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, columns, target, target_columns in COMPOSITE_FOREIGN_KEYS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} "
            f"FOREIGN KEY ({columns}) REFERENCES {target} ({target_columns})"
        )


def drop_foreign_keys(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, *_ in COMPOSITE_FOREIGN_KEYS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("needs_snippets", "0001_secure_database")]

    operations = [migrations.RunPython(add_foreign_keys, drop_foreign_keys)]
