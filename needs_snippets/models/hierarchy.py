"""The catalogue's hierarchy within an edition: pillar → axis → (priority) → objective → measure.

As the WBCTi Support Group agreed in Prishtina (March 2021), each pillar's template lists
priorities, objectives and measures along its axes, and the partners list their needs per
measure. Priorities are optional. Each level belongs to one needs-mapping edition (cycle),
carries a code unique within it, is ordered, revisioned, and may name its predecessor in an
earlier edition so that editions can be compared.

A need always sits under a measure: one saved without a measure is placed under its edition's
*Unclassified* measure of its pillar and axis (created when first needed), which the
Secretariat sees listed for placement.
"""

import re

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from cms.model_fields import optional_link

from .cycles import needs_edition_key
from .registries import axis_of_pillar_key

UNCLASSIFIED_TITLE = "Unclassified"
#: Unclassified objectives and measures come after every classified one of their axis.
UNCLASSIFIED_ORDER = 32767


class HierarchyLevel(RevisionMixin, index.Indexed, models.Model):
    """What priorities, objectives and measures share: an edition, a code, a title, an order
    and a predecessor of the same kind in an earlier edition."""

    cycle = needs_edition_key(related_name="+", verbose_name=_("edition"))
    code = models.CharField(
        _("code"), max_length=32, help_text=_("Unique within the edition, e.g. WBCTi-PRE-2.1.")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    predecessor = optional_link(
        "self",
        related_name="successors",
        verbose_name=_("predecessor"),
        help_text=_("The same item in an earlier edition, if any."),
    )

    search_fields = [
        index.SearchField("code", boost=3),
        index.AutocompleteField("code"),
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("cycle"),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.code} {self.title}"

    @staticmethod
    def level_panels(*placement):
        """A level's edit panels: its edition and code, then `placement` (the panels that place
        it in the hierarchy), then its title, description, order and predecessor."""
        return [
            FieldRowPanel([FieldPanel("cycle", widget=forms.Select), FieldPanel("code")]),
            *placement,
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
            FieldPanel("predecessor"),
        ]

    @property
    def pillar_of_level(self):
        """The pillar this item belongs to: its own `pillar`, unless a level reaches it through
        its parent."""
        return self.pillar

    def clean(self):
        super().clean()
        previous = self.predecessor
        if previous is None or not self.cycle_id:
            return
        if previous.pk == self.pk or previous.cycle.period_start >= self.cycle.period_start:
            raise ValidationError(
                {"predecessor": _("Choose an item of an earlier edition as the predecessor.")}
            )
        if previous.pillar_of_level != self.pillar_of_level:
            raise ValidationError(
                {"predecessor": _("The predecessor belongs to another pillar: choose one of %s.")
                 % self.pillar_of_level}
            )  # fmt: skip

    @classmethod
    def code_constraint(cls, name):
        return models.UniqueConstraint(
            fields=["cycle", "code"],
            name=name,
            violation_error_message=_(
                "Another item of this edition already has this code: choose a different code."
            ),
        )


class Priority(HierarchyLevel):
    """An optional priority of a pillar in one edition, grouping objectives."""

    pillar = models.ForeignKey(
        "needs_snippets.Pillar", on_delete=models.PROTECT, related_name="priorities"
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="priority")

    panels = HierarchyLevel.level_panels(FieldPanel("pillar", widget=forms.Select))

    class Meta:
        ordering = ["cycle", "pillar__sort_order", "sort_order", "code"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [HierarchyLevel.code_constraint("priority_code_unique_per_cycle")]


class ObjectiveQuerySet(models.QuerySet):
    def classified(self):
        return self.filter(unclassified=False)


class Objective(HierarchyLevel):
    """An objective of a pillar's axis in one edition (optionally under a priority)."""

    pillar = models.ForeignKey(
        "needs_snippets.Pillar", on_delete=models.PROTECT, related_name="objectives"
    )
    axis = axis_of_pillar_key(related_name="objectives")
    priority = optional_link(
        Priority,
        on_delete=models.PROTECT,
        related_name="objectives",
        help_text=_("Optional: a priority of the same pillar and edition."),
    )
    unclassified = models.BooleanField(default=False, editable=False)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="objective")

    objects = ObjectiveQuerySet.as_manager()

    panels = HierarchyLevel.level_panels(
        FieldRowPanel(
            [FieldPanel("pillar", widget=forms.Select), FieldPanel("axis", widget=forms.Select)]
        ),
        FieldPanel("priority"),
    )

    class Meta:
        ordering = ["cycle", "pillar__sort_order", "axis__sort_order", "sort_order", "code"]
        verbose_name = _("objective")
        constraints = [HierarchyLevel.code_constraint("objective_code_unique_per_cycle")]

    def clean(self):
        super().clean()
        if self.axis_id and self.pillar_id and self.axis.pillar_id != self.pillar_id:
            raise ValidationError(
                {"axis": _("This axis belongs to another pillar: choose an axis of %s.")
                 % self.pillar}
            )  # fmt: skip
        priority = self.priority
        if priority and (
            priority.pillar_id != self.pillar_id or priority.cycle_id != self.cycle_id
        ):
            raise ValidationError(
                {"priority": _("Choose a priority of the same pillar and edition.")}
            )


class MeasureQuerySet(models.QuerySet):
    def classified(self):
        return self.filter(unclassified=False)

    def in_hierarchy_order(self):
        return self.select_related("objective__pillar", "objective__axis").order_by(
            "objective__pillar__sort_order",
            "objective__axis__sort_order",
            "objective__sort_order",
            "objective__code",
            "sort_order",
            "code",
        )


class Measure(HierarchyLevel):
    """A measure under an objective: the level at which partners list their needs."""

    objective = models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="measures", verbose_name=_("objective")
    )
    unclassified = models.BooleanField(
        default=False,
        editable=False,
        help_text=_("Holds needs not yet placed under a measure of their pillar and axis."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="measure")

    objects = MeasureQuerySet.as_manager()

    panels = HierarchyLevel.level_panels(FieldPanel("objective"))

    class Meta:
        ordering = ["cycle", "objective__sort_order", "objective__code", "sort_order", "code"]
        verbose_name = _("measure")
        constraints = [HierarchyLevel.code_constraint("measure_code_unique_per_cycle")]

    @property
    def pillar_of_level(self):
        return self.objective.pillar

    @property
    def label(self):
        """How templates' drop-down lists name the measure, e.g. “WBCTi-PRE-1.2 Exit work”."""
        return str(self)

    def clean(self):
        super().clean()
        if self.objective_id and self.cycle_id and self.objective.cycle_id != self.cycle_id:
            raise ValidationError(
                {"objective": _("Choose an objective of the same edition as the measure.")}
            )

    @classmethod
    def unclassified_for(cls, cycle_id, axis):
        """The edition's Unclassified measure of `axis` (and its objective), created when
        first needed."""
        stem = re.sub(r"[^A-Za-z]", "", axis.name)[:3].upper()
        code = f"{axis.pillar.code}-{stem}-UNCL"[:28]
        if Objective.objects.filter(cycle_id=cycle_id, code=code, unclassified=False).exists():
            code = f"{code}{axis.pk}"[:32]
        objective = _created_once(
            Objective,
            {"cycle_id": cycle_id, "axis": axis, "unclassified": True},
            pillar_id=axis.pillar_id,
            code=code,
            title=UNCLASSIFIED_TITLE,
            sort_order=UNCLASSIFIED_ORDER,
        )
        return _created_once(
            cls,
            {"cycle_id": cycle_id, "objective": objective, "unclassified": True},
            code=f"{objective.code}.0"[:32],
            title=UNCLASSIFIED_TITLE,
            sort_order=UNCLASSIFIED_ORDER,
            description="Needs not yet placed under a measure: the Secretariat places them.",
        )


def _created_once(model, lookup, **defaults):
    """The row matching `lookup`, created with `defaults` when missing; two writers creating
    it at once meet the code's unique constraint, and the second reads the first's row."""
    row = model.objects.filter(**lookup).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return model.objects.create(**lookup, **defaults)
    except IntegrityError:
        return model.objects.get(**lookup)


@transaction.atomic
def carry_over_hierarchy(source, target):
    """Copy edition `source`'s priorities, objectives and measures into the later edition
    `target` (same code, title, description and order), each linked to its original as
    predecessor. What `target` already has under the same code is left as it is, so running
    it twice changes nothing; Unclassified items are not copied (they are made when needed).
    Returns the number created of each kind, e.g. {"priorities": 0, "objectives": 4, …}."""
    if source.pk == target.pk or source.period_start >= target.period_start:
        raise ValidationError(_("Carry over from an earlier edition into a later one."))
    created = {"priorities": 0, "objectives": 0, "measures": 0}

    def copy(model, original, counter, **links):
        item, made = model.objects.get_or_create(
            cycle=target,
            code=original.code,
            defaults={
                "title": original.title,
                "description": original.description,
                "sort_order": original.sort_order,
                "predecessor": original,
                **links,
            },
        )
        if made:
            item.save_revision()
            created[counter] += 1
        return item

    priorities = {
        old.pk: copy(Priority, old, "priorities", pillar_id=old.pillar_id)
        for old in Priority.objects.filter(cycle=source)
    }
    objectives = {
        old.pk: copy(
            Objective,
            old,
            "objectives",
            pillar_id=old.pillar_id,
            axis_id=old.axis_id,
            priority=priorities.get(old.priority_id),
        )
        for old in Objective.objects.classified().filter(cycle=source)
    }
    for old in Measure.objects.classified().filter(cycle=source, objective__unclassified=False):
        copy(Measure, old, "measures", objective=objectives[old.objective_id])
    return created
