"""Admin views of the secure database: described exports, the JHA notification."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.snippets.views.snippets import IndexView

from .exports import DescribedExportMixin
from .models import MembershipApplication


class NeedIndexView(DescribedExportMixin, IndexView):
    export_title = "Needs"


class ResponseIndexView(DescribedExportMixin, IndexView):
    export_title = "Responses"


@require_POST
def record_jha_notification(request, pk):
    """The Secretariat records that an EU JHA agency's application was notified to the
    Board: the agency becomes a member, without a vote."""
    application = get_object_or_404(MembershipApplication, pk=pk)
    if not request.user.has_perm("needs_snippets.change_membershipapplication"):
        raise PermissionDenied
    if not application.decided_by_notification:
        raise PermissionDenied("Only EU JHA agencies join upon notification.")
    application.accept(user=request.user, reason="EU JHA agency: notified to the Board.")
    transaction.on_commit(application.tell_applicant)
    messages.success(request, f"{application.organisation} is now an IISG member.")
    return redirect(MembershipApplication.snippet_viewset.get_url_name("list"))
