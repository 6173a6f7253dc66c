"""Reference data: pillars, axes, areas, member organisations and their focal points."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.search import index

from cms.model_fields import optional_link
from cms.panels import InlinePanel

from ..constants import KOSOVO_COUNTRY_CODE
from ..iati.codelists import organisation_type_choices, validate_organisation_identifier


class MemberKind(models.TextChoices):
    """The four membership groups of the membership methodology, split by kind of actor."""

    WB_PARTNER = "wb_partner", _("Western Balkans partner")
    EU_INSTITUTION = "eu_institution", _("European Commission / EEAS")
    EU_JHA_AGENCY = "eu_jha_agency", _("EU Justice and Home Affairs agency")
    EU_MEMBER_STATE = "eu_member_state", _("EU member state")
    OTHER_STATE = "other_state", _("Other state")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    OTHER = "other", _("Other international actor")


class MembershipBasis(models.TextChoices):
    """Why an organisation is an IISG member: the four groups of the membership methodology,
    and the two ways of being a member automatically."""

    NOT_RECORDED = "", _("Not recorded")
    WB_PARTNER = "wb_partner", _("Western Balkans partner")
    BOARD_APPROVAL = "board_approval", _("Approved by the Board")
    EC_EEAS = "ec_eeas", _("European Commission / EEAS")
    JHA_NOTIFICATION = "jha_notification", _("EU JHA agency, upon notification to the Board")
    FORMER_LEAD_PARTNER = "former_lead_partner", _("Automatic: former lead partner")
    SECRETARIAT_HOST = "secretariat_host", _("Automatic: host of the Secretariat")


# The bases that follow from the records (the member's kind, the Secretariat's hosts, the
# pillars' roles): set automatically, never chosen by hand.
BASIS_OF_KIND = {
    MemberKind.WB_PARTNER: MembershipBasis.WB_PARTNER,
    MemberKind.EU_INSTITUTION: MembershipBasis.EC_EEAS,
    MemberKind.EU_JHA_AGENCY: MembershipBasis.JHA_NOTIFICATION,
}
AUTOMATIC_BASES = (MembershipBasis.SECRETARIAT_HOST, MembershipBasis.FORMER_LEAD_PARTNER)
DERIVED_BASES = (*BASIS_OF_KIND.values(), *AUTOMATIC_BASES)


def long_date(day):
    return formats.date_format(day, "j F Y")


class MemberQuerySet(models.QuerySet):
    def wb_partners(self):
        """The six Western Balkans partners, in alphabetical order."""
        return self.filter(kind=MemberKind.WB_PARTNER).order_by("name")

    def active(self):
        return self.filter(status=Member.Status.ACTIVE)


class Member(index.Indexed, models.Model):
    """An IISG member organisation; the six Western Balkans partners carry a country code."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        FORMER = "former", _("Former member")

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("Acronym, e.g. UNODC.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=MemberKind.choices)
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use two capital letters, e.g. AL."))],
        help_text=_(
            "Western Balkans partners only: ISO 3166 alpha-2 code (XK for Kosovo*). "
            "Leave empty for every other member."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    joined = models.DateField(_("member since"), null=True, blank=True)
    membership_basis = models.CharField(
        _("member as"),
        max_length=32,
        choices=MembershipBasis.choices,
        blank=True,
        default=MembershipBasis.NOT_RECORDED,
        help_text=_(
            "Why the organisation is a member. Set automatically for Western Balkans partners, "
            "the Commission/EEAS, EU JHA agencies, the Secretariat's host and former lead "
            "partners, and on approval of an application; choose “Approved by the Board” for "
            "members admitted before their applications were kept here."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=64,
        blank=True,
        validators=[validate_organisation_identifier],
        help_text=_(
            "As the organisation publishes to IATI: the registration agency's code, a hyphen, "
            "and its number there (e.g. XM-DAC-… for an OECD DAC code). The IATI export needs it."
        ),
    )
    iati_organisation_type = models.CharField(
        _("IATI organisation type"),
        max_length=2,
        blank=True,
        choices=organisation_type_choices,
        help_text=_("The IATI OrganisationType code. The IATI export needs it."),
    )

    objects = MemberQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("country_code")], heading=_("Membership group")
        ),
        FieldPanel("status"),
        FieldPanel("joined"),
        FieldPanel("membership_basis"),
        FieldPanel("website"),
        MultiFieldPanel(
            [FieldPanel("iati_identifier"), FieldPanel("iati_organisation_type")],
            heading=_("IATI"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        permissions = [
            ("view_members_area", "Can read the secure database in the members area"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="member_iati_identifier_unique",
                violation_error_message=_(
                    "Another member organisation has this IATI identifier: check it, or ask "
                    "the Secretariat."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=MemberKind.WB_PARTNER, country_code__isnull=False)
                    | (~Q(kind=MemberKind.WB_PARTNER) & Q(country_code__isnull=True))
                ),
                name="member_country_code_iff_wb_partner",
                violation_error_message=_(
                    "A Western Balkans partner needs its two-letter country code, and only "
                    "Western Balkans partners have one: set the kind and country code together."
                ),
            ),
            # Target of the composite foreign keys that keep partner links to WB partners.
            models.UniqueConstraint(fields=["id", "kind"], name="member_id_kind_unique"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # A partial save (refresh_membership_basis) has resolved the basis already.
        if kwargs.get("update_fields") is None:
            self.membership_basis = self.resolve_membership_basis()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        was_partner = (
            self.pk and Member.objects.filter(pk=self.pk, kind=MemberKind.WB_PARTNER).exists()
        )
        if was_partner and self.kind != MemberKind.WB_PARTNER:
            needs, responses = self.needs.count(), self.benefiting_responses.count()
            if needs or responses:
                raise ValidationError(
                    {
                        "kind": _(
                            "%(name)s identified %(needs)s needs and benefits from "
                            "%(responses)s responses as a Western Balkans partner: remove those "
                            "links before changing its kind."
                        )
                        % {"name": self.display_name, "needs": needs, "responses": responses}
                    }
                )
        self.clean_membership_basis()

    def membership_basis_on(self, day=None):
        """(basis, detail): why the organisation is a member on `day`, from its kind, the
        Secretariat's hosts, the pillars' roles and its approved application, in that order;
        otherwise what was recorded by hand."""
        day = day or timezone.localdate()
        if self.kind in BASIS_OF_KIND:
            return BASIS_OF_KIND[self.kind], ""
        if self.pk:
            hosting = self.secretariat_hostings.on(day).order_by("start").first()
            if hosting:
                return MembershipBasis.SECRETARIAT_HOST, _(
                    "hosts the IISG Secretariat since %(start)s"
                ) % {"start": long_date(hosting.start)}
            role = self.pillar_roles.former_leads(day).select_related("pillar").order_by("-end")
            if role := role.first():
                return MembershipBasis.FORMER_LEAD_PARTNER, _(
                    "lead partner of %(pillar)s until %(end)s"
                ) % {"pillar": role.pillar.code, "end": long_date(role.end)}
            if self.applications_approved().exists():
                return MembershipBasis.BOARD_APPROVAL, ""
        if self.membership_basis in DERIVED_BASES:
            return MembershipBasis.NOT_RECORDED, ""  # the reason recorded no longer holds
        return self.membership_basis, ""

    def resolve_membership_basis(self, day=None):
        return self.membership_basis_on(day)[0]

    def applications_approved(self):
        application_model = self._meta.get_field("application").related_model
        return application_model.objects.filter(
            member=self, status=application_model.Status.APPROVED
        )

    def clean_membership_basis(self):
        """A basis chosen by hand must not contradict the records (an unchanged or empty
        choice is fine: saving records the basis the records give)."""
        chosen = self.membership_basis
        stored = Member.objects.filter(pk=self.pk).values_list("membership_basis", flat=True)
        if not chosen or (self.pk and chosen == stored.first()):
            return
        resolved = self.resolve_membership_basis()
        if chosen == resolved:
            return
        if chosen in DERIVED_BASES:
            message = _(
                "“%(basis)s” is recorded automatically, from the organisation's kind, the "
                "Secretariat's hosts or the pillars' roles, and does not apply to %(name)s."
            ) % {"name": self.name, "basis": MembershipBasis(chosen).label}
        else:
            message = _(
                "%(name)s is a member as “%(basis)s”: that follows from its kind, the "
                "Secretariat's hosts or the pillars' roles and is recorded automatically."
            ) % {"name": self.name, "basis": MembershipBasis(resolved).label}
        raise ValidationError({"membership_basis": message})

    @transaction.atomic
    def refresh_membership_basis(self, day=None, user=None):
        """Record why the organisation is a member as its records now say (idempotent): a lead
        partner whose role has ended, or the Secretariat's host, becomes a member
        automatically, with that reason. Returns True when something changed."""
        member = Member.objects.select_for_update().get(pk=self.pk)
        with translation.override(settings.LANGUAGE_CODE):  # the record's working language
            basis, detail = member.membership_basis_on(day)
            label, detail = str(MembershipBasis(basis).label), str(detail)
        if basis == member.membership_basis:
            return False
        previous, member.membership_basis = member.membership_basis, basis
        fields = ["membership_basis"]
        if basis in AUTOMATIC_BASES and member.status == Member.Status.FORMER:
            member.status = Member.Status.ACTIVE
            fields.append("status")
        member.save(update_fields=fields)
        log(
            instance=member,
            action="iisg.membership.basis",
            user=user,
            data={"basis": basis, "label": label, "detail": detail, "previous": previous},
        )
        self.membership_basis, self.status = member.membership_basis, member.status
        return True

    @property
    def is_wb_partner(self):
        return self.kind == MemberKind.WB_PARTNER

    @property
    def has_designation_footnote(self):
        """Kosovo* is always shown with its star and the designation footnote."""
        return self.country_code == KOSOVO_COUNTRY_CODE

    @property
    def display_name(self):
        return f"{self.name}*" if self.has_designation_footnote else self.name


class Area(models.Model):
    """An area of work: legislation/strategy, institutional set-up and tools, operational work."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("area")

    def __str__(self):
        return self.name


class Pillar(ClusterableModel):
    """One of the three IISG pillars, with its own set of axes and its Support Group."""

    code = models.CharField(_("code"), max_length=16, unique=True, help_text=_("e.g. WBCTi"))
    name = models.CharField(_("name"), max_length=255)
    scope = models.TextField(_("scope"), blank=True)
    support_group = optional_link(
        "auth.Group",
        related_name="+",
        verbose_name=_("Support Group"),
        help_text=_("The user group whose members review this pillar's drafts."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("scope"),
        InlinePanel(
            "roles",
            heading=_("Support Group: lead and co-lead partners"),
            label=_("Role"),
            help_text=_(
                "End a role rather than deleting it: a former lead partner is an IISG member "
                "automatically."
            ),
        ),
        FieldPanel("support_group"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("pillar")

    def __str__(self):
        return self.code


class AxisManager(models.Manager):
    def get_queryset(self):
        # Every axis is shown with its pillar's code: fetch them together.
        return super().get_queryset().select_related("pillar")


class Axis(models.Model):
    """An axis of a pillar (Prevention/Response, or WBCTi's Anticipate/Prevent/Protect/Respond)."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.CASCADE, related_name="axes", verbose_name=_("pillar")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = AxisManager()

    panels = [
        FieldPanel("pillar", widget=forms.Select),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["pillar__sort_order", "sort_order", "name"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "name"],
                name="axis_name_unique_per_pillar",
                violation_error_message=_("This pillar already has an axis of that name."),
            ),
            # Target of the composite foreign key that keeps a need's axis in its pillar.
            models.UniqueConstraint(fields=["id", "pillar"], name="axis_id_pillar_unique"),
        ]

    def __str__(self):
        return f"{self.pillar.code}: {self.name}"

    def clean(self):
        super().clean()
        moved = self.pk and not Axis.objects.filter(pk=self.pk, pillar_id=self.pillar_id).exists()
        if moved and self.needs.exists():
            raise ValidationError(
                {
                    "pillar": _(
                        "%(count)s needs are mapped on this axis in its pillar: create a new "
                        "axis for the other pillar instead of moving this one."
                    )
                    % {"count": self.needs.count()}
                }
            )


def axis_of_pillar_key(*, related_name):
    """A record's axis: required, kept from deletion while the record exists, and to be one of
    the record's pillar (the record's `clean` checks it)."""
    return models.ForeignKey(
        Axis,
        on_delete=models.PROTECT,
        related_name=related_name,
        help_text=_("An axis of the chosen pillar."),
    )


class FocalPoint(models.Model):
    """A member organisation's focal point, for one pillar or for official correspondence."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="focal_points", verbose_name=_("member")
    )
    pillar = optional_link(
        Pillar,
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("pillar"),
        help_text=_("Leave empty for the focal point for official correspondence."),
    )
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = optional_link(
        settings.AUTH_USER_MODEL,
        related_name="focal_points",
        verbose_name=_("login"),
        help_text=_("The account this focal point uses to sign in to the secure database."),
    )

    class Meta:
        ordering = ["member__name", "pillar__sort_order", "name"]
        verbose_name = _("focal point")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "pillar", "email"],
                name="focal_point_unique_per_member_pillar",
                violation_error_message=_(
                    "This person is already a focal point of the organisation for that pillar."
                ),
            )
        ]

    def __str__(self):
        pillar = self.pillar.code if self.pillar_id else _("official correspondence")
        return f"{self.name} ({self.member}, {pillar})"
