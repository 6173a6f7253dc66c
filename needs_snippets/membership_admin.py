"""Admin views of membership: an application's inspect view (focal points, signature block, the
Board's notification), notifying the Board of an EU JHA agency's application, a pillar's Support
Group, and how the membership log entries read."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter

from .models import BoardSeat, MembershipApplication
from .models.registries import MembershipBasis, long_date
from .models.support_groups import support_group_composition
from .views import InspectView

APPLICATION_INSPECT_FIELDS = [
    "organisation",
    "kind",
    "confirms_interest",
    "understands_information_sharing",
    "understands_no_sensitive_information",
    "focal_points",
    "applicant_name",
    "signatory_function",
    "signed_on",
    "signatory_entitled",
    "applicant_email",
    "procedure",
    "status",
    "board_notified_on",
    "decision_reason",
    "member",
    "submitted_at",
]


def yes_no(value):
    return _("Yes") if value else _("No: not confirmed")


class MembershipApplicationInspectView(InspectView):
    """The application as it stands (its latest revision): the Annex with each focal point's
    address and the signature block."""

    def get_object(self, queryset=None):
        return super().get_object(queryset).get_latest_revision_as_object()

    def get_field_label(self, field_name, field):
        if field_name == "focal_points":
            return _("Focal points")
        return super().get_field_label(field_name, field)

    def get_focal_points_display_value(self):
        contacts = list(self.object.focal_points.all())
        if not contacts:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong>: {}, {}, {}</li>",
                (
                    (
                        contact.pillar.code,
                        contact.name,
                        contact.email or _("no e-mail given"),
                        contact.phone or _("no telephone given"),
                    )
                    for contact in contacts
                ),
            ),
        )

    def get_signatory_entitled_display_value(self):
        return yes_no(self.object.signatory_entitled)

    def get_confirms_interest_display_value(self):
        return yes_no(self.object.confirms_interest)

    def get_understands_information_sharing_display_value(self):
        return yes_no(self.object.understands_information_sharing)

    def get_understands_no_sensitive_information_display_value(self):
        return yes_no(self.object.understands_no_sensitive_information)

    def get_board_notified_on_display_value(self):
        if not self.object.decided_by_notification:
            return _("Not applicable: the Board decides")
        if self.object.board_notified_on:
            return long_date(self.object.board_notified_on)
        return _("Not yet")


def notify_board_of_application(request, pk):
    """The Secretariat notifies the Board of an EU JHA agency's application: GET shows what
    will be sent to whom (and which seats cannot be reached); POST sends it, and the agency
    becomes a member."""
    application = get_object_or_404(MembershipApplication, pk=pk)
    if not request.user.has_perm("needs_snippets.change_membershipapplication"):
        raise PermissionDenied
    listing = redirect(MembershipApplication.snippet_viewset.get_url_name("list"))
    if not application.decided_by_notification or application.member_id:
        messages.warning(request, _nothing_to_notify(application))
        return listing
    if request.method != "POST":
        return _notification_preview(request, application)
    try:
        with transaction.atomic():
            outcome = application.notify_board(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return listing
    except OSError:  # the mail server refused: nothing was sent for sure, nothing recorded
        messages.error(
            request,
            _("The e-mails could not be sent, so nothing was recorded: try again later."),
        )
        return listing
    _say_who_was_notified(request, application, outcome)
    return listing


def _nothing_to_notify(application):
    """Why the Board is not notified of `application` (a second post, say, or another tab)."""
    if application.member_id:
        return _(
            "The Board was already notified of the application of %(organisation)s on "
            "%(day)s: %(organisation)s is an IISG member."
        ) % {
            "organisation": application.organisation,
            "day": long_date(application.board_notified_on)
            if application.board_notified_on
            else "-",
        }
    return _(
        "Only an EU JHA agency joins upon notification: the application of %(organisation)s "
        "is decided by the Board."
    ) % {"organisation": application.organisation}


def _notification_preview(request, application):
    """What will be sent to whom, and which seats no e-mail can reach."""
    seats = [(seat, list(seat.active_holders())) for seat in BoardSeat.objects.with_holders()]
    return TemplateResponse(
        request,
        "needs_snippets/notify_board_of_application.html",
        {
            "application": application,
            "annex_text": application.get_latest_revision_as_object().annex_text(),
            "seats": seats,
            "unreachable": [seat for seat, holders in seats if not any(h.email for h in holders)],
        },
    )


def _say_who_was_notified(request, application, outcome):
    """The Secretariat's messages after the notification: who was notified, who could not be."""
    messages.success(
        request,
        _(
            "The Board was notified of the application of %(organisation)s: %(count)s seats, "
            "%(recipients)s people. %(organisation)s is now an IISG member."
        )
        % {
            "organisation": application.organisation,
            "count": len(outcome.notified),
            "recipients": outcome.recipients,
        },
    )
    if not outcome.not_notified:
        return
    parts = []
    if outcome.vacant:
        parts.append(_("vacant: %s") % ", ".join(outcome.vacant))
    if outcome.without_email:
        parts.append(_("no e-mail address: %s") % ", ".join(outcome.without_email))
    messages.warning(
        request,
        _(
            "These seats could not be notified (%(seats)s). Send them the application "
            "yourself once they are held, and record their holders."
        )
        % {"seats": "; ".join(str(part) for part in parts)},
    )


