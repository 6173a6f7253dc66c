"""The Secretariat authors the public site: add, change, publish, lock and unlock pages.

Reports are the exception: ReportPage refuses direct publication to everyone (see
iisg_pages/permissions.py); only their approval workflow publishes them.
"""

from django.db import migrations

ACTIONS = ["add", "change", "publish", "lock", "unlock"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    secretariat = Group.objects.filter(name="Secretariat").first()
    if root is None or secretariat is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type,
            codename=f"{action}_page",
            defaults={"name": f"Can {action} page"},
        )
        GroupPagePermission.objects.get_or_create(
            group=secretariat, page=root, permission=permission
        )


def revoke(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group__name="Secretariat", page__depth=1).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0001_public_site"),
        ("needs_snippets", "0003_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
