"""Links to Western Balkans partners, kept to WB partners by the database itself."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .registries import MemberKind


class WBPartnerLink(models.Model):
    """A row linking something to a Western Balkans partner.

    `partner_kind` is always "wb_partner" (a database default and check), and on PostgreSQL a
    composite foreign key (partner_id, partner_kind) → member (id, kind) makes the database
    refuse a link to any other kind of member. See migration `0002_composite_foreign_keys`.
    """

    partner = models.ForeignKey(
        "needs_snippets.Member",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": MemberKind.WB_PARTNER},
        verbose_name=_("partner"),
    )
    partner_kind = models.CharField(max_length=32, db_default=MemberKind.WB_PARTNER, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def partner_constraints(cls, prefix):
        return [
            models.CheckConstraint(
                condition=Q(partner_kind=MemberKind.WB_PARTNER),
                name=f"{prefix}_partner_is_wb_partner",
                violation_error_message=_("Only Western Balkans partners can be chosen here."),
            ),
        ]
