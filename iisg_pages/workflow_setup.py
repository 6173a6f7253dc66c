"""The report approval workflow: Support Group review, then the Board by unanimity."""

from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from needs_snippets.roles import BOARD
from workflows.models import SupportGroupReviewTask, UnanimousApprovalTask

REPORT_WORKFLOW = "Biennial report approval"


def ensure_report_workflow(reports_index):
    """Create the workflow once and assign it to the reports index (and so to every report
    below it). Returns the workflow."""
    workflow, created = Workflow.objects.get_or_create(name=REPORT_WORKFLOW)
    if created:
        review, _ = SupportGroupReviewTask.objects.get_or_create(name="Support Group review")
        board, _ = UnanimousApprovalTask.objects.get_or_create(
            name="Board approval by unanimity", defaults={"group": Group.objects.get(name=BOARD)}
        )
        WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=board, sort_order=1)
    WorkflowPage.objects.get_or_create(page=reports_index, defaults={"workflow": workflow})
    return workflow
