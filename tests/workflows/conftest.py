"""Shared fixtures of the workflow tests: people in their roles, the deciders of membership
applications, the e-mails a person received (the steps of a workflow: tests/workflow_steps.py)."""

import pytest
from django.contrib.auth.models import Group

from iisg_pages.workflow_setup import ensure_membership_workflows
from tests.factories import PillarFactory, UserFactory, board_seats


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
