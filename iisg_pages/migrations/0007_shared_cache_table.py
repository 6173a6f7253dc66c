from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The database cache's table, shared by every process (limits, lockouts, used codes).
    createcachetable skips tables that exist and caches that are not in the database."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("iisg_pages", "0006_periodic_jobs")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
