"""Mapping cycles (biennial needs, annual responses), their phases and strategic documents."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.models import Revision, WorkflowState
from wagtail.search import index

from cms.model_fields import optional_link
from cms.panels import InlinePanel

from .registries import MemberKind


def end_not_before_start(start, end, name, message):
    """A check constraint: `end` is empty, `start` is empty, or `end` is on or after `start`."""
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=message,
    )


class Phase(models.IntegerChoices):
    """The four phases of a needs mapping cycle (methodology, "Phases in producing ...")."""

    IDENTIFICATION = 1, _("Preparatory/identification")
    FORMULATION = 2, _("Formulation")
    APPROVAL = 3, _("Approval by the Board")
    DATABASE_INPUT = 4, _("Input into the secure database")


class MappingCycle(ClusterableModel):
    """One edition of the needs mapping (biennial) or of the response mapping (annual)."""

    class Kind(models.TextChoices):
        """Which mapping: of needs every two years, of responses every year."""

        NEEDS = "needs", _("Biennial needs mapping")
        RESPONSES = "responses", _("Annual response mapping")

    class Status(models.TextChoices):
        """Where the cycle stands; every phase of a completed cycle counts as done."""

        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    edition = models.CharField(_("edition"), max_length=40, help_text=_("e.g. 2021–2022"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NEEDS)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    current_phase = models.PositiveSmallIntegerField(
        _("current phase"), choices=Phase.choices, null=True, blank=True
    )
    lessons_learnt = optional_link(
        "wagtaildocs.Document",
        related_name="+",
        verbose_name=_("lessons-learnt paper"),
        help_text=_(
            "The Secretariat's lessons-learnt paper, developed in the course of the cycle."
        ),
    )
    board_decision_since = models.DateTimeField(
        _("under Board decision since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "While set, the cycle's needs are locked: the Board votes on them as they are."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("current_phase")]),
        InlinePanel("phases", heading=_("Phases"), label=_("Phase")),
        FieldPanel("lessons_learnt"),
    ]

    class Meta:
        ordering = ["-period_start", "kind"]
        verbose_name = _("mapping cycle")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind"],
                name="cycle_edition_unique_per_kind",
                violation_error_message=_(
                    "There is already a cycle of this kind for that edition: "
                    "edit it, or name the new edition differently."
                ),
            ),
            end_not_before_start(
                "period_start",
                "period_end",
                "cycle_period_end_not_before_start",
                _("The period cannot end before it starts: correct the period end."),
            ),
        ]

    def __str__(self):
        return f"{self.edition} {self.get_kind_display().lower()}"

    def standing_of(self, phase, today):
        """`phase`'s standing (see CyclePhase.standing), knowing the cycle: a phase before the
        current one, or of a completed cycle, is done even without its dates recorded."""
        passed = self.status == self.Status.COMPLETED or (
            self.current_phase and phase.phase < self.current_phase
        )
        return "done" if passed and not phase.actual_end else phase.standing(today)

    def _move_to(self, phase, today):
        """Set the current phase: the phases before it end today, `phase` starts today
        (dates already recorded are kept)."""
        self.current_phase = phase
        CyclePhase.objects.filter(cycle=self, phase__lt=phase, actual_end=None).exclude(
            actual_start=None
        ).update(actual_end=today)
        CyclePhase.objects.filter(cycle=self, phase=phase, actual_start=None).update(
            actual_start=today
        )

    @transaction.atomic
    def enter_board_approval(self, user=None):
        """Support Group review is complete and the Board's vote starts: the cycle enters
        the phase "approval by the Board" and its needs are locked until the vote ends."""
        cycle = MappingCycle.objects.select_for_update().get(pk=self.pk)
        cycle.board_decision_since = timezone.now()
        moved = cycle.current_phase != Phase.APPROVAL
        cycle._move_to(Phase.APPROVAL, timezone.localdate())
        cycle.save(update_fields=["board_decision_since", "current_phase"])
        log(instance=cycle, action="iisg.cycle.board_approval", user=user,
            data={"phase_changed": moved})  # fmt: skip
        self.board_decision_since, self.current_phase = (
            cycle.board_decision_since,
            cycle.current_phase,
        )

    @transaction.atomic
    def end_board_decision(self, user=None, outcome=""):
        """The Board's vote ended without adoption (changes requested, withdrawn): the needs
        are unlocked; the cycle stays in the approval phase until its report is adopted."""
        cycle = MappingCycle.objects.select_for_update().get(pk=self.pk)
        if cycle.board_decision_since is None:
            return
        cycle.board_decision_since = None
        cycle.save(update_fields=["board_decision_since"])
        log(instance=cycle, action="iisg.cycle.board_vote_ended", user=user,
            data={"outcome": outcome})  # fmt: skip
        self.board_decision_since = None

    @transaction.atomic
    def enter_database_input(self, need_ids, user=None):
        """The Board adopted the cycle's report: the needs it adopted (`need_ids`, the
        report's frozen edition) become approved and read-only (an expiry set on one is
        dropped; its open reviews and scheduled revisions once this commits: end_open_reviews),
        the needs are unlocked, and the cycle moves to the phase "input into the secure
        database". Returns the number of needs approved."""
        cycle = MappingCycle.objects.select_for_update().get(pk=self.pk)
        cycle.board_decision_since = None
        cycle._move_to(Phase.DATABASE_INPUT, timezone.localdate())
        cycle.save(update_fields=["current_phase", "board_decision_since"])
        adopted = cycle.needs.filter(pk__in=need_ids)
        status = adopted.model.Status
        approved = adopted.exclude(status__in=[status.WITHDRAWN, status.APPROVED]).update(
            status=status.APPROVED, expire_at=None
        )
        transaction.on_commit(partial(end_open_reviews, adopted, user), robust=True)
        log(
            instance=cycle,
            action="iisg.cycle.database_input",
            user=user,
            data={"needs_approved": approved},
        )
        self.current_phase, self.board_decision_since = cycle.current_phase, None
        return approved


