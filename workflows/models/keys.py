"""Stable keys for the workflows and tasks the product looks up itself (a membership
application finds its Board's workflow, the set-up finds what it made before). A workflow or
task keeps its key when the Secretariat renames it in the admin; nothing is found by its
display name. The keys themselves are defined by the apps that use them."""

from django.db import models, transaction
from wagtail.models import Workflow, WorkflowTask


class WorkflowKey(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", on_delete=models.CASCADE, related_name="stable_key"
    )

    def __str__(self):
        return f"{self.key}: {self.workflow}"


class TaskKey(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    task = models.OneToOneField(
        "wagtailcore.Task", on_delete=models.CASCADE, related_name="stable_key"
    )

    def __str__(self):
        return f"{self.key}: {self.task}"


def keyed_workflow(key):
    """The active workflow with `key`, or None (none made yet, or disabled)."""
    return Workflow.objects.active().filter(stable_key__key=key).first()


@transaction.atomic
def ensure_keyed_task(key, model, name, **defaults):
    """The task with `key` (its specific instance), made as `model(name=name, **defaults)`
    the first time. A task renamed since keeps being found; its settings are left as they
    are."""
    found = TaskKey.objects.select_for_update().filter(key=key).select_related("task").first()
    if found is not None:
        return found.task.specific
    task = model.objects.create(name=name, **defaults)
    TaskKey.objects.create(key=key, task=task)
    return task


@transaction.atomic
def ensure_keyed_workflow(key, name, tasks):
    """The workflow with `key`, made the first time as `name` with `tasks` in order. One
    already there (renamed, or with tasks the Secretariat changed) is returned as it is."""
    found = WorkflowKey.objects.select_for_update().filter(key=key).select_related("workflow")
    found = found.first()
    if found is not None:
        return found.workflow
    workflow = Workflow.objects.create(name=name)
    for order, task in enumerate(tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowKey.objects.create(key=key, workflow=workflow)
    return workflow
