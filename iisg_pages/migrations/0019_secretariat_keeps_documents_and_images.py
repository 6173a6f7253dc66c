"""The Secretariat keeps the documents and images (the members' private documents, meeting
minutes, the public pages' pictures): add, change, delete and choose them in every collection,
as Wagtail grants it, on the root collection."""

from django.db import migrations

GRANTS = {
    "document": ("add", "change", "delete", "choose"),
    "image": ("add", "change", "delete", "choose"),
}
APP_OF = {"document": "wagtaildocs", "image": "wagtailimages"}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, actions in GRANTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label=APP_OF[model], model=model)
        for action in actions:
            yield Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    secretariat = Group.objects.filter(name="Secretariat").first()
    root = Collection.objects.filter(depth=1).first()
    if secretariat is None or root is None:
        return
    for permission in _permissions(apps):
        GroupCollectionPermission.objects.get_or_create(
            group=secretariat, collection=root, permission=permission
        )


def revoke(apps, schema_editor):
    """The grants only; `choose_image`, which the Secretariat held before, stays."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    granted = [
        f"{action}_{model}"
        for model, actions in GRANTS.items()
        for action in actions
        if (action, model) != ("choose", "image")
    ]
    GroupCollectionPermission.objects.filter(
        group__name="Secretariat", collection__depth=1, permission__codename__in=granted
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0018_without_wagtails_default_groups"),
        ("needs_snippets", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
