"""Responses: members' programmes and actions, linked to the needs they answer."""

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
)
from wagtail.models import RevisionMixin
from wagtail.search import index

from cms.model_fields import optional_link
from cms.panels import InlinePanel, MultipleChooserPanel

from ..constants import (
    CURRENCY_CHOICES,
    ISO_4217_CODES,
    KOSOVO_FOOTNOTE,
    IATIActivityStatus,
    IATIOrganisationRole,
)
from ..iati.codelists import sector_choices
from ..querysets import ResponseNeedQuerySet, ResponseQuerySet
from .cycles import MappingCycle, end_not_before_start
from .links import WBPartnerLink
from .registries import MemberKind

NO_SPACES = RegexValidator(
    r"^\S*$", _("An IATI identifier has no spaces: copy it exactly as published.")
)
PLANNED_DATES_ORDER = _("The planned end is before the planned start: correct one of the dates.")
ACTUAL_DATES_ORDER = _("The actual end is before the actual start: correct one of the dates.")
BUDGET_NEEDS_CURRENCY = _("A budget needs its currency: choose one (ISO 4217, e.g. EUR).")

SENSITIVE_INFORMATION_NOTICE = _(
    "IISG members are not expected to share sensitive information. Do not enter operational "
    "law-enforcement data or intelligence here."
)


