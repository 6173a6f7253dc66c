"""Stable keys for the workflows and tasks the product looks up itself (a membership
application finds its Board's workflow, the set-up finds what it made before). A workflow or
task keeps its key when the Secretariat renames it in the admin; nothing is found by its
display name. The keys themselves are defined by the apps that use them."""

from django.db import IntegrityError, models, transaction
from wagtail.models import Workflow, WorkflowTask


class StableKey(models.Model):
    """A key the product finds one object by. A subclass adds the one-to-one field named by
    `keyed_field` that points to the object."""

    keyed_field = ""

    key = models.SlugField(max_length=60, unique=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.key}: {getattr(self, self.keyed_field)}"


class WorkflowKey(StableKey):
    keyed_field = "workflow"

    workflow = models.OneToOneField(
        "wagtailcore.Workflow", on_delete=models.CASCADE, related_name="stable_key"
    )


class TaskKey(StableKey):
    keyed_field = "task"

    task = models.OneToOneField(
        "wagtailcore.Task", on_delete=models.CASCADE, related_name="stable_key"
    )


def keyed_workflow(key):
    """The active workflow with `key`, or None (none made yet, or disabled)."""
    return Workflow.objects.active().filter(stable_key__key=key).first()


def ensure_keyed(key_model, key, make):
    """The object `key` of `key_model` (a StableKey) names, made by `make()` and keyed the
    first time; an object found is returned as it is. When two processes set up at once, the
    one that keys second undoes what it made and returns the first one's object."""
    field = key_model.keyed_field
    found = key_model.objects.filter(key=key).select_related(field).first()
    if found is not None:
        return getattr(found, field)
    try:
        with transaction.atomic():
            made = make()
            key_model.objects.create(key=key, **{field: made})
            return made
    except IntegrityError:
        # The key's row written meanwhile by another process: theirs is the one. Anything
        # else that failed while making the object is raised as it was.
        found = key_model.objects.filter(key=key).select_related(field).first()
        if found is None:
            raise
        return getattr(found, field)


def ensure_keyed_task(key, model, name, **defaults):
    """The task with `key` (its specific instance), made as `model(name=name, **defaults)`
    the first time. A task renamed since keeps being found; its settings are left as they
    are."""
    return ensure_keyed(TaskKey, key, lambda: model.objects.create(name=name, **defaults)).specific


def ensure_keyed_workflow(key, name, tasks):
    """The workflow with `key`, made the first time as `name` with `tasks` in order. One
    already there (renamed, or with tasks the Secretariat changed) is returned as it is."""

    def make():
        workflow = Workflow.objects.create(name=name)
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        return workflow

    return ensure_keyed(WorkflowKey, key, make)
