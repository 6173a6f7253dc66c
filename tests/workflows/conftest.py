"""Shared fixtures of the workflow tests: people in their roles, a need under a workflow."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from needs_snippets.models import Need
from tests.factories import NeedFactory, PillarFactory, UserFactory, wb_partners


@pytest.fixture
def people():
    board = Group.objects.get(name="Board")
    reviewers = Group.objects.get(name="Support Group WBCSCi")
    return {
        "editor": UserFactory(username="editor", groups=["Secretariat"]),
        "reviewer": UserFactory(username="reviewer", groups=[reviewers.name]),
        "outsider": UserFactory(username="outsider", groups=["Members"]),
        "board": [UserFactory(username=f"board{i}", groups=["Board"]) for i in range(3)],
        "board_group": board,
        "review_group": reviewers,
    }


def submit(workflow_tasks, people):
    """A draft need under a workflow of `workflow_tasks`, submitted by the editor."""
    workflow = Workflow.objects.create(name="Test workflow")
    for order, task in enumerate(workflow_tasks):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Need)
    )
    pillar = PillarFactory(code="WBCSCi")
    pillar.support_group = people["review_group"]
    pillar.save()
    need = NeedFactory(pillar=pillar, live=False, partners=[wb_partners()["AL"]])
    need.save_revision(user=people["editor"])
    workflow.start(need, people["editor"])
    return refresh(need)


def refresh(need):
    """Reload the need, forgetting its cached workflow state."""
    need.refresh_from_db()
    for cached in ("current_workflow_state", "current_workflow_task_state", "workflow_in_progress"):
        need.__dict__.pop(cached, None)
    return need


def act(need, user, action, comment=""):
    refresh(need)
    task_state = need.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    refresh(need)
    return task_state
