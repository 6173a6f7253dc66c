"""The Secretariat translates the public site: wagtail-localize's "Translate" (its
submit_translation permission) for the group that authors the pages."""

from django.db import migrations


def _secretariat_and_permission(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    return Group.objects.filter(name="Secretariat").first(), permission


def grant(apps, schema_editor):
    secretariat, permission = _secretariat_and_permission(apps)
    if secretariat is not None and permission is not None:
        secretariat.permissions.add(permission)


def revoke(apps, schema_editor):
    secretariat, permission = _secretariat_and_permission(apps)
    if secretariat is not None and permission is not None:
        secretariat.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0014_albanian_search_configuration"),
        ("needs_snippets", "0003_roles"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
