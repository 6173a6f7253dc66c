"""Partners confirm or dispute responses; reporting members answer.

Contract:
- `decide(user, response, need, partner, verdict, reason)`: only a focal point of `partner`
  (the beneficiary Western Balkans partner) may, only for a response it may see that claims
  to answer `need` for `partner` (the response answers the need, names the partner among its
  beneficiaries, and the partner identified the need). A dispute needs its reason. Deciding
  again replaces the decision (and the answer to the previous one).
- `answer(user, confirmation, text)`: only a focal point of the reporting member.
Each decision and answer is in the response's history (audit log), and the other side is
e-mailed once the transaction commits.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.letters import ANSWERS, DISPUTES, OUTCOMES, send_to_people

from .models import (
    FocalPoint,
    NeedPartner,
    Response,
    ResponseBeneficiary,
    ResponseConfirmation,
    ResponseNeed,
)
from .permissions import member_ids_of, visible_responses

CONFIRMED = "iisg.response.confirmed"
DISPUTED = "iisg.response.disputed"
ANSWERED = "iisg.response.dispute_answered"


#: The longest reason or answer kept.
MAX_TEXT = 4000


def storable(text):
    """`text` stripped, or ValidationError when it cannot be stored as it is."""
    text = (text or "").strip()
    if "\x00" in text:
        raise ValidationError(_("The text contains a NUL character: remove it."))
    if len(text) > MAX_TEXT:
        raise ValidationError(
            _("Keep it to %(count)s characters: it has %(length)s.")
            % {"count": MAX_TEXT, "length": len(text)}
        )
    return text


def claims(response, need, partner):
    """Does `response` claim to answer `need` for `partner`?"""
    return (
        ResponseNeed.objects.filter(response=response, need=need).exists()
        and ResponseBeneficiary.objects.filter(response=response, partner=partner).exists()
        and NeedPartner.objects.filter(need=need, partner=partner).exists()
    )


def may_confirm_for(user, partner):
    """Only the focal points of the beneficiary partner confirm for it."""
    return user.is_active and partner.pk in member_ids_of(user)


def decide(user, response, need, partner, verdict, reason=""):
    """Record `partner`'s confirmation or dispute (see the module's contract)."""
    if not may_confirm_for(user, partner):
        raise PermissionDenied(
            _("Only the focal points of %(partner)s confirm responses for it.")
            % {"partner": partner.display_name}
        )
    if not visible_responses(user, Response.objects.filter(pk=response.pk)).exists():
        raise PermissionDenied(_("You may not see this response."))
    reason = storable(reason)
    if verdict not in ResponseConfirmation.Verdict.values:
        raise ValidationError(_("Choose to confirm or to dispute."))
    if verdict == ResponseConfirmation.Verdict.DISPUTED and not reason:
        raise ValidationError(
            _("Say why the response does not answer the need: the reason is required.")
        )
    if not claims(response, need, partner):
        raise ValidationError(
            _("“%(response)s” does not claim to answer %(need)s for %(partner)s: there is "
              "nothing to confirm.")
            % {"response": response.title, "need": need.reference_code,
               "partner": partner.display_name}
        )  # fmt: skip
    try:
        with transaction.atomic():
            return _record(user, response, need, partner, verdict, reason)
    except IntegrityError:  # another focal point recorded it at the same moment: replace it
        with transaction.atomic():
            return _record(user, response, need, partner, verdict, reason)


def _record(user, response, need, partner, verdict, reason):
    Response.objects.select_for_update().filter(pk=response.pk).first()  # one at a time
    confirmation, _created = ResponseConfirmation.objects.update_or_create(
        response=response,
        need=need,
        partner=partner,
        defaults={
            "verdict": verdict,
            "reason": "" if verdict == ResponseConfirmation.Verdict.CONFIRMED else reason,
            "decided_by": user,
            "decided_at": timezone.now(),
            "reply": "",
            "replied_by": None,
            "replied_at": None,
        },
    )
    action = CONFIRMED if confirmation.is_confirmed else DISPUTED
    log(
        response,
        action,
        user=user,
        data={"need": need.reference_code, "partner": partner.country_code, "reason": reason},
    )
    recipients = focal_point_accounts(response.reporting_member_id)
    transaction.on_commit(lambda: tell_reporting_member(confirmation, recipients))
    return confirmation


def answer(user, confirmation, text):
    """The reporting member's answer to a partner's decision (see the module's contract)."""
    response = confirmation.response
    if response.reporting_member_id not in member_ids_of(user):
        raise PermissionDenied(
            _("Only the focal points of %(member)s answer for it.")
            % {"member": response.reporting_member.display_name}
        )
    text = storable(text)
    if not text:
        raise ValidationError(_("Write your answer first."))
    with transaction.atomic():
        locked = ResponseConfirmation.objects.select_for_update().get(pk=confirmation.pk)
        locked.reply, locked.replied_by, locked.replied_at = text, user, timezone.now()
        locked.save(update_fields=["reply", "replied_by", "replied_at"])
        log(
            response,
            ANSWERED,
            user=user,
            data={"need": locked.need.reference_code, "partner": locked.partner.country_code},
        )
        recipients = focal_point_accounts(locked.partner_id)
        transaction.on_commit(lambda: tell_partner(locked, recipients))
    return locked


def focal_point_accounts(member_id):
    """The ids of the member's focal points' active accounts with an e-mail address."""
    return sorted(
        set(
            FocalPoint.objects.filter(member_id=member_id, user__is_active=True)
            .exclude(user__email="")
            .values_list("user_id", flat=True)
        )
    )


def members_area_link():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/members/"


def tell_reporting_member(confirmation, recipients):
    """The reporting member's focal points hear of the partner's decision, each in their
    language."""
    placeholders = {
        "partner": confirmation.partner.display_name,
        "response": confirmation.response.title,
        "need": confirmation.need.reference_code,
    }

    def compose():
        if confirmation.is_confirmed:
            subject = _("IISG: %(partner)s confirmed “%(response)s”") % placeholders
            lines = [
                _("%(partner)s confirmed that “%(response)s” answers its need %(need)s.")
                % placeholders
            ]
        else:
            subject = _("IISG: %(partner)s disputed “%(response)s”") % placeholders
            lines = [
                _("%(partner)s disputed that “%(response)s” answers its need %(need)s.")
                % placeholders,
                _("Its reason: %(reason)s") % {"reason": confirmation.reason},
                _("You can answer on the response's page in the members area."),
            ]
        return subject, "\n\n".join([*lines, members_area_link(), _("IISG Secretariat")])

    send_to_people(recipients, compose, OUTCOMES if confirmation.is_confirmed else DISPUTES)


def tell_partner(confirmation, recipients):
    """The partner's focal points hear the reporting member's answer, each in their
    language."""
    placeholders = {
        "response": confirmation.response.title,
        "reporting": confirmation.response.reporting_member.display_name,
    }

    def compose():
        subject = _("IISG: %(reporting)s answered about “%(response)s”") % placeholders
        body = "\n\n".join(
            [
                _("%(reporting)s answered your decision on “%(response)s”:") % placeholders,
                confirmation.reply,
                members_area_link(),
                _("IISG Secretariat"),
            ]
        )
        return subject, body

    send_to_people(recipients, compose, ANSWERS)
