"""Create the IISG roles as groups with their permissions.

Reviewers and the Board get no publish permission: what they approve goes through workflows.
The permissions are written out here, not imported, so this migration keeps its meaning.
"""

from django.db import migrations

REGISTRY_MODELS = [
    "pillar", "axis", "area", "member", "focalpoint", "mappingcycle", "cyclephase",
    "strategicdocument", "meeting",
]
DATABASE_MODELS = ["need", "response"]
READ_ALL = [("needs_snippets", model, "view") for model in REGISTRY_MODELS + DATABASE_MODELS]
ADMIN_ACCESS = ("wagtailadmin", "admin", "access")

ROLE_PERMISSIONS = {
    "Secretariat": [
        *[
            ("needs_snippets", model, action)
            for model in REGISTRY_MODELS + DATABASE_MODELS
            for action in ("add", "change", "delete", "view")
        ],
        ("needs_snippets", "need", "publish"),
        ("needs_snippets", "need", "lock"),
        ("needs_snippets", "need", "unlock"),
    ],
    "Support Group WBCTi": READ_ALL,
    "Support Group WBCSCi": READ_ALL,
    "Support Group WBBSi": READ_ALL,
    "Board": READ_ALL,
    # Members reach the secure database through the members' area, which shows published
    # needs only; the admin's need listing would show drafts too.
    "Members": [("needs_snippets", model, "view") for model in ["pillar", "axis", "area"]],
}


def get_permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    admin_access = get_permission(apps, *ADMIN_ACCESS)
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            admin_access, *(get_permission(apps, *permission) for permission in permissions)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("needs_snippets", "0002_composite_foreign_keys"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
