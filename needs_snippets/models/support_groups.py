"""Support Groups per pillar: lead and co-lead partners over dates, and the Secretariat's host.

The membership methodology makes former lead partners and the hosting entity of the IISG
Secretariat members automatically. Both are data here: a lead role that has ended
(`PillarRole`), a hosting (`SecretariatHost`). Saving or deleting either records the member's
basis again (`Member.refresh_membership_basis`, idempotent); a role or hosting that ends or starts
on a later day is picked up by `manage.py refresh_membership`, an hourly periodic job
(`register_periodic_job` in wagtail_hooks).

The reviewers of a pillar's drafts stay the accounts of the pillar's Support Group user group
(`Pillar.support_group`); `support_group_composition` shows both together.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .cycles import end_not_before_start
from .registries import Member, Pillar, long_date


def _dated(queryset, day):
    day = day or timezone.localdate()
    return queryset.filter(
        Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day)
    )


class PillarRoleQuerySet(models.QuerySet):
    def on(self, day=None):
        """Roles held on `day` (today): started (or start unknown) and not ended."""
        return _dated(self, day)

    def ended(self, day=None):
        return self.filter(end__lt=day or timezone.localdate())

    def former_leads(self, day=None):
        """Lead roles that have ended: their holders are IISG members automatically."""
        return self.ended(day).filter(role=PillarRole.Role.LEAD)


class PillarRoleManager(models.Manager.from_queryset(PillarRoleQuerySet)):
    def get_queryset(self):
        """Roles in Meta.ordering's order, of unknown start first (the oldest) where the
        database would put them last."""
        return (
            super()
            .get_queryset()
            .order_by("pillar__sort_order", "-role", F("start").asc(nulls_first=True))
        )


class PillarRole(models.Model):
    """A member organisation leading or co-leading a pillar's Support Group, over dates."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        CO_LEAD = "co_lead", _("Co-lead partner")

    pillar = ParentalKey(
        Pillar, on_delete=models.CASCADE, related_name="roles", verbose_name=_("pillar")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="pillar_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.LEAD)
    start = models.DateField(
        _("from"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the date is not known."),
    )
    end = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("The last day in the role; empty while it lasts."),
    )

    objects = PillarRoleManager()

    panels = [
        FieldRowPanel([FieldPanel("member"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
    ]

    class Meta:
        # Leads first. Field names only: modelcluster sorts a pillar's roles in memory by them
        # as its edit form saves (unknown starts first, as PillarRoleManager does).
        ordering = ["pillar__sort_order", "-role", "start"]
        verbose_name = _("pillar role")
        verbose_name_plural = _("pillar roles")
        constraints = [
            end_not_before_start(
                "start",
                "end",
                "pillar_role_end_not_before_start",
                _("A role cannot end before it starts: correct the end date."),
            )
        ]

    def __str__(self):
        return f"{self.member} ({self.get_role_display()}, {self.pillar})"

    @property
    def period_label(self):
        if self.start and self.end:
            return _("%(start)s to %(end)s") % {
                "start": long_date(self.start),
                "end": long_date(self.end),
            }
        if self.start:
            return _("since %(start)s") % {"start": long_date(self.start)}
        if self.end:
            return _("until %(end)s") % {"end": long_date(self.end)}
        return _("dates not recorded")


class SecretariatHostQuerySet(models.QuerySet):
    def on(self, day=None):
        return _dated(self, day)


class SecretariatHost(models.Model):
    """The organisation hosting the IISG Secretariat, from a date: it is a member automatically."""

    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="secretariat_hostings",
        verbose_name=_("host"),
    )
    start = models.DateField(_("hosts the Secretariat from"))
    end = models.DateField(_("until"), null=True, blank=True)
    decision = models.CharField(
        _("decided"),
        max_length=255,
        blank=True,
        help_text=_("Where and when the hosting was decided, e.g. the Board meeting."),
    )

    objects = SecretariatHostQuerySet.as_manager()

    panels = [
        FieldPanel("member"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("decision"),
    ]

    class Meta:
        ordering = ["-start"]
        verbose_name = _("Secretariat host")
        verbose_name_plural = _("Secretariat hosts")
        constraints = [
            end_not_before_start(
                "start",
                "end",
                "secretariat_host_end_not_before_start",
                _("A hosting cannot end before it starts: correct the end date."),
            )
        ]

    def __str__(self):
        return f"{self.member} ({long_date(self.start)})"

    def clean(self):
        super().clean()
        if not self.start:
            return
        others = SecretariatHost.objects.exclude(pk=self.pk).filter(
            Q(end__isnull=True) | Q(end__gte=self.start)
        )
        if self.end:
            others = others.filter(start__lte=self.end)
        if overlapping := others.select_related("member").first():
            raise ValidationError(
                _(
                    "%(host)s hosts the Secretariat from %(start)s in those dates: end that "
                    "hosting first, one host at a time."
                )
                % {"host": overlapping.member, "start": long_date(overlapping.start)}
            )


# Keeping the members' basis in step with the records.


def refresh_member(member_id, user=None):
    member = Member.objects.filter(pk=member_id).first()
    if member is not None:
        member.refresh_membership_basis(user=user)


def refresh_all(day=None):
    """Every member's basis as of today (idempotent). Returns the members that changed."""
    return [member for member in Member.objects.all() if member.refresh_membership_basis(day=day)]


@receiver(pre_save, sender=PillarRole)
@receiver(pre_save, sender=SecretariatHost)
def remember_previous_member(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._previous_member_id = (
        sender.objects.filter(pk=instance.pk).values_list("member_id", flat=True).first()
    )


@receiver(post_save, sender=PillarRole)
@receiver(post_save, sender=SecretariatHost)
@receiver(post_delete, sender=PillarRole)
@receiver(post_delete, sender=SecretariatHost)
def record_automatic_membership(sender, instance, raw=False, **kwargs):
    if raw:
        return
    member_ids = {instance.member_id, getattr(instance, "_previous_member_id", None)} - {None}
    for member_id in member_ids:
        refresh_member(member_id)


# What the admin shows of a pillar's Support Group.


@dataclass
class SupportGroupComposition:
    pillar: Pillar
    day: date
    leads: list = field(default_factory=list)
    co_leads: list = field(default_factory=list)
    former_leads: list = field(default_factory=list)
    reviewers: list = field(default_factory=list)

    @property
    def group(self):
        return self.pillar.support_group


def support_group_composition(pillar, day=None):
    """Lead and co-lead partners from the pillar's roles (today, and former leads), and the
    reviewer accounts of its Support Group user group with their organisations."""
    day = day or timezone.localdate()
    roles = PillarRole.objects.filter(pillar=pillar).select_related("member")
    composition = SupportGroupComposition(pillar=pillar, day=day)
    for role in roles.on(day):
        target = composition.leads if role.role == PillarRole.Role.LEAD else composition.co_leads
        target.append(role)
    composition.former_leads = list(roles.former_leads(day))
    if pillar.support_group_id:
        composition.reviewers = list(
            get_user_model()
            .objects.filter(groups=pillar.support_group_id, is_active=True)
            .prefetch_related("focal_points__member")
            .order_by("last_name", "first_name", "username")
        )
    return composition
