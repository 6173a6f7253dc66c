"""The IISG Board as seats: one per Western Balkans partner and one for the European
Commission, each held by a titular representative and optional deputies over dates.

Decisions of the Board count seats, never accounts: any holder of a seat casts the seat's
vote, a seat without an active holder is vacant and blocks a unanimity decision.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cms.panels import InlinePanel

from .cycles import end_not_before_start
from .registries import Member, MemberKind

SEAT_KINDS = (MemberKind.WB_PARTNER, MemberKind.EU_INSTITUTION)


class BoardSeatQuerySet(models.QuerySet):
    def with_holders(self):
        return self.select_related("member").prefetch_related("holders__user")


class BoardSeat(ClusterableModel):
    """One seat on the Board, for a Western Balkans partner or the European Commission."""

    member = models.OneToOneField(
        Member,
        on_delete=models.PROTECT,
        related_name="board_seat",
        limit_choices_to={"kind__in": SEAT_KINDS},
        verbose_name=_("seat of"),
        help_text=_("A Western Balkans partner, or the European Commission."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = BoardSeatQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("member"), FieldPanel("sort_order")]),
        InlinePanel(
            "holders",
            heading=_("Holders"),
            label=_("Holder"),
            help_text=_(
                "The titular representative and any deputies, with the dates they hold the "
                "seat. End a holder's term rather than deleting it: past votes name them."
            ),
        ),
    ]

    class Meta:
        ordering = ["sort_order", "member__name"]
        verbose_name = _("Board seat")
        verbose_name_plural = _("Board seats")

    def __str__(self):
        return str(self.member)

    def clean(self):
        super().clean()
        if self.member_id and self.member.kind not in SEAT_KINDS:
            raise ValidationError(
                {
                    "member": _(
                        "A Board seat belongs to a Western Balkans partner or the European "
                        "Commission: choose one of them."
                    )
                }
            )

    # The seat protocol read by the moderation tasks (workflows.models).
    @property
    def seat_key(self):
        """Stable key of the seat in ballots: it survives renaming the member."""
        return f"board-seat:{self.pk}"

    def holdings_on(self, day=None):
        day = day or timezone.localdate()
        return self.holders.filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)

    def active_holders(self, day=None):
        """Accounts that may cast this seat's vote today: current holders, active accounts."""
        return (
            get_user_model()
            .objects.filter(
                pk__in=self.holdings_on(day).values("user"),
                is_active=True,
            )
            .order_by("last_name", "first_name", "username")
        )

    def is_held_by(self, user, day=None):
        return self.active_holders(day).filter(pk=user.pk).exists()

    def holders_label(self, day=None):
        """ "Name (titular), Name (deputy)": who holds the seat, for a decision record."""
        holdings = self.holdings_on(day).select_related("user").order_by("role", "start")
        return ", ".join(
            f"{h.user.get_full_name() or h.user.username} ({h.get_role_display()})"
            for h in holdings
            if h.user.is_active
        )


class BoardSeatHolder(models.Model):
    """A person holding a seat, titular or deputy, from `start` until `end` (inclusive)."""

    class Role(models.TextChoices):
        TITULAR = "titular", _("Titular")
        DEPUTY = "deputy", _("Deputy")

    seat = ParentalKey(BoardSeat, on_delete=models.CASCADE, related_name="holders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="board_seat_holdings",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TITULAR)
    start = models.DateField(_("holds the seat from"), default=timezone.localdate)
    end = models.DateField(_("until"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
    ]

    class Meta:
        ordering = ["seat", "role", "start"]
        verbose_name = _("Board seat holder")
        constraints = [
            end_not_before_start(
                "start",
                "end",
                "seat_holder_end_not_before_start",
                _("A term cannot end before it starts: correct the end date."),
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.seat})"
