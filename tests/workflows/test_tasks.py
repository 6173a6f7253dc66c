"""Rules of the moderation tasks: Support Group review, unanimity, silent procedure."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import (
    ModelLogEntry,
    TaskState,
    WorkflowState,
)

from needs_snippets.models import Need
from tests.factories import NeedFactory, UserFactory, wb_partners
from tests.workflow_steps import act_on_need, refresh, submit
from workflows.models import (
    Ballot,
    SilentProcedureTask,
    SilentProcedureTaskState,
    SupportGroupReviewTask,
    UnanimousApprovalTask,
    add_working_days,
)

pytestmark = pytest.mark.django_db


class TestSupportGroupReview:
    def test_reviewer_of_the_pillar_approves(self, people):
        review = SupportGroupReviewTask.objects.create(name="Support Group review")
        need = submit([review], people)
        task = need.current_workflow_task.specific
        assert task.get_actions(need, people["reviewer"])
        assert task.get_actions(need, people["outsider"]) == []

        state = act_on_need(need, people["reviewer"], "approve")
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_APPROVED
        assert need.live  # the workflow ended and published the need

    def test_only_reviewers_see_it_awaiting_their_review(self, people):
        review = SupportGroupReviewTask.objects.create(name="Review")
        submit([review], people)
        assert review.get_task_states_user_can_moderate(people["reviewer"]).count() == 1
        assert review.get_task_states_user_can_moderate(people["outsider"]).count() == 0
        assert review.get_task_states_user_can_moderate(people["board"][0]).count() == 0

    def test_outsider_cannot_act_even_directly(self, people):
        need = submit([SupportGroupReviewTask.objects.create(name="Review")], people)
        with pytest.raises(PermissionDenied):
            act_on_need(need, people["outsider"], "approve")
        assert need.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    def test_request_for_changes_returns_it_to_the_editors(self, people):
        need = submit([SupportGroupReviewTask.objects.create(name="Review")], people)
        act_on_need(need, people["reviewer"], "reject", comment="Name the partners' agencies.")
        workflow_state = WorkflowState.objects.get()
        assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ballot = Ballot.objects.get()
        assert (ballot.decision, ballot.comment) == (
            "request_changes",
            "Name the partners' agencies.",
        )

    def test_every_group_concerned_must_approve(self, people, monkeypatch):
        """A report concerns every pillar's group; a need stands in for it here."""
        second = Group.objects.get(name="Support Group WBBSi")
        other_reviewer = UserFactory(username="bsi", groups=[second.name])
        review = SupportGroupReviewTask.objects.create(name="Review")
        need = submit([review], people)
        monkeypatch.setattr(
            Need, "get_review_groups", lambda self: [people["review_group"], second]
        )
        act_on_need(need, people["reviewer"], "approve")
        assert need.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
        with pytest.raises(PermissionDenied):  # WBCSCi has approved already
            act_on_need(need, people["reviewer"], "approve")
        act_on_need(need, other_reviewer, "approve")
        assert need.live


class TestUnanimity:
    def board_task(self, people):
        return UnanimousApprovalTask.objects.create(name="Board", group=people["board_group"])

    def test_every_member_must_approve(self, people):
        need = submit([self.board_task(people)], people)
        first, second, third = people["board"]
        act_on_need(need, first, "approve")
        act_on_need(need, second, "approve", comment="Agreed.")
        assert need.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
        task = need.current_workflow_task.specific
        assert [str(s) for s in task.missing_seats(need.current_workflow_task_state)] == ["board2"]
        tally = need.current_workflow_task_state.specific.get_comment()
        assert "Approved by 2 of 3 seats: board0, board1." in tally
        assert "Not yet voted: board2." in tally
        act_on_need(need, third, "approve")
        assert need.live
        assert Ballot.objects.count() == 3

    def test_a_member_votes_once(self, people):
        need = submit([self.board_task(people)], people)
        act_on_need(need, people["board"][0], "approve")
        assert need.current_workflow_task.specific.get_actions(need, people["board"][0]) == []
        with pytest.raises(PermissionDenied):
            act_on_need(need, people["board"][0], "approve")

    def test_one_request_for_changes_rejects_and_resubmission_counts_again(self, people):
        need = submit([self.board_task(people)], people)
        act_on_need(need, people["board"][0], "approve")
        act_on_need(need, people["board"][1], "reject", comment="Missing data for Serbia.")
        assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES
        assert not need.live

        need.save_revision(user=people["editor"])
        WorkflowState.objects.get().resume(user=people["editor"])
        need.refresh_from_db()
        new_state = need.current_workflow_task_state
        assert new_state.status == TaskState.STATUS_IN_PROGRESS
        assert new_state.ballots.count() == 0  # the count starts again
        for member in people["board"]:
            act_on_need(need, member, "approve")
        assert need.live

    def test_non_members_cannot_vote(self, people):
        need = submit([self.board_task(people)], people)
        with pytest.raises(PermissionDenied):
            act_on_need(need, people["reviewer"], "approve")

    def test_votes_leave_a_trace_in_the_audit_log(self, people):
        need = submit([self.board_task(people)], people)
        act_on_need(need, people["board"][0], "approve", comment="Fine.")
        entry = ModelLogEntry.objects.get(action="iisg.ballot.approve")
        assert entry.user == people["board"][0]
        assert entry.data["comment"] == "Fine."


