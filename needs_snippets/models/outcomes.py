"""What became of a need of an edition that the next edition does not continue: met (with
the evidence and the responses that met it) or dropped (with the reason). The Secretariat
records it while the next edition is formulated; the need itself, adopted and read-only,
is not changed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from cms.model_fields import acting_user
from cms.panels import MultipleChooserPanel

from .needs import Need


class NeedOutcome(ClusterableModel):
    """The outcome of one need of an earlier edition."""

    class Outcome(models.TextChoices):
        MET = "met", _("Met")
        DROPPED = "dropped", _("Dropped")

    need = models.OneToOneField(
        Need,
        on_delete=models.CASCADE,
        related_name="outcome",
        verbose_name=_("need"),
        help_text=_("A need of an earlier edition that the new edition does not continue."),
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("Met: what shows that the need is met (a law adopted, a unit set up…)."),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Dropped: why the new edition does not carry it on."),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = acting_user()

    panels = [
        FieldPanel("need"),
        FieldPanel("outcome"),
        FieldPanel("evidence"),
        FieldPanel("reason"),
        MultipleChooserPanel(
            "response_links",
            chooser_field_name="response",
            heading=_("Responses that met it"),
            label=_("Response"),
            help_text=_("Met: the responses answering this need that met it."),
        ),
    ]

    class Meta:
        ordering = ["need__reference_code"]
        verbose_name = _("need outcome")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="met") | ~models.Q(reason=""),
                name="need_outcome_dropped_has_reason",
                violation_error_message=_("Say why the need is dropped."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="dropped") | ~models.Q(evidence=""),
                name="need_outcome_met_has_evidence",
                violation_error_message=_("Give the evidence that the need is met."),
            ),
        ]

    def __str__(self):
        return f"{self.need.reference_code}: {self.get_outcome_display()}"

    def clean(self):
        super().clean()
        if self.outcome == self.Outcome.MET and not self.evidence.strip():
            raise ValidationError({"evidence": _("Give the evidence that the need is met.")})
        if self.outcome == self.Outcome.DROPPED and not self.reason.strip():
            raise ValidationError({"reason": _("Say why the need is dropped.")})


class NeedOutcomeResponse(models.Model):
    """A response that met the need of an outcome."""

    outcome = ParentalKey(NeedOutcome, on_delete=models.CASCADE, related_name="response_links")
    response = models.ForeignKey(
        "needs_snippets.Response",
        on_delete=models.CASCADE,
        related_name="outcome_links",
        verbose_name=_("response"),
    )

    panels = [FieldPanel("response")]

    class Meta:
        verbose_name = _("response that met the need")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "response"], name="need_outcome_response_unique"
            )
        ]

    def __str__(self):
        return str(self.response)
