"""Synthetic secure-database content at scale, for benchmarks. Deterministic for a seed."""

import random
from datetime import date, timedelta

from django.db import connection, transaction

from .constants import IATIActivityStatus
from .demo.loader import DemoLoader
from .models import (
    MappingCycle,
    Measure,
    Need,
    NeedPartner,
    Objective,
    Response,
    ResponseBeneficiary,
    ResponseConfirmation,
    ResponseNeed,
    ResponseParticipant,
)

SYNTHETIC_EDITION = "synthetic"
BATCH_SIZE = 2000
#: How often each partner's status occurs on its synthetic need (most are still open).
PARTNER_STATUS_WEIGHTS = {
    NeedPartner.Status.IDENTIFIED: 70,
    NeedPartner.Status.ADDRESSED: 15,
    NeedPartner.Status.MET: 10,
    NeedPartner.Status.WITHDRAWN: 5,
}
#: How a partner answered a synthetic claim: confirmed, disputed, or not yet ("").
CONFIRMATION_WEIGHTS = {"confirmed": 0.3, "disputed": 0.05, "": 0.65}
#: Share of synthetic responses their organisation marked restricted.
RESTRICTED_SHARE = 0.05


def _delete_without_signals(queryset):
    # Synthetic rows are bulk-created: no revisions, no search entries, nothing for delete
    # signals to clean up. Deleting through the collector would queue one index task per row.
    queryset._raw_delete(queryset.db)


def clear_synthetic():
    """Delete what `seed_synthetic` made (its cycle, measures, needs and responses)."""
    responses = Response.objects.filter(title__startswith="Synthetic action ")
    needs = Need.objects.filter(cycle__edition=SYNTHETIC_EDITION)
    in_cycle = {"cycle__edition": SYNTHETIC_EDITION}
    for queryset in (
        ResponseConfirmation.objects.filter(response__in=responses),
        ResponseNeed.objects.filter(response__in=responses),
        ResponseBeneficiary.objects.filter(response__in=responses),
        ResponseParticipant.objects.filter(response__in=responses),
        responses,
        NeedPartner.objects.filter(need__in=needs),
        needs,
        Measure.objects.filter(**in_cycle),
        Objective.objects.filter(**in_cycle),
        MappingCycle.objects.filter(edition=SYNTHETIC_EDITION),
    ):
        _delete_without_signals(queryset)


@transaction.atomic
def seed_synthetic(needs_count, responses_count, seed=2021, progress=None):
    """Replace earlier synthetic data with `needs_count` needs and `responses_count` responses.

    Needs are spread over pillars, axes, areas and 1-6 partners, each partner with its own
    status (most still open); responses answer 1-3 needs of their pillar for 1-3 partners over
    periods of 6 to 36 months, a few cancelled, a few restricted to their organisation; the
    partners confirm about a third of the claims and dispute a few.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    clear_synthetic()
    base = DemoLoader().load_registries()
    cycle = MappingCycle.objects.create(
        edition=SYNTHETIC_EDITION,
        kind=MappingCycle.Kind.NEEDS,
        period_start=date(2021, 1, 1),
        period_end=date(2022, 12, 31),
    )
    needs, identified = _seed_needs(rng, base, cycle, needs_count)
    if progress:
        progress(f"{len(needs)} needs")
    claims = _seed_responses(rng, base, needs, responses_count)
    _seed_confirmations(rng, claims, identified)
    if progress:
        progress(f"{len(claims)} responses")
    return cycle


def _seed_needs(rng, base, cycle, count):
    """(needs, {need id: partners that identified it}): `count` needs over the pillars, each
    with its partners' statuses."""
    partners = list(base.partners.values())
    areas = list(base.areas.values())
    axes_by_pillar = {}
    for (code, _name), axis in base.axes.items():
        axes_by_pillar.setdefault(code, []).append(axis)
    pillar_codes = sorted(axes_by_pillar)
    needs = []
    for i in range(count):
        code = pillar_codes[i % len(pillar_codes)]
        axis = rng.choice(axes_by_pillar[code])
        needs.append(
            Need(
                cycle=cycle,
                reference_code=f"S-{i:06d}",
                title=f"Synthetic need {i}",
                pillar=base.pillars[code],
                axis=axis,
                measure=Measure.unclassified_for(cycle.pk, axis),
                area=rng.choice(areas),
                state_of_play="Synthetic state of play.",
                gap="Synthetic gap.",
                action_needed="Synthetic action.",
                timeframe=rng.choice(Need.Timeframe.values),
                live=True,
            )
        )
    needs = Need.objects.bulk_create(needs, batch_size=BATCH_SIZE)
    statuses, weights = zip(*PARTNER_STATUS_WEIGHTS.items(), strict=True)
    identified = {need.pk: rng.sample(partners, rng.randint(1, len(partners))) for need in needs}
    NeedPartner.objects.bulk_create(
        (
            NeedPartner(need=need, partner=partner, status=rng.choices(statuses, weights)[0])
            for need in needs
            for partner in identified[need.pk]
        ),
        batch_size=BATCH_SIZE,
    )
    return needs, identified


