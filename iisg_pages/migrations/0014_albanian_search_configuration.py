"""PostgreSQL's text search configuration for Albanian pages (cms.languages.SEARCH_CONFIGS):
words matched whole and without diacritics, since PostgreSQL has no Albanian stemmer. Other
databases search without configurations: nothing to do there."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'iisg_albanian') THEN
        CREATE TEXT SEARCH CONFIGURATION iisg_albanian (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION iisg_albanian
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS iisg_albanian;"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("iisg_pages", "0013_pillar_page_per_language")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
