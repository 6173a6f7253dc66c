"""The Secretariat reads international partners' validations (review templates write them).
(Written out, not imported, so that this migration keeps its meaning.)"""

from django.db import migrations


def permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="needs_snippets", model="needreview"
    )
    found, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_needreview",
        defaults={"name": "Can view validation by an international partner"},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.add(permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Secretariat"):
        group.permissions.remove(permission(apps))


class Migration(migrations.Migration):
    dependencies = [("needs_snippets", "0019_international_reviews")]

    operations = [migrations.RunPython(grant, revoke)]
