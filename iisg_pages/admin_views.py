"""Admin views of the public site: the PDF of a report's draft, and rendering a failed PDF
again, for the report's editors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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


@require_POST
def retry_report_pdf(request, pk):
    """Render a failed PDF again, then go back to where it is served."""
    report_pdf = get_object_or_404(ReportPDF.objects.select_related("page"), pk=pk)
    report = report_pdf.page.specific
    if not report.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if report_pdf.retry():
        messages.success(request, _("The PDF is being rendered again."))
    if report_pdf.frozen:
        return redirect(report.pdf_url)
    return redirect("iisg_pages:report_draft_pdf", report.pk)
