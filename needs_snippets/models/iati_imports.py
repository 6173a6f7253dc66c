"""Activities a member imported from an IATI file, waiting to become responses.

An upload keeps the activities for Western Balkans recipients as *candidate responses*, one per
organisation and IATI identifier (a re-import updates it), each with the needs it most likely
answers. The member reviews each: accepted with the needs it chooses, it becomes a response;
rejected, it stays out. Nothing becomes a response without that review.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.model_fields import acting_user, optional_link


class CandidateResponse(models.Model):
    """One imported IATI activity, before (or after) the member's review."""

    class Status(models.TextChoices):
        """The member's review: accepting the activity makes it a response."""

        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted as a response")
        REJECTED = "rejected", _("Rejected")

    member = models.ForeignKey(
        "needs_snippets.Member", on_delete=models.CASCADE, related_name="candidate_responses"
    )
    iati_identifier = models.CharField(_("IATI activity identifier"), max_length=150)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    recipient_countries = models.JSONField(_("recipient countries"), default=list)
    sector = models.CharField(_("sector"), max_length=5, blank=True)
    activity_status = models.PositiveSmallIntegerField(_("activity status"), null=True)
    roles = models.JSONField(
        _("the member's IATI roles"),
        default=list,
        help_text=_("OrganisationRole codes the file gives the member (by its identifier)."),
    )
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    suggestions = models.JSONField(
        _("suggested needs"),
        default=list,
        help_text=_("[{need, score}], the likeliest first."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    response = optional_link(
        "needs_snippets.Response", field=models.OneToOneField, related_name="imported_from"
    )
    file_name = models.CharField(_("imported from"), max_length=255)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)
    imported_by = acting_user(blank=False)

    class Meta:
        ordering = ["status", "title"]
        verbose_name = _("candidate response from IATI")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "iati_identifier"], name="candidate_response_unique"
            )
        ]

    def __str__(self):
        return f"{self.iati_identifier} {self.title}"
