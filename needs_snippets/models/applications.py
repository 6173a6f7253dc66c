"""Membership applications: the Annex of the membership methodology, decided by workflow,
or, for EU JHA agencies, upon notification to the Board."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.letters import addresses_by_language, subject_line
from cms.model_fields import optional_link
from cms.panels import InlinePanel
from workflows.models.keys import keyed_workflow

from ..board_notices import BoardNotification, BoardNotReachable
from .board import BoardSeat
from .registries import FocalPoint, Member, MemberKind, MembershipBasis, Pillar, long_date

#: The stable keys of the two membership workflows (workflows.models.keys); their names are
#: the Secretariat's to change.
MEETING_WORKFLOW = "membership-board-meeting"
SILENT_WORKFLOW = "membership-silent-procedure"


class MembershipApplication(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """An expression of interest to become an IISG member, as filed with the Annex form."""

    class Status(models.TextChoices):
        """Where the application stands: approved (the organisation becomes a member) by the
        Board's decision, or upon notification to the Board for an EU JHA agency; or
        rejected."""

        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved: now a member")
        REJECTED = "rejected", _("Rejected")

    class Procedure(models.TextChoices):
        """How the Board decides: the seats' unanimity at a meeting, or a silent written
        procedure that one seat's objection before the deadline ends."""

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
    # The Annex's signature block: name, function, signed, date.
    applicant_name = models.CharField(_("name of the signatory"), max_length=255)
    signatory_function = models.CharField(
        _("function of the signatory"),
        max_length=255,
        help_text=_("The signatory's position in the organisation."),
    )
    signatory_entitled = models.BooleanField(
        _("the signatory is entitled to sign on behalf of the organisation"),
        default=False,
    )
    signed_on = models.DateField(_("date of signature"), default=timezone.localdate)
    applicant_email = models.EmailField(
        _("e-mail for the reply"),
        help_text=_("Where the Secretariat writes about this application."),
    )
    applicant_language = models.CharField(
        _("language of the reply"),
        max_length=16,
        blank=True,
        editable=False,
        help_text=_("The language the application was filed in: the reply's."),
    )
    board_notified_on = models.DateField(
        _("Board notified on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("EU JHA agencies: the day the application was sent to the Board's seats."),
    )
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
    member = optional_link(
        Member,
        field=models.OneToOneField,
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
        InlinePanel(
            "focal_points",
            heading=_("Focal points in the pillars of the Support Group"),
            label=_("Focal point"),
            min_num=1,
            help_text=_("One focal point per pillar at most, each with their own address."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("applicant_name"), FieldPanel("signatory_function")]),
                FieldRowPanel([FieldPanel("signed_on"), FieldPanel("signatory_entitled")]),
            ],
            heading=_("Signature"),
        ),
        FieldPanel("applicant_email"),
        FieldPanel("procedure"),
    ]

    #: Set at filing and by the decisions (accept, reject, notify_board), never by an edit:
    #: a revision saved before a decision and published after it keeps the decision.
    DECIDED_FIELDS = (
        "submitted_at", "applicant_language", "status", "decision_reason", "member",
        "board_notified_on",
    )  # fmt: skip

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("membership application")

    def __str__(self):
        return self.organisation

    def with_content_json(self, content):
        """The application as a revision holds it, with its decision as it stands."""
        obj = super().with_content_json(content)
        for name in self.DECIDED_FIELDS:
            attname = self._meta.get_field(name).attname
            setattr(obj, attname, getattr(self, attname))
        return obj

    @property
    def decided_by_notification(self):
        """EU JHA agencies join upon notification to the Board, without a vote."""
        return self.kind == MemberKind.EU_JHA_AGENCY

    def get_decision_seats(self):
        """Workflow protocol: the Board's seats decide on membership, one vote each."""
        from .board import BoardSeat

        return BoardSeat.objects.with_holders()

    def get_workflow(self):
        """The Board decides at a meeting or by silent procedure, as chosen per application."""
        if self.decided_by_notification:
            return None
        key = SILENT_WORKFLOW if self.procedure == self.Procedure.SILENT else MEETING_WORKFLOW
        return keyed_workflow(key)

    def clean(self):
        super().clean()
        if self.signed_on and self.signed_on > timezone.localdate():
            raise ValidationError(
                {"signed_on": _("The date of signature cannot be in the future.")}
            )

    @transaction.atomic
    def accept(self, user=None, reason=""):
        """Make the organisation a member, with each focal point's own name, e-mail and
        telephone, joining today, and return it; None, and nothing changed, when the
        application was already accepted (a second approval decides nothing new)."""
        application = MembershipApplication.objects.select_for_update().get(pk=self.pk)
        if application.member_id:
            return None
        member, created = Member.objects.get_or_create(
            name=application.organisation,
            defaults={
                "kind": application.kind,
                "joined": timezone.localdate(),
                "membership_basis": MembershipBasis.BOARD_APPROVAL,
            },
        )
        incomplete = []
        for contact in application.focal_points.select_related("pillar"):
            if not contact.email:  # moved from the former name-only fields, never completed
                incomplete.append(contact.pillar.code)
                continue
            FocalPoint.objects.get_or_create(
                member=member,
                pillar=contact.pillar,
                email=contact.email,
                defaults={"name": contact.name, "phone": contact.phone},
            )
        application.member = member
        application.status = self.Status.APPROVED
        application.decision_reason = reason
        application.save(update_fields=["member", "status", "decision_reason"])
        if not created and member.status != Member.Status.ACTIVE:
            Member.objects.filter(pk=member.pk).update(status=Member.Status.ACTIVE)
        member.refresh_membership_basis(user=user)
        log(instance=application, action="iisg.membership.accepted", user=user,
            data={"member": member.name, "reason": reason,
                  "focal_points_without_email": incomplete})  # fmt: skip
        self.member, self.status = member, application.status
        self.decision_reason = reason
        return member

    @transaction.atomic
    def reject(self, user=None, reason=""):
        """Record the Board's rejection; False, and nothing changed, when the application was
        already accepted (its organisation is a member: a later decision does not undo it)."""
        application = MembershipApplication.objects.select_for_update().get(pk=self.pk)
        if application.member_id:
            return False
        application.status = self.Status.REJECTED
        application.decision_reason = reason
        application.save(update_fields=["status", "decision_reason"])
        log(instance=application, action="iisg.membership.rejected", user=user,
            data={"reason": reason})  # fmt: skip
        self.status, self.decision_reason = application.status, reason
        return True

    def tell_applicant(self):
        """Email the applicant the outcome, in the language they applied in: what the Board
        decided or, for an EU JHA agency, that the Board was notified (the Board does not
        decide on those)."""
        language = self.applicant_language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = self._outcome_letter()
        EmailMessage(
            subject_line(subject), body, settings.DEFAULT_FROM_EMAIL, [self.applicant_email],
            headers={"Content-Language": language},
        ).send()  # fmt: skip
        with translation.override(settings.LANGUAGE_CODE):  # the audit log's is English
            subject, _body = self._outcome_letter()
        log(instance=self, action="iisg.notification.sent",
            data={"to": "applicant", "subject": subject})  # fmt: skip

    def _outcome_letter(self):
        """(subject, body) of the e-mail telling the applicant the outcome, in the active
        language."""
        placeholders = {
            "name": self.applicant_name,
            "organisation": self.organisation,
            "reason": self.decision_reason,
        }
        if self.status == self.Status.APPROVED and self.board_notified_on:
            subject = gettext("Your IISG membership: the IISG Board was notified")
            body = gettext(
                "Dear %(name)s,\n\nThe IISG Board was notified of your application on "
                "%(day)s; %(organisation)s is now an IISG member. The Secretariat will contact "
                "your focal points.\n\nIISG Secretariat"
            ) % {**placeholders, "day": long_date(self.board_notified_on)}
        elif self.status == self.Status.APPROVED:
            subject = gettext("Your IISG membership application is approved")
            body = (
                gettext(
                    "Dear %(name)s,\n\nThe IISG Board has approved the membership of "
                    "%(organisation)s. The Secretariat will contact your focal points.\n\n"
                    "IISG Secretariat"
                )
                % placeholders
            )
        else:
            subject = gettext("Your IISG membership application")
            body = (
                gettext(
                    "Dear %(name)s,\n\nThe IISG Board did not approve the membership of "
                    "%(organisation)s at this time.\n\nReason: %(reason)s\n\nIISG Secretariat"
                )
                % placeholders
            )
        return subject, body

    # The Annex as text, for the Board.

    CONFIRMATIONS = ("confirms_interest", "understands_information_sharing",
                     "understands_no_sensitive_information")  # fmt: skip

    def annex_text(self):
        """The application as filed with the Annex form, in plain text."""

        def yes_no(value):
            return gettext("yes") if value else gettext("NO")

        lines = [
            gettext("Application of interest to become an IISG member"),
            "",
            gettext("Name of the country/organisation: %(organisation)s")
            % {"organisation": self.organisation},
            gettext("Kind: %(kind)s") % {"kind": self.get_kind_display()},
            "",
        ]
        for name in self.CONFIRMATIONS:
            label = str(self._meta.get_field(name).verbose_name)
            lines.append(f"{label[0].upper()}{label[1:]}: {yes_no(getattr(self, name))}")
        lines += ["", gettext("Focal points in the pillars of the Support Group:")]
        contacts = {fp.pillar_id: fp for fp in self.focal_points.all()}
        for pillar in Pillar.objects.all():
            contact = contacts.get(pillar.pk)
            detail = (
                ", ".join(v for v in (contact.name, contact.email, contact.phone) if v)
                if contact
                else gettext("none")
            )
            lines.append(f"- {pillar.code}: {detail}")
        lines += [
            "",
            gettext("Name of the signatory: %(name)s") % {"name": self.applicant_name},
            gettext("Function: %(function)s")
            % {"function": self.signatory_function or gettext("not given")},
            gettext("Date of signature: %(day)s") % {"day": long_date(self.signed_on)},
            gettext("The signatory is entitled to sign on behalf of the organisation: %(answer)s")
            % {"answer": yes_no(self.signatory_entitled)},
            gettext("E-mail for the reply: %(email)s") % {"email": self.applicant_email},
        ]
        return "\n".join(lines)

    def _board_notice(self):
        """(subject, body) of the notification of this application to the Board, in the
        active language; the Annex's entries are quoted as filed."""
        subject = gettext("IISG membership: notification of %(organisation)s") % {
            "organisation": self.organisation
        }
        body = gettext(
            "Dear member of the IISG Board,\n\nUnder the IISG membership methodology, an EU "
            "Justice and Home Affairs agency becomes an IISG member upon notification to the "
            "Board; the Board does not vote on it. The IISG Secretariat hereby notifies you of "
            "the application of %(organisation)s, as filed with the Annex form:\n\n"
            "%(annex)s\n\nIISG Secretariat"
        ) % {"organisation": self.organisation, "annex": self.annex_text()}
        return subject, body

    @transaction.atomic
    def notify_board(self, user=None, connection=None):
        """EU JHA agencies join upon notification to the Board: send the application to the
        active holders of every Board seat (one e-mail per seat and language, each holder's),
        record it with the seats notified and those that could not be, make the agency a
        member and tell the applicant that the Board was notified. Nothing is sent or recorded
        when no seat can be reached.
        """
        application = MembershipApplication.objects.select_for_update().get(pk=self.pk)
        if not application.decided_by_notification or application.member_id:
            raise ValidationError(_("Only a pending EU JHA agency joins upon notification."))
        # The form as the Secretariat holds it: its latest revision becomes the live record.
        revision = application.get_latest_revision()
        if revision is not None and application.live_revision_id != revision.pk:
            revision.publish(user=user, skip_permission_checks=True)
            application = MembershipApplication.objects.get(pk=self.pk)

        outcome = BoardNotification(day=timezone.localdate())
        messages = application._board_messages(outcome)
        if not messages:
            raise BoardNotReachable(outcome)
        (connection or get_connection()).send_messages(messages)
        application._record_board_notification(outcome, user)
        transaction.on_commit(application.tell_applicant)
        self.refresh_from_db()
        return outcome

    def _board_messages(self, outcome):
        """The notices to the Board's seats on `outcome.day`, one per seat and language of its
        active holders; `outcome` notes each seat as notified, vacant or without e-mail, and
        counts the recipients."""
        messages = []
        for seat in BoardSeat.objects.with_holders():
            holders = list(seat.active_holders(outcome.day))
            by_language = addresses_by_language(holders)
            if not holders:
                outcome.vacant.append(str(seat))
            elif not by_language:
                outcome.without_email.append(str(seat))
            else:
                outcome.notified.append(str(seat))
                for language, addresses in by_language.items():
                    outcome.recipients += len(addresses)
                    with translation.override(language):
                        subject, body = self._board_notice()
                    messages.append(
                        EmailMessage(
                            subject_line(subject), body, settings.DEFAULT_FROM_EMAIL, addresses,
                            headers={"Content-Language": language},
                        )
                    )  # fmt: skip
        return messages

    def _record_board_notification(self, outcome, user):
        """The notification sent: its day kept, logged with the seats it reached and did not,
        and the agency accepted as a member."""
        self.board_notified_on = outcome.day
        self.save(update_fields=["board_notified_on"])
        log(instance=self, action="iisg.membership.board_notified", user=user,
            data={"seats": len(outcome.notified), "notified_seats": outcome.notified,
                  "vacant_seats": outcome.vacant,
                  "seats_without_email": outcome.without_email,
                  "recipients": outcome.recipients})  # fmt: skip
        self.accept(
            user=user,
            reason=f"EU JHA agency: joined upon notification to the Board on "
            f"{long_date(outcome.day)} ({len(outcome.notified)} seats notified).",
        )
        self.refresh_from_db()
