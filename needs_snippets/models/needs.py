"""Needs: what a Western Balkans partner lacks, mapped along pillar, axis and area."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.model_fields import optional_link
from cms.panels import InlinePanel

from ..constants import KOSOVO_FOOTNOTE
from ..locks import (
    APPROVED_NEED_IS_READ_ONLY,
    ApprovedNeedIsReadOnly,
    BoardDecisionLock,
    NeedsLockedByTheBoard,
    board_vote_since,
)
from ..querysets import NeedPartnerQuerySet, NeedQuerySet, regional_threshold
from .cycles import needs_edition_key
from .hierarchy import Measure
from .links import WBPartnerLink
from .registries import MemberKind, axis_of_pillar_key


class Need(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A need of the Western Balkans: the state of play, the gap, what to do and when.

    The reference code is unique within its cycle and is the natural key for imports.
    A need is regional when at least IISG_REGIONAL_THRESHOLD partners identified it.
    """

    class Status(models.TextChoices):
        """The need's standing in its edition: approved when the Board adopts the report (and
        read-only from then on); a withdrawn need stays out of the report and its comparison."""

        PROPOSED = "proposed", _("Proposed")
        VALIDATED = "validated", _("Validated in consultations")
        APPROVED = "approved", _("Approved by the Board")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Timeframe(models.TextChoices):
        """When the action is needed: the template's Timeframe list."""

        SHORT = "short", _("Short term (within a year)")
        MEDIUM = "medium", _("Medium term (one to three years)")
        LONG = "long", _("Long term (more than three years)")

    cycle = needs_edition_key(related_name="needs", verbose_name=_("cycle"))
    reference_code = models.CharField(
        _("reference code"),
        max_length=32,
        help_text=_("Unique within the cycle, e.g. WBCTi-PRV-LEG-01. Imports match on it."),
    )
    title = models.CharField(_("title"), max_length=255)
    pillar = models.ForeignKey(
        "needs_snippets.Pillar", on_delete=models.PROTECT, related_name="needs"
    )
    axis = axis_of_pillar_key(related_name="needs")
    measure = models.ForeignKey(
        Measure,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
        verbose_name=_("measure"),
        help_text=_(
            "A measure of the pillar's axis in this edition. Left empty, the need waits under "
            "the axis's Unclassified measure for the Secretariat to place it."
        ),
    )
    area = models.ForeignKey("needs_snippets.Area", on_delete=models.PROTECT, related_name="needs")
    state_of_play = models.TextField(_("state of play"), help_text=_("WHAT is the situation now."))
    gap = models.TextField(_("gap"), help_text=_("WHERE and WHICH the gap is."))
    action_needed = models.TextField(_("action needed"), help_text=_("WHAT needs to be done."))
    timeframe = models.CharField(
        _("timeframe"),
        max_length=8,
        choices=Timeframe.choices,
        help_text=_("WHEN it needs to be done."),
    )
    # Read-only: a need's partners are edited as its `partner_links`, each with its own detail.
    partners = models.ManyToManyField(
        "needs_snippets.Member",
        through="needs_snippets.NeedPartner",
        related_name="needs",
        limit_choices_to={"kind": MemberKind.WB_PARTNER},
        verbose_name=_("partners that identified it"),
        help_text=KOSOVO_FOOTNOTE,
    )
    second_pillar = optional_link(
        "needs_snippets.Pillar",
        on_delete=models.PROTECT,
        related_name="touching_needs",
        verbose_name=_("second pillar"),
        help_text=_(
            "Another pillar the need touches (e.g. arms trafficking: WBCTi and WBCSCi). The need "
            "is counted once, under its pillar."
        ),
    )
    sources = ParentalManyToManyField(
        "needs_snippets.StrategicDocument",
        blank=True,
        related_name="needs",
        verbose_name=_("sources"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    predecessor = optional_link(
        "self",
        on_delete=models.PROTECT,
        related_name="successors",
        verbose_name=_("predecessor"),
        help_text=_(
            "The need of an earlier edition this one continues, when its reference code "
            "changed. A need with the same code in the earlier edition continues it anyway."
        ),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="need")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="need",
        for_concrete_model=False,
    )

    objects = NeedQuerySet.as_manager()

    search_fields = [
        index.SearchField("reference_code", boost=3),
        index.AutocompleteField("reference_code"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("state_of_play"),
        index.SearchField("gap"),
        index.SearchField("action_needed"),
        index.FilterField("id"),
        index.FilterField("cycle"),
        index.FilterField("pillar"),
        index.FilterField("axis"),
        index.FilterField("area"),
        index.FilterField("measure"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("cycle", widget=forms.Select), FieldPanel("reference_code")]),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pillar", widget=forms.Select),
                        FieldPanel("axis", widget=forms.Select),
                        FieldPanel("area", widget=forms.Select),
                    ]
                ),
                FieldPanel("measure"),
            ],
            heading=_("Mapping"),
        ),
        FieldPanel("state_of_play"),
        FieldPanel("gap"),
        FieldPanel("action_needed"),
        FieldPanel("timeframe"),
        InlinePanel(
            "partner_links",
            heading=_("Partners that identified it"),
            label=_("Partner"),
            help_text=format_lazy(
                "{} {}",
                _(
                    "Each partner with its own state of play, where and when, and status. A "
                    "need is regional while at least three partners' needs are neither met nor "
                    "withdrawn."
                ),
                KOSOVO_FOOTNOTE,
            ),
        ),
        FieldPanel("second_pillar", widget=forms.Select),
        FieldPanel("sources"),
        FieldPanel("status"),
        FieldPanel("predecessor"),
    ]

    class Meta:
        ordering = ["cycle", "pillar__sort_order", "reference_code"]
        verbose_name = _("need")
        # Lists in code order (the members' lists, the API, the overlaps list) walk this index
        # and stop at the page's end.
        indexes = [models.Index(fields=["reference_code", "id"], name="need_code_order")]
        constraints = [
            # A draft may be saved before its code is chosen (Wagtail defers required fields
            # on drafts): codes left empty never collide; publishing asks for one.
            models.UniqueConstraint(
                fields=["cycle", "reference_code"],
                condition=~models.Q(reference_code=""),
                name="need_reference_code_unique_per_cycle",
                violation_error_message=_(
                    "Another need of this cycle already has this reference code: "
                    "choose a different code."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.reference_code} {self.title}"

    def clean(self):
        super().clean()
        if self.stored_is_read_only():
            raise ValidationError(APPROVED_NEED_IS_READ_ONLY)
        if self.axis_id and self.pillar_id and self.axis.pillar_id != self.pillar_id:
            raise ValidationError(
                {
                    "axis": _(
                        "The axis “%(axis)s” belongs to another pillar: choose an axis of "
                        "%(pillar)s, or change the pillar."
                    )
                    % {"axis": self.axis.name, "pillar": self.pillar.code}
                }
            )
        if self.axis_id and self.cycle_id:
            self.clean_measure()
        if self.predecessor_id and self.cycle_id:
            self.clean_predecessor()
        if self.second_pillar_id and self.second_pillar_id == self.pillar_id:
            raise ValidationError(
                {"second_pillar": _("The second pillar is another pillar than the need's own: "
                                    "choose a different one, or leave it empty.")}
            )  # fmt: skip

    def clean_predecessor(self):
        earlier = self.predecessor.cycle
        if earlier.period_start >= self.cycle.period_start:
            raise ValidationError(
                {"predecessor": _("The predecessor must be a need of an earlier edition than "
                                  "%(cycle)s: choose one of an earlier edition.")
                 % {"cycle": self.cycle.edition}}
            )  # fmt: skip

    def clean_measure(self):
        if self.measure_id is None:
            return
        measure = self.measure
        objective = measure.objective
        if measure.cycle_id != self.cycle_id:
            raise ValidationError(
                {"measure": _("The measure %(measure)s belongs to another edition: choose a "
                              "measure of %(cycle)s.") % {"measure": measure.code,
                                                          "cycle": self.cycle.edition}}
            )  # fmt: skip
        if (objective.pillar_id, objective.axis_id) != (self.pillar_id, self.axis_id):
            raise ValidationError(
                {"measure": _("The measure %(measure)s is under %(axis)s: choose a measure of "
                              "the need's pillar and axis, or change them.")
                 % {"measure": measure.code, "axis": objective.axis}}
            )  # fmt: skip

    def save(self, *args, **kwargs):
        """A need always sits under a measure: without one, its axis's Unclassified measure.
        While the Board votes on its cycle's report, a published need is neither changed nor
        unpublished, by any path (an editor, a workflow's publication, a shell): refused with
        NeedsLockedByTheBoard, as the frozen edition is what is adopted. A new need, or a
        draft, is no part of that edition. Once the Board approved the need, it stays as
        adopted: neither published again nor unpublished (ApprovedNeedIsReadOnly). A partial
        save (a revision's bookkeeping) changes neither."""
        if kwargs.get("update_fields") is not None or not self.cycle_id:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            if self.pk:
                self._refuse_what_the_board_decided_against()
            if self.measure_id is None and self.axis_id:
                self.measure = Measure.unclassified_for(self.cycle_id, self.axis)
            super().save(*args, **kwargs)

    def _refuse_what_the_board_decided_against(self):
        voting = board_vote_since(self.cycle_id)  # first: it share-locks the cycle's row
        stored = type(self).objects.filter(pk=self.pk).values("live", "status").first()
        if stored is None:
            return
        if voting and (self.live or stored["live"]):
            raise NeedsLockedByTheBoard(self)
        if stored["status"] == self.Status.APPROVED:
            raise ApprovedNeedIsReadOnly(self)

    def get_lock(self):
        """The Board's vote on the cycle's report locks its needs, before any other lock."""
        if self.cycle_id and self.cycle.board_decision_since:
            return BoardDecisionLock(self)
        return super().get_lock()

    def lock_for_write(self):
        """`get_lock` as it stands in the database now, for a save in this transaction: the
        cycle's row stays share-locked, so that the Board's vote cannot start before the
        save has committed (see locks.board_vote_since)."""
        if self.cycle_id:
            self.cycle.board_decision_since = board_vote_since(self.cycle_id)
        return self.get_lock()

    @property
    def is_frozen_by_the_vote(self):
        """Published while the Board votes on its cycle's report: neither changed, unpublished
        nor deleted until the vote ends (the cycle as loaded)."""
        return self.live and bool(self.cycle_id and self.cycle.board_decision_since)

    def get_review_groups(self):
        """Workflow protocol: the Support Group of the need's pillar reviews it."""
        return [self.pillar.support_group] if self.pillar.support_group_id else []

    def get_preview_template(self, request, mode_name):
        return "needs_snippets/need_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        links = list(self.partner_links.all())
        context["partner_links"] = links
        if any(link.partner.has_designation_footnote for link in links):
            context["kosovo_footnote"] = KOSOVO_FOOTNOTE
        return context

    @property
    def is_read_only(self):
        """This copy is approved by the Board: no edit, publication or deletion changes it any
        more. A listing's rows are the stored needs; a draft revision is not (see
        stored_is_read_only)."""
        return self.status == self.Status.APPROVED

    def stored_is_read_only(self):
        """The need as stored is approved, whatever this copy (a draft revision, an edited
        form's instance) says (one query)."""
        return (
            bool(self.pk) and Need.objects.filter(pk=self.pk, status=self.Status.APPROVED).exists()
        )

    @property
    def is_regional(self):
        """Open (neither met nor withdrawn) in at least IISG_REGIONAL_THRESHOLD partners (uses
        `partner_count` when the queryset annotated it)."""
        count = getattr(self, "partner_count", None)
        if count is None:
            count = sum(1 for link in self.partner_links.all() if link.is_open)
        return count >= regional_threshold()

    @property
    def scope_label(self):
        return _("Regional") if self.is_regional else _("Partner-specific")

    def get_partners_display(self):
        """Each partner with its own status, place and due date, as the inspect view shows it."""
        links = NeedPartner.objects.filter(need=self).select_related("partner")
        return "; ".join(str(link) for link in links.order_by("partner__name")) or "-"

    @property
    def validations(self):
        """International partners' validations of the need (see NeedReview)."""
        return self.reviews.select_related("member").order_by("member__name")

    def get_validations_display(self):
        """Each member's validation, comment and support offered, as the inspect view shows."""
        lines = []
        for review in self.validations:
            line = f"{review.member.display_name}: {review.get_verdict_display() or '—'}"
            if review.comment:
                line += f". {review.comment}"
            if review.support:
                line += " " + gettext("Support offered: %(support)s") % {"support": review.support}
            lines.append(line)
        return " · ".join(lines) or "—"

    @property
    def has_gap(self):
        """True when no ongoing or planned response answers the need for some partner that
        still has it open (rows from reading.need_rows only: their links carry `is_covered`,
        computed for the rows shown, never the whole table)."""
        return any(link.is_open and not link.is_covered for link in self.partner_links.all())

    @property
    def gap_partner_names(self):
        """Partners for which the need is a gap (rows from reading.gap_rows only)."""
        return ", ".join(
            link.partner.display_name for link in self.open_links if not link.is_covered
        )

    @property
    def covered_partner_names(self):
        """Partners for which it is covered (rows from reading.gap_rows only)."""
        return ", ".join(link.partner.display_name for link in self.open_links if link.is_covered)

    @property
    def linked_partner_names(self):
        """`partner_names` read from the partner links (rows from reading.listed_needs: their
        links are prefetched with their partner, in name order), not from `partners`."""
        return ", ".join(link.partner.display_name for link in self.partner_links.all())

    @property
    def partner_names(self):
        """The partners that identified the need, Kosovo* starred, as one readable string."""
        return ", ".join(partner.display_name for partner in self.partners.all())


class NeedPartner(WBPartnerLink):
    """A Western Balkans partner that identified a need, with its own detail: its state of
    play, WHERE the need applies in it, WHEN it is due, and its status."""

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        ADDRESSED = "addressed", _("Being addressed")
        MET = "met", _("Met")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    #: A partner's need still counts (regional status, gaps) in these statuses.
    OPEN_STATUSES = (Status.IDENTIFIED, Status.ADDRESSED)

    need = ParentalKey(Need, on_delete=models.CASCADE, related_name="partner_links")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IDENTIFIED
    )
    state_of_play = models.TextField(
        _("state of play in this partner"),
        blank=True,
        help_text=_("Where it differs from the need's: WHAT the situation is in this partner."),
    )
    location = models.CharField(
        _("where"),
        max_length=255,
        blank=True,
        help_text=_("WHERE the need applies: institutions, regions, border crossings…"),
    )
    due = models.DateField(_("due"), null=True, blank=True, help_text=_("WHEN it is due."))

    objects = NeedPartnerQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("partner", widget=forms.Select), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("due")]),
        FieldPanel("state_of_play"),
    ]

    class Meta:
        verbose_name = _("partner that identified the need")
        constraints = [
            models.UniqueConstraint(fields=["need", "partner"], name="need_partner_unique"),
            *WBPartnerLink.partner_constraints("need"),
        ]

    def __str__(self):
        """e.g. “Albania: Being addressed, where: Tirana, due 31 December 2026”."""
        parts = [str(self.get_status_display())]
        if self.location:
            parts.append(_("where: %s") % self.location)
        if self.due:
            parts.append(_("due %s") % formats.date_format(self.due, "j F Y"))
        return f"{self.partner}: {', '.join(parts)}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


@receiver(pre_delete, sender=Need)
def refuse_deleting_what_the_board_decides(sender, instance, **kwargs):
    """A need deleted by any path (its delete view, a bulk delete's queryset) is refused as its
    save is (see Need.save), inside the delete's transaction."""
    instance._refuse_what_the_board_decided_against()
