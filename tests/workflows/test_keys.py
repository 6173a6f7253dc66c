"""Workflows and tasks are found by stable keys: the Secretariat renames them in the admin and
applications still go to their Board, and the set-up never makes a second one."""

import threading

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Task, Workflow

from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.models import MembershipApplication
from tests.admin_forms import opened_form
from tests.connections import started
from tests.factories import UserFactory
from tests.membership import ALL_CRITERIA, act, apply
from workflows.models import SilentProcedureTask, TaskKey, WorkflowKey
from workflows.models.keys import ensure_keyed, ensure_keyed_workflow


@pytest.mark.django_db
def test_a_renamed_workflow_and_task_keep_deciding_applications(client, deciders):
    silent = Workflow.objects.get(stable_key__key="membership-silent-procedure")
    task = SilentProcedureTask.objects.get(stable_key__key="board-silent-procedure")
    client.force_login(UserFactory(username="admin", is_superuser=True))
    edit_url = reverse("wagtailadmin_workflows:edit", args=[silent.pk])
    renamed = {**opened_form(client, edit_url), "name": "Adhésion par procédure écrite"}
    response = client.post(edit_url, renamed)
    assert response.status_code == 302, response.content.decode()
    # Wagtail's admin keeps a task's name once made; a shell may still change it.
    Task.objects.filter(pk=task.pk).update(name="Procédure écrite du Conseil")

    application = apply(procedure=MembershipApplication.Procedure.SILENT)
    assert application.get_workflow() == silent
    assert application.current_workflow_state.workflow.name == "Adhésion par procédure écrite"
    application = act(application, deciders["secretariat"], "approve", **ALL_CRITERIA)
    assert application.current_workflow_task.name == "Procédure écrite du Conseil"

    workflows, tasks = Workflow.objects.count(), Task.objects.count()
    ensure_membership_workflows()  # the set-up run again finds what it made, renamed or not
    assert (Workflow.objects.count(), Task.objects.count()) == (workflows, tasks)
    assert Workflow.objects.get(pk=silent.pk).name == "Adhésion par procédure écrite"


@pytest.mark.django_db
def test_a_disabled_workflow_decides_nothing_new(deciders):
    Workflow.objects.filter(stable_key__key="membership-board-meeting").update(active=False)
    application = apply(procedure=MembershipApplication.Procedure.MEETING)
    assert application.get_workflow() is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keys_what_the_set_up_made_before_by_its_names():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    before = [("workflows", "0005_votes_by_seat_on_a_revision")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    try:
        ContentType = apps.get_model("contenttypes", "ContentType")
        review = apps.get_model("workflows", "SupportGroupReviewTask")
        review.objects.create(
            name="Support Group review", content_type=ContentType.objects.get_for_model(review)
        )
        apps.get_model("wagtailcore", "Workflow").objects.create(name="Biennial report approval")
        apps.get_model("wagtailcore", "Workflow").objects.create(name="Another workflow")
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert dict(WorkflowKey.objects.values_list("key", "workflow__name")) == {
        "report-approval": "Biennial report approval"
    }
    assert dict(TaskKey.objects.values_list("key", "task__name")) == {
        "support-group-review": "Support Group review"
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_set_ups_at_once_make_one_keyed_workflow():
    """Two processes setting up at the same moment (say, two workers starting on a new
    database): both pass the look-up before either has keyed its workflow; one keeps its
    workflow, the other undoes its own and answers the first one's, without an error."""
    both_looked = threading.Barrier(2)

    def set_up(name):
        def make():
            both_looked.wait(timeout=10)  # each has found no key
            return Workflow.objects.create(name=name)

        return ensure_keyed(WorkflowKey, "test-board-decision", make).pk

    set_ups = [started(set_up, name) for name in ["First", "Second"]]
    answers = [each.outcome() for each in set_ups]  # neither raises

    keyed = WorkflowKey.objects.get(key="test-board-decision").workflow
    assert answers == [keyed.pk, keyed.pk]
    assert Workflow.objects.filter(name__in=["First", "Second"]).count() == 1


@pytest.mark.django_db
def test_a_set_up_that_fails_for_another_reason_says_why():
    """Making the keyed object may fail for a reason of its own (here the same task twice in a
    workflow): that error is raised as it is, and nothing is keyed."""
    task = Task.objects.create(name="Review")
    with pytest.raises(IntegrityError):
        ensure_keyed_workflow("test-broken", "Broken", [task, task])
    assert not WorkflowKey.objects.filter(key="test-broken").exists()
