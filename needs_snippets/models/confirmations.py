"""A beneficiary partner's word on a response: its focal points confirm that the response
answers its need for it, or dispute it with a reason; the reporting member may answer.

A response *claims* coverage of a need for a partner when it answers the need and names the
partner among its beneficiaries; the coverage is *confirmed* when the partner confirmed that
claim (and the claim still stands: a confirmation of a link since removed counts for nothing).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .links import WBPartnerLink

DISPUTE_NEEDS_REASON = _("Say why the response does not answer the need: the reason is required.")


class ResponseConfirmation(WBPartnerLink):
    """One partner's confirmation or dispute of one response answering one of its needs."""

    class Verdict(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        DISPUTED = "disputed", _("Disputed")

    response = models.ForeignKey(
        "needs_snippets.Response", on_delete=models.CASCADE, related_name="confirmations"
    )
    need = models.ForeignKey(
        "needs_snippets.Need", on_delete=models.CASCADE, related_name="confirmations"
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.TextField(_("reporting member's answer"), blank=True)
    replied_at = models.DateTimeField(_("answered"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("partner's confirmation of a response")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "need", "partner"], name="response_confirmation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(verdict="confirmed") | ~models.Q(reason=""),
                name="response_dispute_has_reason",
                violation_error_message=DISPUTE_NEEDS_REASON,
            ),
            *WBPartnerLink.partner_constraints("response_confirmation"),
        ]

    def __str__(self):
        return f"{self.partner}: {self.get_verdict_display()} ({self.need.reference_code})"

    def clean(self):
        super().clean()
        if self.verdict == self.Verdict.DISPUTED and not self.reason.strip():
            raise ValidationError({"reason": DISPUTE_NEEDS_REASON})

    @property
    def is_confirmed(self):
        return self.verdict == self.Verdict.CONFIRMED
