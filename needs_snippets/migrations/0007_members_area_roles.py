"""Who uses the members area, who keeps responses, and where the history of responses lives.

- every role reads the secure database in the members area;
- focal points (Members) add, change and delete their organisation's responses (the
  permission policy narrows them to their organisation);
- the Secretariat manages every organisation's responses, restricted ones included;
- the history of existing responses moves to the response log.
"""

from django.db import migrations

MEMBER_ROLES = [
    "Members",
    "Secretariat",
    "Support Group WBCTi",
    "Support Group WBCSCi",
    "Support Group WBBSi",
    "Board",
]
GRANTS = [
    ("member", "view_members_area", "Can read the secure database in the members area", MEMBER_ROLES),
    ("response", "add_response", "Can add response", ["Members"]),
    ("response", "change_response", "Can change response", ["Members"]),
    ("response", "delete_response", "Can delete response", ["Members"]),
    (
        "response",
        "manage_all_responses",
        "Can change every organisation's responses and see restricted ones",
        ["Secretariat"],
    ),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model, codename, name, groups in GRANTS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="needs_snippets", model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group in Group.objects.filter(name__in=groups):
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model, codename, name, groups in GRANTS:
        for group in Group.objects.filter(name__in=groups):
            group.permissions.remove(*Permission.objects.filter(codename=codename))


def move_response_history(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ResponseLogEntry = apps.get_model("needs_snippets", "ResponseLogEntry")
    Response = apps.get_model("needs_snippets", "Response")
    content_type = ContentType.objects.filter(app_label="needs_snippets", model="response").first()
    if content_type is None:
        return
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    members = dict(Response.objects.values_list("pk", "reporting_member_id"))
    fields = [
        "content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id",
        "revision_id", "content_changed", "deleted", "object_id",
    ]  # fmt: skip
    ResponseLogEntry.objects.bulk_create(
        ResponseLogEntry(
            **{name: getattr(entry, name) for name in fields},
            member_id=members.get(int(entry.object_id)),
        )
        for entry in entries
    )
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("needs_snippets", "0006_response_access"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(move_response_history, migrations.RunPython.noop),
    ]
