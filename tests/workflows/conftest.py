"""Shared fixtures of the workflow tests: people in their roles, a need under a workflow, the
deciders of membership applications, the e-mails a person received."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.models import Need
from tests.factories import NeedFactory, PillarFactory, UserFactory, board_seats, wb_partners


@pytest.fixture
def people():
    """Who takes part in a need's workflow: an editor of the Secretariat, a WBCSCi reviewer,
    an outsider (a member), three Board members; and the Board and reviewers' groups."""
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


@pytest.fixture
def deciders():
    """Who decides membership applications, under the membership workflows and the three
    pillars: the Secretariat, and seven Board members each holding one of the seven seats."""
    ensure_membership_workflows()
    for code in ("WBCTi", "WBCSCi", "WBBSi"):
        PillarFactory(code=code)
    board = [UserFactory(username=f"board{i}", groups=["Board"]) for i in range(7)]
    return {
        "secretariat": UserFactory(username="sec", groups=["Secretariat"]),
        "board": board,
        "seats": board_seats(holders=board),
    }


@pytest.fixture
def mails_to(mailoutbox):
    """`mails_to(user)`: the e-mails sent so far with `user` among their (blind) recipients."""
    return lambda user: [mail for mail in mailoutbox if user.email in mail.bcc]


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