class PillarInspectView(InspectView):
    """A pillar with its Support Group: lead and co-lead partners from the pillar's roles, the
    reviewer accounts from its Support Group user group."""

    EXTRA = {
        "support_group_leads": _("Lead partner"),
        "support_group_co_leads": _("Co-lead partners"),
        "support_group_former_leads": _("Former lead partners (members automatically)"),
        "support_group": _("Support Group user group"),
        "support_group_reviewers": _("Reviewers of the pillar's drafts"),
    }

    def get_fields(self):
        return ["code", "name", "scope", *self.EXTRA]

    def get_field_label(self, field_name, field):
        if field_name in self.EXTRA:
            return self.EXTRA[field_name]
        return super().get_field_label(field_name, field)

    def get_context_data(self, **kwargs):
        self.composition = support_group_composition(self.object)
        return super().get_context_data(**kwargs)

    @staticmethod
    def roles_list(roles):
        if not roles:
            return _("None recorded")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} ({})</li>",
                ((role.member.display_name, role.period_label) for role in roles),
            ),
        )

    def get_support_group_leads_display_value(self):
        return self.roles_list(self.composition.leads)

    def get_support_group_co_leads_display_value(self):
        return self.roles_list(self.composition.co_leads)

    def get_support_group_former_leads_display_value(self):
        return self.roles_list(self.composition.former_leads)

    def get_support_group_display_value(self):
        return self.composition.group.name if self.composition.group else _("None: set one")

    def get_support_group_reviewers_display_value(self):
        if not self.composition.reviewers:
            return _("Nobody: add accounts to the Support Group user group")

        def organisations(user):
            names = sorted({fp.member.display_name for fp in user.focal_points.all()})
            return ", ".join(names) or _("no organisation recorded")

        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} ({})</li>",
                (
                    (user.get_full_name() or user.get_username(), organisations(user))
                    for user in self.composition.reviewers
                ),
            ),
        )


class BoardNotifiedFormatter(LogFormatter):
    label = _("Board notified")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("Sent the application to %(count)s Board seats") % {
            "count": data.get("seats", "?")
        }
        not_notified = [*data.get("vacant_seats", []), *data.get("seats_without_email", [])]
        if not_notified:
            message += _("; not notified: %(seats)s") % {"seats": ", ".join(not_notified)}
        return message


class MembershipBasisFormatter(LogFormatter):
    label = _("Membership basis recorded")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        detail = f" ({data['detail']})" if data.get("detail") else ""
        basis = data.get("basis")
        label = MembershipBasis(basis).label if basis in MembershipBasis.values else None
        return _("Member as: %(basis)s%(detail)s") % {
            "basis": label or data.get("label", "?"),
            "detail": detail,
        }
