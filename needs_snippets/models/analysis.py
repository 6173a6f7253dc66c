"""Summary tables behind the analyses (gaps, coverage, overlaps) on PostgreSQL.

PostgreSQL maintains them in the transaction of every write that can change an answer: a
statement trigger on responses, their needs and their beneficiaries, on the needs' partners,
on the partners' confirmations and on a need's pillar or area marks the needs touched as
dirty (`AnalysisDirtyNeed`), and the dirty needs' rows are rebuilt when the transaction commits
(a deferred trigger) or before a read in the same transaction (`refresh_summaries`). Only the
triggers write them: the application reads them, never saves them. Other databases (SQLite in
development) compute the analyses live from the source tables instead (see `querysets`).

The analysis generation (`AnalysisGeneration`) names the committed state of what the analyses
read: every transaction that changed it replaces the token as it commits (see
`needs_snippets.analysis_cache`, which keeps results under it).
"""

from django.db import connection, models
from django.utils.translation import gettext_lazy as _


def summaries_maintained():
    """True where the triggers keep the summary tables (PostgreSQL)."""
    return connection.vendor == "postgresql"


def refresh_summaries():
    """Rebuild the rows of the needs this transaction changed, so that a read that follows
    sees them (at commit, the deferred trigger does the same). One query; none off PostgreSQL."""
    if summaries_maintained():
        with connection.cursor() as cursor:
            cursor.execute("SELECT iisg_analysis_refresh_dirty()")


def rebuild_summaries():
    """Rebuild both summary tables from scratch (after writes made with triggers disabled)."""
    if summaries_maintained():
        with connection.cursor() as cursor:
            cursor.execute("SELECT iisg_analysis_rebuild()")


def _summary_link(to, related_name):
    # Rows are written and removed by the triggers only: no constraint, nothing to cascade.
    return models.ForeignKey(
        to,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name=related_name,
    )


class ResponseReach(models.Model):
    """One row per (response, need, beneficiary partner) of a response that is not cancelled:
    who answers which need for which partner, when, and who may see it; with the need's
    pillar and area and whether the partner still has it, so that the coverage matrix counts
    a cell's responses without joining the needs and their partners."""

    response = _summary_link("needs_snippets.Response", "+")
    need = _summary_link("needs_snippets.Need", "+")
    partner = _summary_link("needs_snippets.Member", "+")
    pillar = _summary_link("needs_snippets.Pillar", "+")
    area = _summary_link("needs_snippets.Area", "+")
    open = models.BooleanField(
        help_text=_("The partner still has the need (identified or addressed).")
    )
    member = _summary_link("needs_snippets.Member", "+")
    restricted = models.BooleanField()
    answering = models.BooleanField(help_text=_("Ongoing or planned: closes a gap."))
    confirmed = models.BooleanField(
        default=False,
        help_text=_("The partner confirmed that the response answers the need for it."),
    )
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        verbose_name = _("response reach (summary)")
        indexes = [
            models.Index(fields=["need", "partner"], name="reach_need_partner"),
            models.Index(fields=["response"], name="reach_response"),
        ]

    def __str__(self):
        return f"response {self.response_id} → need {self.need_id} for {self.partner_id}"


class ResponseCover(models.Model):
    """One row per (need, partner) that an ongoing or planned response answers, and per
    organisation whose restricted response answers it (`member` set only then): what makes a
    partner's need covered, for whoever may see it, in a table a tenth of `ResponseReach`;
    with the need's pillar and area and whether the partner still has it, like the reach."""

    need = _summary_link("needs_snippets.Need", "+")
    partner = _summary_link("needs_snippets.Member", "+")
    member = models.ForeignKey(
        "needs_snippets.Member",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        null=True,
    )
    restricted = models.BooleanField()
    pillar = _summary_link("needs_snippets.Pillar", "+")
    area = _summary_link("needs_snippets.Area", "+")
    open = models.BooleanField(
        help_text=_("The partner still has the need (identified or addressed).")
    )

    class Meta:
        verbose_name = _("need cover (summary)")
        indexes = [models.Index(fields=["need", "partner"], name="cover_need_partner")]

    def __str__(self):
        return f"need {self.need_id} answered for {self.partner_id}"


class ResponseOverlap(models.Model):
    """One row per (response, need, partner, rival): another member's response that is not
    cancelled answers the same need for the same partner in an overlapping period. Who may
    see each side is copied (`member`, `restricted`, and the rival's)."""

    response = _summary_link("needs_snippets.Response", "+")
    need = _summary_link("needs_snippets.Need", "+")
    partner = _summary_link("needs_snippets.Member", "+")
    member = _summary_link("needs_snippets.Member", "+")
    restricted = models.BooleanField()
    rival = _summary_link("needs_snippets.Response", "+")
    rival_member = _summary_link("needs_snippets.Member", "+")
    rival_restricted = models.BooleanField()

    class Meta:
        verbose_name = _("response overlap (summary)")
        indexes = [
            models.Index(fields=["response", "need", "partner"], name="overlap_response"),
            models.Index(fields=["need"], name="overlap_need"),
        ]

    def __str__(self):
        return f"response {self.response_id} overlaps {self.rival_id} on need {self.need_id}"


class AnalysisDirtyNeed(models.Model):
    """A need whose summary rows wait to be rebuilt, within the transaction that changed it."""

    need_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("need awaiting its summaries")

    def __str__(self):
        return f"need {self.need_id}"


class AnalysisGeneration(models.Model):
    """The one row naming the committed state of what the analyses read: a random token that
    PostgreSQL replaces when a transaction that wrote needs, their partners, measures,
    members, pillars, areas or the summaries commits. Written by the triggers only."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("analysis generation")

    def __str__(self):
        return self.token


class AnalysisPendingChange(models.Model):
    """A transaction that has changed what the analyses read and not yet committed: at its
    commit a deferred trigger removes the row and replaces the generation's token."""

    transaction_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("analysis change awaiting its commit")

    def __str__(self):
        return f"transaction {self.transaction_id}"
