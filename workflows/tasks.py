"""Background work of the workflows: closing silent procedures at their deadline."""

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django_tasks import default_task_backend, task


@task()
def close_silent_procedure(task_state_id):
    """Adopt a silent procedure whose deadline has passed without objection."""
    state = apps.get_model("workflows", "SilentProcedureTaskState").objects.get(pk=task_state_id)
    state.close_if_due()


@task()
def remind_silent_procedure(task_state_id):
    """Remind the group a day before a silent procedure's deadline."""
    state = apps.get_model("workflows", "SilentProcedureTaskState").objects.get(pk=task_state_id)
    state.remind_if_due()


def schedule_silent_procedure_close(task_state):
    """Queue the reminder and the closing for their time, where the task backend can wait;
    elsewhere `manage.py close_silent_procedures` (run from cron) does both when due."""
    if not default_task_backend.supports_defer:
        return

    def enqueue():
        reminder_at = task_state.deadline - timedelta(days=1)
        remind_silent_procedure.using(run_after=reminder_at).enqueue(task_state.pk)
        close_silent_procedure.using(run_after=task_state.deadline).enqueue(task_state.pk)

    transaction.on_commit(enqueue)