@transaction.atomic
def end_open_reviews(needs, user):
    """`needs` are now approved and read-only: the workflows still open on them are cancelled
    (Wagtail logs each on its need) and their revisions scheduled to go live are no longer, as
    either would publish a revision the Board did not adopt (Need.save refuses it). Run once
    the adoption has committed: a review's approval or a scheduled publication under way holds
    these rows and waits for the cycle's, which the adoption holds."""
    of_the_needs = {
        "base_content_type": ContentType.objects.get_for_model(needs.model),
        "object_id__in": [str(pk) for pk in needs.values_list("pk", flat=True)],
    }
    for review in WorkflowState.objects.active().filter(**of_the_needs):
        review.cancel(user=user)
    Revision.objects.filter(approved_go_live_at__isnull=False, **of_the_needs).update(
        approved_go_live_at=None
    )


def needs_edition_key(*, related_name, verbose_name):
    """The needs mapping cycle (edition) a record belongs to: required, chosen among needs
    mapping cycles, and keeping the cycle from being deleted while the record exists."""
    return models.ForeignKey(
        MappingCycle,
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"kind": MappingCycle.Kind.NEEDS},
        verbose_name=verbose_name,
    )


class CyclePhase(models.Model):
    """One of the four phases of a needs mapping cycle, planned and as it happened."""

    Phase = Phase

    cycle = ParentalKey(MappingCycle, on_delete=models.CASCADE, related_name="phases")
    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase.choices)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)

    panels = [
        FieldPanel("phase"),
        FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
        FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
    ]

    class Meta:
        ordering = ["cycle", "phase"]
        verbose_name = _("cycle phase")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "phase"],
                name="cycle_phase_unique",
                violation_error_message=_("Each phase appears once per cycle."),
            ),
            end_not_before_start(
                "planned_start",
                "planned_end",
                "phase_planned_end_not_before_start",
                _("A phase cannot be planned to end before it starts: correct the planned end."),
            ),
            end_not_before_start(
                "actual_start",
                "actual_end",
                "phase_actual_end_not_before_start",
                _("A phase cannot end before it started: correct the actual end."),
            ),
        ]

    def __str__(self):
        return f"{self.cycle}: {self.get_phase_display()}"

    def standing(self, today):
        """Where the phase stands on `today`: done, under way, late to start or to end, or
        not yet due."""
        if self.actual_end:
            return "done"
        if self.actual_start:
            return "late" if self.planned_end < today else "under_way"
        return "late" if self.planned_start < today else "upcoming"


class StrategicDocument(index.Indexed, models.Model):
    """A strategic document or input analysed in the desk review (EU package, strategy, ...)."""

    title = models.CharField(_("title"), max_length=255)
    issuer = models.CharField(_("issued by"), max_length=255)
    published = models.DateField(_("published"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    document = optional_link("wagtaildocs.Document", related_name="+", verbose_name=_("file"))
    pillars = models.ManyToManyField(
        "needs_snippets.Pillar", blank=True, related_name="strategic_documents"
    )
    partners = models.ManyToManyField(
        "needs_snippets.Member",
        blank=True,
        related_name="strategic_documents",
        limit_choices_to={"kind": MemberKind.WB_PARTNER},
        verbose_name=_("partners concerned"),
    )
    cycle = optional_link(
        MappingCycle,
        related_name="strategic_documents",
        verbose_name=_("desk review of cycle"),
    )

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("issuer"),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("issuer"),
        FieldPanel("published"),
        MultiFieldPanel([FieldPanel("url"), FieldPanel("document")], heading=_("Source")),
        FieldPanel("pillars"),
        FieldPanel("partners"),
        FieldPanel("cycle"),
    ]

    class Meta:
        ordering = ["-published", "title"]
        verbose_name = _("strategic document")

    def __str__(self):
        return self.title


class Meeting(models.Model):
    """A meeting of the IISG structures (Board, Support Group, working groups)."""

    class Kind(models.TextChoices):
        BOARD = "board", _("Board meeting")
        SUPPORT_GROUP = "support_group", _("Support Group meeting")
        WORKING_GROUP = "working_group", _("Working group meeting")
        CONSULTATION = "consultation", _("Local consultation")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    pillar = optional_link(
        "needs_snippets.Pillar",
        related_name="meetings",
        help_text=_("Leave empty for a cross-pillar meeting."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120)
    cycle = optional_link(
        MappingCycle,
        related_name="meetings",
        verbose_name=_("held for cycle"),
        help_text=_("The mapping cycle this meeting was part of, if any."),
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("meeting")
        constraints = [
            end_not_before_start(
                "start_date",
                "end_date",
                "meeting_end_not_before_start",
                _("A meeting cannot end before it starts: correct the end date."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.place}, {self.start_date:%d %b %Y})"
