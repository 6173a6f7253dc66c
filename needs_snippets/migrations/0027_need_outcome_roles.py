"""The Secretariat records needs' outcomes (met, dropped) while formulating a new edition.
(Written out, not imported, so that this migration keeps its meaning.)"""

from django.db import migrations

PERMISSIONS = {
    "add_needoutcome": "Can add need outcome",
    "change_needoutcome": "Can change need outcome",
    "delete_needoutcome": "Can delete need outcome",
    "view_needoutcome": "Can view need outcome",
}


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="needs_snippets", model="needoutcome"
    )
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("needs_snippets", "0026_need_lineage")]

    operations = [migrations.RunPython(grant, revoke)]
