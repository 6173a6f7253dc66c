"""Where the task backend can wait (the database backend of production), a silent procedure
queues its reminder for the day before its deadline and its closing for the deadline; each
does its work when it runs, and nothing before its time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import TaskState

from tests.workflow_steps import refresh, submit
from workflows.models import SilentProcedureTask, SilentProcedureTaskState
from workflows.tasks import close_silent_procedure, remind_silent_procedure

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued():
    """The silent procedure's queued jobs (Wagtail queues its own, for the search index)."""
    return {
        row.task_path.rsplit(".", 1)[-1]: (row.run_after, row.args_kwargs["args"])
        for row in DBTaskResult.objects.filter(task_path__startswith="workflows.tasks.")
    }


def test_the_reminder_and_the_closing_wait_for_their_time(
    people, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    task = SilentProcedureTask.objects.create(
        name="Silent", group=people["board_group"], working_days=10
    )
    with django_capture_on_commit_callbacks(execute=True):
        need = submit([task], people)
    state = SilentProcedureTaskState.objects.get()
    assert queued() == {
        "remind_silent_procedure": (state.deadline - timedelta(days=1), [state.pk]),
        "close_silent_procedure": (state.deadline, [state.pk]),
    }

    # Run early (a worker's clock, a retry): neither acts before its time.
    remind_silent_procedure.call(state.pk)
    close_silent_procedure.call(state.pk)
    assert not [m for m in mailoutbox if m.subject.endswith("ends tomorrow")]
    assert refresh(need).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    # On time: the seats are reminded, then the decision is adopted.
    now = timezone.now()
    SilentProcedureTaskState.objects.filter(pk=state.pk).update(deadline=now + timedelta(hours=2))
    remind_silent_procedure.call(state.pk)
    assert len([m for m in mailoutbox if m.subject.endswith("ends tomorrow")]) == 1
    SilentProcedureTaskState.objects.filter(pk=state.pk).update(deadline=now - timedelta(hours=1))
    close_silent_procedure.call(state.pk)
    assert refresh(need).live  # adopted by silent procedure, and published


def test_where_the_backend_cannot_wait_nothing_is_queued(
    people, django_capture_on_commit_callbacks
):
    task = SilentProcedureTask.objects.create(name="Silent", group=people["board_group"])
    with django_capture_on_commit_callbacks(execute=True):
        need = submit([task], people)  # the immediate backend refuses a job with run_after
    # Nothing ran the closing early: the procedure waits for the periodic job
    # (close_silent_procedures) at its deadline.
    assert refresh(need).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not refresh(need).live
