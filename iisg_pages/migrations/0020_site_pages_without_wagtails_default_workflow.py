"""Wagtail's default workflow ("Moderators approval") leaves the root page: its task named the
"Moderators" group that 0018 removed, so a page submitted to it waited for a superuser. The
Secretariat authors and publishes the site's pages (README, Roles); the reports keep their own
workflow on the reports index. A group-approval task of a root workflow that names no group is
given the Secretariat, so that anything still in progress in it can be approved or rejected; a
root workflow left with no page, no snippet type and nothing in progress is deactivated."""

from django.db import migrations

SECRETARIAT = "Secretariat"


def unassign_root_workflows(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    secretariat = Group.objects.filter(name=SECRETARIAT).first()
    for assignment in WorkflowPage.objects.filter(page__in=Page.objects.filter(depth=1)):
        workflow = assignment.workflow
        assignment.delete()
        tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, groups=None)
        for task in tasks:
            if secretariat is not None:
                task.groups.add(secretariat)
        still_used = (
            WorkflowPage.objects.filter(workflow=workflow).exists()
            or WorkflowContentType.objects.filter(workflow=workflow).exists()
            or WorkflowState.objects.filter(workflow=workflow, status="in_progress").exists()
        )
        if not still_used:
            workflow.active = False
            workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0019_secretariat_keeps_documents_and_images"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Nothing to put back: the Secretariat publishes directly, going back or not.
    operations = [migrations.RunPython(unassign_root_workflows, migrations.RunPython.noop)]
