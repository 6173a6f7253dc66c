"""Admin views of the secure database: described exports, the JHA notification."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.snippets.views.snippets import IndexView

from .exports import DescribedExportMixin
from .models import MembershipApplication, Need


class NeedIndexView(DescribedExportMixin, IndexView):
    export_title = "Needs"


class ResponseIndexView(DescribedExportMixin, IndexView):
    export_title = "Responses"


def record_jha_notification(request, pk):
    """The Secretariat records that an EU JHA agency's application was notified to the
    Board: the agency becomes a member, without a vote. GET asks to confirm; POST records."""
    application = get_object_or_404(MembershipApplication, pk=pk)
    if not request.user.has_perm("needs_snippets.change_membershipapplication"):
        raise PermissionDenied
    if not application.decided_by_notification or application.member_id:
        raise PermissionDenied("Only a pending EU JHA agency joins upon notification.")
    if request.method != "POST":
        return TemplateResponse(
            request, "needs_snippets/confirm_jha_notification.html", {"application": application}
        )
    application.accept(user=request.user, reason="EU JHA agency: notified to the Board.")
    transaction.on_commit(application.tell_applicant)
    messages.success(request, f"{application.organisation} is now an IISG member.")
    return redirect(MembershipApplication.snippet_viewset.get_url_name("list"))


def approved_needs_are_read_only(request, instance):
    """before_edit_snippet/before_delete_snippet: approved needs cannot be changed."""
    if isinstance(instance, Need) and instance.status == Need.Status.APPROVED:
        messages.warning(
            request,
            "The Board approved this need with its cycle's report: it is read-only. "
            "Record changes in the next cycle.",
        )
        return redirect(Need.snippet_viewset.get_url_name("inspect"), instance.pk)
    return None
