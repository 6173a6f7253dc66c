"""The Secretariat handles membership applications; the Board and Support Groups read them."""

from django.db import migrations

GRANTS = {
    "Secretariat": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
    "Board": ["view"],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="needs_snippets", model="membershipapplication"
    )
    for group_name, actions in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_membershipapplication",
                defaults={"name": f"Can {action} membership application"},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(codename__endswith="_membershipapplication").delete()


class Migration(migrations.Migration):
    dependencies = [("needs_snippets", "0004_membership_applications")]

    operations = [migrations.RunPython(grant, revoke)]
