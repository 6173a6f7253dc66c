"""Steps of a moderation workflow as the tests take them: a need submitted to a workflow, an
action on its task taken directly, an action on a page taken through the admin's URL, the
state of either read back, and the Board's adoption held at the moment it holds the cycle."""

import threading

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Workflow, WorkflowContentType, WorkflowState, WorkflowTask

from needs_snippets.models import MappingCycle, Need
from tests.connections import started
from tests.factories import NeedFactory, PillarFactory, wb_partners
from workflows.models import SupportGroupReviewTask


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


def act_on_need(need, user, action, comment=""):
    """`user` takes `action` on the need's current task through the task itself (its
    on_action, no view); returns that task state, the need reloaded."""
    refresh(need)
    state = need.current_workflow_task_state
    state.task.specific.on_action(state, user, action, comment=comment)
    refresh(need)
    return state


def need_review():
    """The Support Groups' review of needs, as a workflow on every need."""
    task = SupportGroupReviewTask.objects.create(name="Need review")
    workflow = Workflow.objects.create(name="Need review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Need)
    )
    return workflow


def task_state(report):
    """The task state under way in the report's workflow."""
    return WorkflowState.objects.for_instance(report).get(status="in_progress").current_task_state


def act_through_admin(client, user, report, action, comment=None):
    """`user` takes `action` on the report through Wagtail's workflow action URL."""
    client.force_login(user)
    state = task_state(report)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, action, state.pk])
    data = {"comment": comment} if comment is not None else {}
    return client.post(url, data)


def to_the_board(client, report, people):
    """Submit the report and let both Support Groups approve: the Board's vote starts."""
    report.get_workflow().start(report, people["secretariat"])
    act_through_admin(client, people["cti"], report, "approve")
    act_through_admin(client, people["csci"], report, "approve")
    state = task_state(report)
    assert state.task.name == "Board approval by unanimity"
    return state


def adoption_holding_the_cycle(monkeypatch, cycle, need_ids):
    """The Board's adoption of `cycle` (enter_database_input of `need_ids`), started on its
    own connection and paused once it holds the cycle's row; it goes on two seconds after this
    returns, time for the caller's write to come to wait for the cycle. Returns its thread
    (tests.connections.OnItsOwnConnection)."""
    holds_the_cycle, go_on = threading.Event(), threading.Event()
    move = MappingCycle._move_to

    def move_once_released(self, *args, **kwargs):
        holds_the_cycle.set()
        go_on.wait(timeout=30)
        return move(self, *args, **kwargs)

    monkeypatch.setattr(MappingCycle, "_move_to", move_once_released)
    board = started(lambda: MappingCycle.objects.get(pk=cycle.pk).enter_database_input(need_ids))
    assert holds_the_cycle.wait(timeout=30)
    threading.Timer(2, go_on.set).start()
    return board
