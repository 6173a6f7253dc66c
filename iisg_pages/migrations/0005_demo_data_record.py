from django.conf import settings
from django.db import migrations, models

DEMO_EMAIL_DOMAIN = "@demo.iisg.localhost"


def record_existing_demo_data(apps, schema_editor):
    """A database where `load_demo` ran before this record existed has its demo logins."""
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    DemoDataRecord = apps.get_model("iisg_pages", "DemoDataRecord")
    if User.objects.filter(email__iendswith=DEMO_EMAIL_DOMAIN).exists():
        DemoDataRecord.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0004_members_area"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DemoDataRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("loaded_at", models.DateTimeField(auto_now_add=True, verbose_name="first loaded")),
            ],
            options={"verbose_name": "demonstration data record"},
        ),
        migrations.RunPython(record_existing_demo_data, migrations.RunPython.noop),
    ]
