"""Filled consultation templates brought back into the secure database."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.jobs import LeasedJob
from cms.model_fields import acting_user, optional_link

from .cycles import MappingCycle


class TemplateImport(LeasedJob):
    """One uploaded template: checked row by row first, applied only when the whole file is
    valid and the Secretariat confirms. The file is kept in a private collection.

    `report` holds the check's outcome: counts of rows to create, update and leave unchanged,
    the planned changes, and each error with its sheet, row, column and what to fix.

    Checking and applying are leased jobs (cms/jobs.py): a stopped worker's job is re-queued,
    and the status says which of the two to redo.
    """

    class Kind(models.TextChoices):
        """Which template the file is, and so which checks and which writes apply."""

        NEEDS = "needs", _("Needs template (a pillar, for one partner)")
        RESPONSES = "responses", _("Responses template (one member)")
        REVIEW = "review", _("Review template (a pillar, for an international partner)")

    class Status(models.TextChoices):
        """Where the import stands: only a ready import is applied; an invalid or failed one
        wrote nothing."""

        CHECKING = "checking", _("Being checked")
        INVALID = "invalid", _("Has errors: nothing was written")
        READY = "ready", _("Checked: waiting for confirmation")
        APPLYING = "applying", _("Being applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed: nothing was written")

    cycle = models.ForeignKey(
        MappingCycle, null=True, on_delete=models.CASCADE, related_name="template_imports"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, blank=True)
    pillar = optional_link("needs_snippets.Pillar", blank=False, related_name="+")
    member = optional_link(
        "needs_snippets.Member",
        blank=False,
        related_name="template_imports",
        help_text=_("The partner (needs template) or member (responses template) it is from."),
    )
    document = optional_link("wagtaildocs.Document", blank=False, related_name="+")
    filename = models.CharField(_("file"), max_length=255)
    uploaded_by = acting_user(blank=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKING)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    overwrite_conflicts = models.BooleanField(
        default=False,
        help_text=_(
            "The Secretariat chose to apply rows whose entries changed in the database after "
            "the template was downloaded."
        ),
    )
    applied_by = acting_user(
        blank=False,
        help_text=_("Who confirmed the changes (they are written in their name)."),
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("template import")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def progress(self):
        """Share of the rows done, 0 to 100."""
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    busy_statuses = (Status.CHECKING, Status.APPLYING)

    def enqueue_task(self):
        from ..consultation import tasks

        if self.status == self.Status.APPLYING:
            return tasks.apply_import_task.enqueue(self.pk)
        return tasks.check_import_task.enqueue(self.pk)

    def give_up(self, reason):
        doing = _("Applying") if self.status == self.Status.APPLYING else _("Checking")
        TemplateImport.objects.filter(pk=self.pk).update(
            status=self.Status.FAILED, failure_reason=f"{doing}: {reason}", heartbeat_at=None
        )
