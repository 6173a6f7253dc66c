"""Background work of the workflows: closing silent procedures at their deadline."""

from django.apps import apps
from django.db import transaction
from django_tasks import default_task_backend, task


@task()
def close_silent_procedure(task_state_id):
    """Adopt a silent procedure whose deadline has passed without objection."""
    state = apps.get_model("workflows", "SilentProcedureTaskState").objects.get(pk=task_state_id)
    state.close_if_due()


def schedule_silent_procedure_close(task_state):
    """Queue the closing for the deadline, where the task backend can wait; elsewhere
    `manage.py close_silent_procedures` (run from cron) closes what is due."""
    if default_task_backend.supports_defer:
        transaction.on_commit(
            lambda: close_silent_procedure.using(run_after=task_state.deadline).enqueue(
                task_state.pk
            )
        )
