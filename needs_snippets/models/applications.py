"""Membership applications: the Annex of the membership methodology, decided by workflow."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Workflow,
    WorkflowMixin,
)
from wagtail.search import index

from .registries import FocalPoint, Member, MemberKind, Pillar

MEETING_WORKFLOW = "Membership decision at a Board meeting"
SILENT_WORKFLOW = "Membership decision by silent procedure"


class MembershipApplication(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """An expression of interest to become an IISG member, as filed with the Annex form."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved: now a member")
        REJECTED = "rejected", _("Rejected")

    class Procedure(models.TextChoices):
        MEETING = "meeting", _("Board meeting (unanimity)")
        SILENT = "silent", _("Silent written procedure")

    organisation = models.CharField(_("name of the country/organisation"), max_length=255)
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=[c for c in MemberKind.choices if c[0] != MemberKind.WB_PARTNER],
    )
    confirms_interest = models.BooleanField(
        _("confirms interest to become an IISG member and to take part in the Support Group's "
          "meetings, and in the Board's as an observer")
    )  # fmt: skip
    understands_information_sharing = models.BooleanField(
        _("understands that information on its actions will be requested and shared with all "
          "members through the secure database")
    )  # fmt: skip
    understands_no_sensitive_information = models.BooleanField(
        _("understands that no sensitive information (operational law-enforcement data, "
          "intelligence) is expected")
    )  # fmt: skip
    focal_point_wbcti = models.CharField(_("focal point for WBCTi"), max_length=255, blank=True)
    focal_point_wbcsci = models.CharField(_("focal point for WBCSCi"), max_length=255, blank=True)
    focal_point_wbbsi = models.CharField(_("focal point for WBBSi"), max_length=255, blank=True)
    applicant_name = models.CharField(_("name"), max_length=255)
    applicant_email = models.EmailField(_("email"))
    signed_on = models.DateField(_("date"), default=timezone.localdate)
    procedure = models.CharField(
        _("Board decision"),
        max_length=16,
        choices=Procedure.choices,
        default=Procedure.MEETING,
        help_text=_("How the Board decides on this application."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    member = models.OneToOneField(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        editable=False,
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="membership_application"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="membership_application",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("organisation"),
        index.AutocompleteField("organisation"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldPanel("confirms_interest"),
                FieldPanel("understands_information_sharing"),
                FieldPanel("understands_no_sensitive_information"),
            ],
            heading=_("Confirmations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("focal_point_wbcti"),
                FieldPanel("focal_point_wbcsci"),
                FieldPanel("focal_point_wbbsi"),
            ],
            heading=_("Focal points"),
        ),
        FieldRowPanel([FieldPanel("applicant_name"), FieldPanel("applicant_email")]),
        FieldPanel("signed_on"),
        FieldPanel("procedure"),
        FieldPanel("decision_reason"),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("membership application")

    def __str__(self):
        return self.organisation

    @property
    def decided_by_notification(self):
        """EU JHA agencies join upon notification to the Board, without a vote."""
        return self.kind == MemberKind.EU_JHA_AGENCY

    def get_workflow(self):
        """The Board decides at a meeting or by silent procedure, as chosen per application."""
        if self.decided_by_notification:
            return None
        name = SILENT_WORKFLOW if self.procedure == self.Procedure.SILENT else MEETING_WORKFLOW
        return Workflow.objects.active().filter(name=name).first()

    def focal_points_by_pillar(self):
        return {
            "WBCTi": self.focal_point_wbcti,
            "WBCSCi": self.focal_point_wbcsci,
            "WBBSi": self.focal_point_wbbsi,
        }

    @transaction.atomic
    def accept(self, user=None, reason=""):
        """Make the organisation a member (with its focal points, joining today). Idempotent."""
        application = MembershipApplication.objects.select_for_update().get(pk=self.pk)
        if application.member_id:
            return application.member
        member, _ = Member.objects.get_or_create(
            name=application.organisation,
            defaults={"kind": application.kind, "joined": timezone.localdate()},
        )
        pillars = {p.code: p for p in Pillar.objects.all()}
        for code, contact in application.focal_points_by_pillar().items():
            if contact and code in pillars:
                FocalPoint.objects.get_or_create(
                    member=member,
                    pillar=pillars[code],
                    email=application.applicant_email,
                    defaults={"name": contact},
                )
        application.member = member
        application.status = self.Status.APPROVED
        application.decision_reason = reason
        application.save(update_fields=["member", "status", "decision_reason"])
        log(instance=application, action="iisg.membership.accepted", user=user,
            data={"member": member.name, "reason": reason})  # fmt: skip
        self.member, self.status = member, application.status
        return member

    @transaction.atomic
    def reject(self, user=None, reason=""):
        application = MembershipApplication.objects.select_for_update().get(pk=self.pk)
        application.status = self.Status.REJECTED
        application.decision_reason = reason
        application.save(update_fields=["status", "decision_reason"])
        log(instance=application, action="iisg.membership.rejected", user=user,
            data={"reason": reason})  # fmt: skip
        self.status, self.decision_reason = application.status, reason

    def tell_applicant(self):
        """Email the applicant the outcome."""
        if self.status == self.Status.APPROVED:
            subject = "Your IISG membership application is approved"
            body = (
                f"Dear {self.applicant_name},\n\nThe IISG Board has approved the membership of "
                f"{self.organisation}. The Secretariat will contact your focal points.\n\n"
                "IISG Secretariat"
            )
        else:
            subject = "Your IISG membership application"
            body = (
                f"Dear {self.applicant_name},\n\nThe IISG Board did not approve the membership "
                f"of {self.organisation} at this time.\n\nReason: {self.decision_reason}\n\n"
                "IISG Secretariat"
            )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [self.applicant_email])
        log(instance=self, action="iisg.notification.sent",
            data={"to": "applicant", "subject": subject})  # fmt: skip
