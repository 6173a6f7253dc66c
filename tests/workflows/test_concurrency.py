"""Board members voting at the same moment: the decision is taken exactly once."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from wagtail.models import ModelLogEntry, TaskState, Workflow, WorkflowContentType, WorkflowTask

from needs_snippets.models import Need
from tests.connections import started
from tests.factories import NeedFactory, UserFactory, wb_partners
from workflows.models import Ballot, UnanimousApprovalTask

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent row locks need PostgreSQL; SQLite serialises whole transactions",
    ),
]


@pytest.fixture
def board_vote():
    """A need before a seven-member Board, and a function making them all vote at once."""
    board = Group.objects.get_or_create(name="Board")[0]
    members = [UserFactory(username=f"board-{i}") for i in range(7)]
    for member in members:
        member.groups.add(board)
    task = UnanimousApprovalTask.objects.create(name="Board approval", group=board)
    workflow = Workflow.objects.create(name="Board decision")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Need)
    )
    need = NeedFactory(live=False, partners=[wb_partners()["AL"]])
    need.save_revision(user=members[0])
    workflow.start(need, members[0])
    task_state_id = TaskState.objects.get().pk

    def vote_all_at_once(decisions):
        start = threading.Barrier(len(decisions))

        def vote(member, decision):
            """The member's login if the vote was refused (the decision already taken)."""
            start.wait()
            try:
                task.on_action(TaskState.objects.get(pk=task_state_id), member, decision)
            except PermissionDenied:
                return member.username
            return None

        votes = [started(vote, *pair) for pair in zip(members, decisions, strict=True)]
        return [login for login in (each.outcome() for each in votes) if login]

    return need, task_state_id, vote_all_at_once


def publications(need):
    return ModelLogEntry.objects.filter(object_id=str(need.pk), action="wagtail.publish").count()


def test_seven_approvals_at_once_publish_exactly_once(board_vote):
    need, task_state_id, vote_all_at_once = board_vote
    assert vote_all_at_once(["approve"] * 7) == []
    need.refresh_from_db()
    assert need.live
    assert publications(need) == 1
    assert TaskState.objects.get(pk=task_state_id).status == TaskState.STATUS_APPROVED
    assert Ballot.objects.filter(decision="approve").count() == 7


def test_six_approvals_and_one_request_for_changes_never_publish(board_vote):
    need, task_state_id, vote_all_at_once = board_vote
    vote_all_at_once(["approve"] * 6 + ["reject"])
    need.refresh_from_db()
    assert not need.live
    assert publications(need) == 0
    assert TaskState.objects.get(pk=task_state_id).status == TaskState.STATUS_REJECTED