class TestSilentProcedure:
    def silent_task(self, people, days=10):
        return SilentProcedureTask.objects.create(
            name="Silent procedure", group=people["board_group"], working_days=days
        )

    def test_deadline_counts_working_days(self):
        friday = timezone.make_aware(datetime(2026, 11, 20, 12))
        assert add_working_days(friday, 1).date().isoformat() == "2026-11-23"
        assert add_working_days(friday, 10).date().isoformat() == "2026-12-04"

    def test_adopted_at_the_deadline_without_objection(self, people):
        need = submit([self.silent_task(people)], people)
        state = need.current_workflow_task_state.specific
        assert not state.close_if_due()  # before the deadline nothing happens
        assert state.close_if_due(now=state.deadline + timedelta(seconds=1))
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_APPROVED
        assert state.comment == "Adopted by silent procedure."
        need.refresh_from_db()
        assert need.live
        assert ModelLogEntry.objects.filter(action="iisg.silent_procedure.adopted").exists()

    def test_an_objection_before_the_deadline_rejects(self, people):
        need = submit([self.silent_task(people)], people)
        act_on_need(need, people["board"][2], "reject", comment="We object.")
        state = TaskState.objects.get().specific
        assert state.status == TaskState.STATUS_REJECTED
        assert not state.close_if_due(now=state.deadline + timedelta(days=1))
        assert Ballot.objects.get().decision == "object"

    def test_no_objection_after_the_deadline(self, people, monkeypatch):
        need = submit([self.silent_task(people, days=1)], people)
        state = need.current_workflow_task_state.specific
        later = state.deadline + timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert need.current_workflow_task.specific.get_actions(need, people["board"][0]) == []
        with pytest.raises(PermissionDenied):
            act_on_need(need, people["board"][0], "reject")

    def test_management_command_closes_what_is_due(self, people, monkeypatch):
        need = submit([self.silent_task(people, days=1)], people)
        state = need.current_workflow_task_state.specific
        later = state.deadline + timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        call_command("close_silent_procedures", stdout=__import__("io").StringIO())
        state.refresh_from_db()
        assert state.status == TaskState.STATUS_APPROVED

    def test_a_procedure_that_fails_to_close_holds_up_no_other(self, people, monkeypatch, caplog):
        first = submit([self.silent_task(people, days=1)], people)
        second = NeedFactory(pillar=first.pillar, live=False, partners=[wb_partners()["ME"]])
        second.save_revision(user=people["editor"])
        first.current_workflow_state.workflow.start(second, people["editor"])
        broken = first.current_workflow_task_state.specific
        close = SilentProcedureTaskState.close_if_due

        def close_unless_broken(state, now=None):
            if state.pk == broken.pk:
                raise RuntimeError("the mail server is down")
            return close(state, now)

        monkeypatch.setattr(SilentProcedureTaskState, "close_if_due", close_unless_broken)
        later = broken.deadline + timedelta(minutes=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        with pytest.raises(CommandError, match=rf"adopted 1 .* procedure {broken.pk} \(close"):
            call_command("close_silent_procedures", stdout=__import__("io").StringIO())

        assert refresh(second).live
        broken.refresh_from_db()
        assert broken.status == TaskState.STATUS_IN_PROGRESS
        assert "the mail server is down" in caplog.text

    def test_outsider_cannot_object(self, people):
        need = submit([self.silent_task(people)], people)
        with pytest.raises(PermissionDenied):
            act_on_need(need, people["outsider"], "reject")
