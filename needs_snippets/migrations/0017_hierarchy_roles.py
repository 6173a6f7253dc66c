"""Who keeps the catalogue's hierarchy: the Secretariat adds, changes and deletes priorities,
objectives and measures; the Support Groups and the Board read them. (Written out, not
imported, so that this migration keeps its meaning.)"""

from django.db import migrations

MODELS = ["priority", "objective", "measure"]
GRANTS = {
    "Secretariat": ("add", "change", "delete", "view"),
    "Support Group WBCTi": ("view",),
    "Support Group WBCSCi": ("view",),
    "Support Group WBBSi": ("view",),
    "Board": ("view",),
}


def permissions(apps, actions):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="needs_snippets", model=model
        )
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            found.append(permission)
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(*permissions(apps, GRANTS[group.name]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions(apps, GRANTS[group.name]))


class Migration(migrations.Migration):
    dependencies = [
        ("needs_snippets", "0016_need_always_under_a_measure"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