class Response(RevisionMixin, index.Indexed, ClusterableModel):
    """A programme or action of IISG members, underway or planned, answering mapped needs."""

    class Sensitivity(models.TextChoices):
        MEMBERS = "members", _("IISG members")
        RESTRICTED = "restricted", _("Restricted: my organisation and the IISG Secretariat")
        PUBLIC = "public", _("May be published")

    reporting_member = models.ForeignKey(
        "needs_snippets.Member",
        on_delete=models.PROTECT,
        related_name="reported_responses",
        verbose_name=_("reporting member"),
        help_text=_("The organisation that keeps this entry up to date."),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    pillar = models.ForeignKey(
        "needs_snippets.Pillar", on_delete=models.PROTECT, related_name="responses"
    )
    cycle = optional_link(
        MappingCycle,
        related_name="responses",
        limit_choices_to={"kind": MappingCycle.Kind.RESPONSES},
        verbose_name=_("response mapping cycle"),
    )
    needs = models.ManyToManyField(
        "needs_snippets.Need",
        through="needs_snippets.ResponseNeed",
        blank=True,
        related_name="responses",
        verbose_name=_("needs answered"),
    )
    beneficiaries = ParentalManyToManyField(
        "needs_snippets.Member",
        through="needs_snippets.ResponseBeneficiary",
        blank=True,
        related_name="benefiting_responses",
        limit_choices_to={"kind": MemberKind.WB_PARTNER},
        verbose_name=_("beneficiary partners"),
        help_text=KOSOVO_FOOTNOTE,
    )
    iati_identifier = models.CharField(
        _("IATI activity identifier"),
        max_length=150,
        blank=True,
        validators=[NO_SPACES],
        help_text=_(
            "If your organisation already publishes this activity to IATI, its identifier there. "
            "Leave empty and the IATI export names it {organisation identifier}-IISG-{number}."
        ),
    )
    sector = models.CharField(
        _("sector"),
        max_length=5,
        blank=True,
        choices=sector_choices,
        help_text=_("The OECD DAC 5-digit purpose code, e.g. 15210 Security system management."),
    )
    iati_status = models.PositiveSmallIntegerField(
        _("activity status"),
        choices=IATIActivityStatus.choices,
        default=IATIActivityStatus.PIPELINE,
        help_text=_("IATI activity status."),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True, default="EUR"
    )
    funding_source = models.CharField(
        _("funding source"), max_length=255, blank=True, help_text=_("e.g. EU IPA III")
    )
    sensitivity = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Sensitivity.choices,
        default=Sensitivity.MEMBERS,
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="response")

    objects = ResponseQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("funding_source"),
        index.FilterField("pillar"),
        index.FilterField("reporting_member"),
        index.FilterField("iati_status"),
        index.FilterField("cycle"),
        # Who may see a response (needs_snippets/permissions.py) filters searches too.
        index.FilterField("sensitivity"),
    ]

    panels = [
        HelpPanel(content=SENSITIVE_INFORMATION_NOTICE, heading=_("Before you start")),
        FieldPanel("reporting_member"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel(
            [FieldPanel("pillar", widget=forms.Select), FieldPanel("cycle", widget=forms.Select)]
        ),
        MultipleChooserPanel(
            "need_links",
            chooser_field_name="need",
            heading=_("Needs answered"),
            label=_("Need"),
            help_text=_(
                "Choose the mapped needs this response answers; filter by pillar and partner."
            ),
        ),
        FieldPanel("beneficiaries", widget=forms.CheckboxSelectMultiple),
        InlinePanel("participations", heading=_("Participating organisations")),
        FieldRowPanel([FieldPanel("iati_status"), FieldPanel("sector")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("budget"), FieldPanel("currency")]),
                FieldPanel("funding_source"),
            ],
            heading=_("Funding"),
        ),
        FieldPanel("iati_identifier"),
        FieldPanel("sensitivity"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("response")
        permissions = [
            (
                "manage_all_responses",
                "Can change every organisation's responses and see restricted ones",
            )
        ]
        constraints = [
            end_not_before_start(
                "planned_start",
                "planned_end",
                "response_planned_end_not_before_start",
                PLANNED_DATES_ORDER,
            ),
            end_not_before_start(
                "actual_start",
                "actual_end",
                "response_actual_end_not_before_start",
                ACTUAL_DATES_ORDER,
            ),
            models.UniqueConstraint(
                fields=["reporting_member", "iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="response_iati_identifier_unique",
                violation_error_message=_(
                    "Your organisation already has a response with this IATI identifier."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="response_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(currency="") | Q(currency__in=ISO_4217_CODES),
                name="response_currency_iso_4217",
                violation_error_message=_(
                    "The currency must be an ISO 4217 code, such as EUR or USD."
                ),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | ~Q(currency=""),
                name="response_budget_has_currency",
                violation_error_message=BUDGET_NEEDS_CURRENCY,
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """The database's checks, said beside the field to correct (the constraints stay
        as the last guard)."""
        super().clean()
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = PLANNED_DATES_ORDER
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = ACTUAL_DATES_ORDER
        if self.budget is not None and not self.currency:
            errors["currency"] = BUDGET_NEEDS_CURRENCY
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self):
        """A cancelled response answers nothing."""
        return self.iati_status == IATIActivityStatus.CANCELLED

    @property
    def beneficiary_names(self):
        """Beneficiary partners, Kosovo* starred, as one readable string."""
        return ", ".join(partner.display_name for partner in self.beneficiaries.all())

    @property
    def need_codes(self):
        return ", ".join(need.reference_code for need in self.needs.all())

    @property
    def participant_names(self):
        """Participating organisations with their IATI roles, as one readable string."""
        return "; ".join(
            f"{p.member.display_name} ({p.get_role_display().lower()})"
            for p in self.participations.all()
        )


class ResponseParticipant(models.Model):
    """An organisation taking part in a response, in one IATI organisation role."""

    response = ParentalKey(Response, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(
        "needs_snippets.Member", on_delete=models.PROTECT, related_name="participations"
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=IATIOrganisationRole.choices)

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("role")])]

    class Meta:
        ordering = ["role", "member__name"]
        verbose_name = _("participating organisation")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "member", "role"],
                name="response_participant_unique",
                violation_error_message=_("This organisation already has that role here."),
            )
        ]

    def __str__(self):
        return f"{self.member} ({self.get_role_display()})"


class ResponseNeed(models.Model):
    """A need that a response answers."""

    response = ParentalKey(Response, on_delete=models.CASCADE, related_name="need_links")
    need = models.ForeignKey(
        "needs_snippets.Need",
        on_delete=models.CASCADE,
        related_name="response_links",
        verbose_name=_("need"),
    )

    panels = [FieldPanel("need")]

    objects = ResponseNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("need answered")
        constraints = [
            models.UniqueConstraint(fields=["response", "need"], name="response_need_unique")
        ]

    def __str__(self):
        return f"{self.response} → {self.need}"


class ResponseBeneficiary(WBPartnerLink):
    """A Western Balkans partner that benefits from a response."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="beneficiary_links"
    )

    class Meta:
        verbose_name = _("beneficiary partner")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "partner"], name="response_beneficiary_unique"
            ),
            *WBPartnerLink.partner_constraints("response"),
        ]
