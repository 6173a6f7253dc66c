"""Moderation task types of the IISG structures, generic over what they moderate.

A task asks the content it moderates through a small protocol: content may define
`get_review_groups()`, the user groups whose approval it needs (for a report, the Support
Groups of the pillars it covers), and `get_decision_seats()`, the seats that decide on it
(see `workflows.seats`). The tasks import no model of ours.
"""

from .ballots import Ballot, cast_ballot, decision_url, lock_in_progress
from .keys import TaskKey, WorkflowKey, ensure_keyed_task, ensure_keyed_workflow, keyed_workflow
from .review import CriteriaAssessmentTask, SupportGroupReviewTask, review_groups_for
from .silent import SilentProcedureTask, SilentProcedureTaskState, add_working_days
from .unanimity import UnanimousApprovalTask, UnanimousApprovalTaskState, remind_pending_votes

__all__ = [
    "Ballot",
    "CriteriaAssessmentTask",
    "SilentProcedureTask",
    "SilentProcedureTaskState",
    "SupportGroupReviewTask",
    "UnanimousApprovalTask",
    "TaskKey",
    "UnanimousApprovalTaskState",
    "WorkflowKey",
    "add_working_days",
    "cast_ballot",
    "decision_url",
    "ensure_keyed_task",
    "ensure_keyed_workflow",
    "keyed_workflow",
    "lock_in_progress",
    "remind_pending_votes",
    "review_groups_for",
]
