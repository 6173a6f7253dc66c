"""Admin views of the public site: the PDF of a report's draft, for its editors."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import ReportPage, ReportPDF


def report_draft_pdf(request, page_id):
    """The PDF of the report's latest revision (queued on first request) for editors only."""
    report = get_object_or_404(ReportPage, pk=page_id)
    if not report.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if report.latest_revision is None:
        raise Http404("This report has no saved draft yet.")
    report_pdf = ReportPDF.objects.for_revision(report, report.latest_revision, frozen=False)
    return report.serve_pdf(request, report_pdf, draft=True)
