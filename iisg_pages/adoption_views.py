"""Admin views around adopted editions: a superuser's emergency unpublication, and the page
that says why anybody else is refused."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.delete import DeleteView
from wagtail.admin.views.pages.move import MoveChooseDestinationView, MoveConfirmView
from wagtail.admin.views.pages.unpublish import UnpublishView
from wagtail.admin.viewsets.pages import PageViewSet

from .adoption import (
    ADOPTED_REFUSAL,
    adopted_reports_among,
    can_be_unpublished_in_emergency,
    emergency_unpublish,
)
from .models import ReportPage


def refusal(request, reason=ADOPTED_REFUSAL, status=403):
    """The admin page that refuses an action and says why (HTTP 403)."""
    return TemplateResponse(
        request,
        "iisg_pages/admin/refused.html",
        {"reason": reason, "header_title": gettext("Not allowed")},
        status=status,
    )


ONLY_SUPERUSERS = _(
    "Only a superuser may unpublish an adopted edition, in an emergency. "
    "Otherwise an adopted edition is changed only by the Board: submit a corrigendum through "
    "the approval workflow."
)


class RefuseAdoptedMixin:
    """For Wagtail's page action views: on an adopted edition, answer with the refusal page
    (403, saying why) before the view looks anything up, for everyone, superusers included."""

    page_id_kwarg = "page_id"

    def setup(self, request, *args, **kwargs):
        page = ReportPage.objects.filter(pk=kwargs.get(self.page_id_kwarg)).first()
        self.adoption_refusal = refusal(request) if adopted_reports_among([page]) else None
        if self.adoption_refusal is not None:
            View.setup(self, request, *args, **kwargs)
            return
        super().setup(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if self.adoption_refusal is not None:
            return self.adoption_refusal
        return super().dispatch(request, *args, **kwargs)


class ReportUnpublishView(RefuseAdoptedMixin, UnpublishView):
    pass


class ReportDeleteView(RefuseAdoptedMixin, DeleteView):
    pass


class ReportMoveView(RefuseAdoptedMixin, MoveChooseDestinationView):
    page_id_kwarg = "page_to_move_id"


class ReportMoveConfirmView(RefuseAdoptedMixin, MoveConfirmView):
    page_id_kwarg = "page_to_move_id"


class ReportPageViewSet(PageViewSet):
    """Wagtail's page views for reports, with unpublish, delete and move refusing an adopted
    edition (registered with the register_admin_viewset hook)."""

    model = ReportPage
    unpublish_view_class = ReportUnpublishView
    delete_view_class = ReportDeleteView
    move_view_class = ReportMoveView
    move_confirm_view_class = ReportMoveConfirmView


class EmergencyUnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Why the adopted edition must go offline now, before the Board can decide. "
            "Every Board member receives it by e-mail, and it stays in the page's history."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class EmergencyUnpublishView(WagtailAdminTemplateMixin, FormView):
    """Superusers only: take an adopted report offline (unpublished, and any scheduled go-live
    cancelled), with a reason that is logged and e-mailed to the Board. Everyone else gets
    403; a report that is not adopted, or neither live nor scheduled, 404."""

    form_class = EmergencyUnpublishForm
    template_name = "iisg_pages/admin/emergency_unpublish.html"
    header_icon = "warning"
    page_title = _("Emergency unpublication")

    def dispatch(self, request, page_id, *args, **kwargs):
        if not request.user.is_superuser:
            return refusal(request, ONLY_SUPERUSERS)
        self.report = get_object_or_404(ReportPage, pk=page_id)
        if not can_be_unpublished_in_emergency(self.report):
            raise Http404(gettext("This is not an adopted edition that is or will be online."))
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_subtitle(self):
        return self.report.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.report.pk]),
                "label": self.report.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.report
        context["cancel_url"] = reverse("wagtailadmin_pages:edit", args=[self.report.pk])
        return context

    def form_valid(self, form):
        emergency_unpublish(self.report, self.request.user, form.cleaned_data["reason"])
        messages.success(
            self.request,
            gettext("“%(title)s” is unpublished. The Board has been told, with your reason.")
            % {"title": self.report.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", self.report.pk)
