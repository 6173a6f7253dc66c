"""The approval workflows: reports (Support Group review, then the Board by unanimity) and
membership applications (Secretariat assessment, then the Board)."""

from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from needs_snippets.models.applications import MEETING_WORKFLOW, SILENT_WORKFLOW
from needs_snippets.roles import BOARD, SECRETARIAT
from workflows.models import (
    CriteriaAssessmentTask,
    SilentProcedureTask,
    SupportGroupReviewTask,
    UnanimousApprovalTask,
)

REPORT_WORKFLOW = "Biennial report approval"


def ensure_report_workflow(reports_index):
    """Create the workflow once and assign it to the reports index (and so to every report
    below it). Returns the workflow."""
    workflow, created = Workflow.objects.get_or_create(name=REPORT_WORKFLOW)
    if created:
        review, _ = SupportGroupReviewTask.objects.get_or_create(name="Support Group review")
        board, _ = UnanimousApprovalTask.objects.get_or_create(
            name="Board approval by unanimity",
            defaults={
                "group": Group.objects.get(name=BOARD),
                "recorders": Group.objects.get(name=SECRETARIAT),
            },
        )
        WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=board, sort_order=1)
    WorkflowPage.objects.get_or_create(page=reports_index, defaults={"workflow": workflow})
    return workflow


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
    assessment, _ = CriteriaAssessmentTask.objects.get_or_create(
        name="Secretariat assessment of the membership criteria",
        defaults={"group": Group.objects.get(name=SECRETARIAT), "criteria": MEMBERSHIP_CRITERIA},
    )
    board = Group.objects.get(name=BOARD)
    secretariat = Group.objects.get(name=SECRETARIAT)
    unanimity, _ = UnanimousApprovalTask.objects.get_or_create(
        name="Board approval by unanimity", defaults={"group": board, "recorders": secretariat}
    )
    silent, _ = SilentProcedureTask.objects.get_or_create(
        name="Board silent written procedure",
        defaults={"group": board, "recorders": secretariat, "working_days": 10},
    )
    for name, decision in [(MEETING_WORKFLOW, unanimity), (SILENT_WORKFLOW, silent)]:
        workflow, created = Workflow.objects.get_or_create(name=name)
        if created:
            WorkflowTask.objects.create(workflow=workflow, task=assessment, sort_order=0)
            WorkflowTask.objects.create(workflow=workflow, task=decision, sort_order=1)
