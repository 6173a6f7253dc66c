"""International partners' validations: what a member that is not a Western Balkans partner
says of a need through its review template (validated or not, a comment, support offered)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.model_fields import acting_user

from .needs import Need
from .registries import MemberKind


class NeedReview(models.Model):
    """One member's validation of one need, as its latest review template said it."""

    class Verdict(models.TextChoices):
        VALIDATED = "validated", _("Validated")
        WITH_CHANGES = "with_changes", _("Validated with changes (see the comment)")
        NOT_VALIDATED = "not_validated", _("Not validated (see the comment)")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(
        "needs_snippets.Member",
        on_delete=models.CASCADE,
        related_name="need_reviews",
        limit_choices_to=~models.Q(kind=MemberKind.WB_PARTNER),
        verbose_name=_("member"),
    )
    verdict = models.CharField(_("validation"), max_length=16, choices=Verdict.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    support = models.TextField(
        _("support offered"),
        blank=True,
        help_text=_("Expertise, funding or activities the member could offer for this need."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = acting_user()

    class Meta:
        ordering = ["need__reference_code", "member__name"]
        verbose_name = _("validation by an international partner")
        verbose_name_plural = _("validations by international partners")
        constraints = [
            models.UniqueConstraint(fields=["need", "member"], name="need_review_per_member")
        ]

    def __str__(self):
        return f"{self.member}: {self.get_verdict_display() or _('no validation')}"

    def clean(self):
        super().clean()
        if self.member_id and self.member.kind == MemberKind.WB_PARTNER:
            raise ValidationError(
                {"member": _("Western Balkans partners identify needs in their own template.")}
            )
