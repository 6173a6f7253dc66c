from importlib import import_module

from django.db import migrations, models

# The reach rows say whether the partner confirmed the response answers its need, so the
# confirmed coverage counts them without looking up each row's confirmation (the members'
# coverage page read 40,000 confirmations per view at 50,000 responses). A partner's
# confirmation, dispute or withdrawal marks its need dirty, like the other writes
# (0022_analysis_summaries, 0024_reach_cells), and the need's rows are rebuilt at commit.
EARLIER = import_module("needs_snippets.migrations.0024_reach_cells").REFRESH_SQL

REFRESH_SQL = (
    EARLIER.replace(
        "needs_snippets_responseneed, needs_snippets_responsebeneficiary;",
        "needs_snippets_responseneed, needs_snippets_responsebeneficiary,\n"
        "                needs_snippets_responseconfirmation;",
    )
    .replace(
        "         answering, period_start, period_end)",
        "         answering, confirmed, period_start, period_end)",
    )
    .replace(
        "r.iati_status IN (1, 2),\n",
        "r.iati_status IN (1, 2),\n"
        "           EXISTS (SELECT 1 FROM needs_snippets_responseconfirmation c\n"
        "                   WHERE c.response_id = rn.response_id AND c.need_id = rn.need_id\n"
        "                     AND c.partner_id = rb.partner_id AND c.verdict = 'confirmed'),\n",
    )
)

if REFRESH_SQL.count("needs_snippets_responseconfirmation") != 2:
    raise RuntimeError("0024's refresh changed: rewrite 0032's edits of it.")

TRIGGERS_SQL = """
CREATE TRIGGER analysis_confirmations_added AFTER INSERT ON needs_snippets_responseconfirmation
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION iisg_analysis_mark_links();
CREATE TRIGGER analysis_confirmations_removed AFTER DELETE ON needs_snippets_responseconfirmation
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION iisg_analysis_mark_links();
CREATE TRIGGER analysis_confirmations_changed_from
AFTER UPDATE ON needs_snippets_responseconfirmation
REFERENCING OLD TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION iisg_analysis_mark_links();
CREATE TRIGGER analysis_confirmations_changed_to
AFTER UPDATE ON needs_snippets_responseconfirmation
REFERENCING NEW TABLE AS changed_links
FOR EACH STATEMENT EXECUTE FUNCTION iisg_analysis_mark_links();
"""

DROP_SQL = """
DROP TRIGGER analysis_confirmations_changed_to ON needs_snippets_responseconfirmation;
DROP TRIGGER analysis_confirmations_changed_from ON needs_snippets_responseconfirmation;
DROP TRIGGER analysis_confirmations_removed ON needs_snippets_responseconfirmation;
DROP TRIGGER analysis_confirmations_added ON needs_snippets_responseconfirmation;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFRESH_SQL + TRIGGERS_SQL + "SELECT iisg_analysis_rebuild();")


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL + EARLIER)


class Migration(migrations.Migration):
    dependencies = [
        ("needs_snippets", "0031_applicant_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="responsereach",
            name="confirmed",
            field=models.BooleanField(
                default=False,
                help_text="The partner confirmed that the response answers the need for it.",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