def _seed_responses(rng, base, needs, count):
    """[(response, needs it answers, partners it benefits)] for `count` responses, with their
    links and participants."""
    partners = list(base.partners.values())
    members = [m for m in base.members.values() if not m.country_code]
    needs_by_pillar = {}
    for need in needs:
        needs_by_pillar.setdefault(need.pillar_id, []).append(need)
    pillar_ids = sorted(needs_by_pillar)
    responses, answered, benefiting = [], [], []
    for i in range(count):
        pillar_id = pillar_ids[i % len(pillar_ids)]
        start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 5 * 365))
        responses.append(
            Response(
                reporting_member=rng.choice(members),
                title=f"Synthetic action {i}",
                description="Synthetic description.",
                pillar_id=pillar_id,
                iati_status=IATIActivityStatus.CANCELLED
                if rng.random() < 0.03
                else IATIActivityStatus.IMPLEMENTATION,
                planned_start=start,
                planned_end=start + timedelta(days=rng.randint(180, 3 * 365)),
                sensitivity=Response.Sensitivity.RESTRICTED
                if rng.random() < RESTRICTED_SHARE
                else Response.Sensitivity.MEMBERS,
            )
        )
        answered.append(rng.sample(needs_by_pillar[pillar_id], rng.randint(1, 3)))
        benefiting.append(rng.sample(partners, rng.randint(1, 3)))
    responses = Response.objects.bulk_create(responses, batch_size=BATCH_SIZE)
    claims = list(zip(responses, answered, benefiting, strict=True))
    ResponseNeed.objects.bulk_create(
        (ResponseNeed(response=r, need=need) for r, r_needs, _ in claims for need in r_needs),
        batch_size=BATCH_SIZE,
    )
    ResponseBeneficiary.objects.bulk_create(
        (
            ResponseBeneficiary(response=r, partner=p)
            for r, _, r_partners in claims
            for p in r_partners
        ),
        batch_size=BATCH_SIZE,
    )
    ResponseParticipant.objects.bulk_create(
        (ResponseParticipant(response=r, member=r.reporting_member, role=4) for r in responses),
        batch_size=BATCH_SIZE,
    )
    return claims


def _seed_confirmations(rng, claims, identified):
    """The partners' answers to the claims: about a third confirmed, a few disputed."""
    verdicts, verdict_weights = zip(*CONFIRMATION_WEIGHTS.items(), strict=True)
    decisions = []
    for response, response_needs, response_partners in claims:
        for need in response_needs:
            for partner in response_partners:
                verdict = rng.choices(verdicts, verdict_weights)[0]
                if verdict and partner in identified[need.pk]:
                    reason = "Synthetic reason." if verdict == "disputed" else ""
                    decisions.append(
                        ResponseConfirmation(
                            response=response, need=need, partner=partner, verdict=verdict,
                            reason=reason,
                        )
                    )  # fmt: skip
    ResponseConfirmation.objects.bulk_create(decisions, batch_size=BATCH_SIZE)


def refresh_statistics():
    """Let PostgreSQL's planner see the new row counts (autovacuum would, minutes later)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
