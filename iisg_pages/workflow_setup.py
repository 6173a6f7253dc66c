"""The approval workflows: reports (Support Group review, then the Board by unanimity), needs
(their pillar's Support Group review) and membership applications (Secretariat assessment,
then the Board)."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType, WorkflowPage

from needs_snippets.models import Need
from needs_snippets.models.applications import MEETING_WORKFLOW, SILENT_WORKFLOW
from needs_snippets.roles import BOARD, SECRETARIAT
from workflows.models import (
    CriteriaAssessmentTask,
    SilentProcedureTask,
    SupportGroupReviewTask,
    UnanimousApprovalTask,
    ensure_keyed_task,
    ensure_keyed_workflow,
)

#: Stable keys (workflows.models.keys): what the set-up made is found again after a rename.
REPORT_WORKFLOW = "report-approval"
NEED_WORKFLOW = "need-review"
SUPPORT_GROUP_REVIEW = "support-group-review"
BOARD_UNANIMITY = "board-unanimity"
BOARD_SILENT_PROCEDURE = "board-silent-procedure"
CRITERIA_ASSESSMENT = "membership-criteria-assessment"


def board_unanimity():
    return ensure_keyed_task(
        BOARD_UNANIMITY, UnanimousApprovalTask, "Board approval by unanimity",
        group=Group.objects.get(name=BOARD), recorders=Group.objects.get(name=SECRETARIAT),
    )  # fmt: skip


def ensure_report_workflow(reports_index):
    """Create the workflow once and assign it to the reports index (and so to every report
    below it). Returns the workflow."""
    review = ensure_keyed_task(SUPPORT_GROUP_REVIEW, SupportGroupReviewTask, "Support Group review")
    workflow = ensure_keyed_workflow(
        REPORT_WORKFLOW, "Biennial report approval", [review, board_unanimity()]
    )
    WorkflowPage.objects.get_or_create(page=reports_index, defaults={"workflow": workflow})
    return workflow


def ensure_need_workflow():
    """The Support Groups' review of needs: the workflow made once and assigned to needs,
    unless needs already have one (the Secretariat's choice is kept). A need submitted to it
    waits for the Support Group of its pillar (Need.get_review_groups). Returns the workflow
    needs follow."""
    review = ensure_keyed_task(SUPPORT_GROUP_REVIEW, SupportGroupReviewTask, "Support Group review")
    workflow = ensure_keyed_workflow(NEED_WORKFLOW, "Need review", [review])
    assigned, _created = WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Need), defaults={"workflow": workflow}
    )
    return assigned.workflow


MEMBERSHIP_CRITERIA = "\n".join(
    [
        "Like-minded partner",
        "Commitment to regional cooperation in the Western Balkans",
        "Support for EU values, EU policies and the EU perspective for the region",
    ]
)


def ensure_membership_workflows():
    """The two membership workflows: the Secretariat assesses the three criteria, then the
    Board decides at a meeting (unanimity) or by silent procedure; each application picks
    one (MembershipApplication.get_workflow)."""
    secretariat = Group.objects.get(name=SECRETARIAT)
    assessment = ensure_keyed_task(
        CRITERIA_ASSESSMENT, CriteriaAssessmentTask,
        "Secretariat assessment of the membership criteria",
        group=secretariat, criteria=MEMBERSHIP_CRITERIA,
    )  # fmt: skip
    silent = ensure_keyed_task(
        BOARD_SILENT_PROCEDURE, SilentProcedureTask, "Board silent written procedure",
        group=Group.objects.get(name=BOARD), recorders=secretariat, working_days=10,
    )  # fmt: skip
    ensure_keyed_workflow(
        MEETING_WORKFLOW, "Membership decision at a Board meeting", [assessment, board_unanimity()]
    )
    ensure_keyed_workflow(
        SILENT_WORKFLOW, "Membership decision by silent procedure", [assessment, silent]
    )
