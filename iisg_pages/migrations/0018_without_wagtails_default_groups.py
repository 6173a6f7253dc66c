"""Wagtail's default "Editors" and "Moderators" groups go: IISG Hub's roles are its own
(README, Roles), and those two held page permissions on the root page and document and image
permissions on the root collection, which reach the members' private documents. A group someone
was put in, or that a workflow task names, stays, but without any permission (a task's members
may still act on that task)."""

from django.conf import settings
from django.db import migrations
from django.db.models import ProtectedError

WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        if User.objects.filter(groups=group).exists():
            continue
        try:
            group.delete()
        except ProtectedError:  # a workflow task names it: kept, without permissions
            pass


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0017_block_templates_under_the_app"),
        # After every Wagtail migration that creates the groups or grants them permissions.
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    # Nothing to restore going back: the groups were Wagtail's examples, unused here.
    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
