"""Two needs-mapping editions with one need of each fate, for the comparison's tests: WBCSCi's
Prevention axis in 2021–2022 and 2023–2024."""

from datetime import date

import pytest

from needs_snippets.models import NeedOutcome, NeedOutcomeResponse
from tests.factories import (
    AxisFactory,
    MappingCycleFactory,
    MeasureFactory,
    NeedFactory,
    ObjectiveFactory,
    PillarFactory,
    ResponseFactory,
    wb_partners,
)


@pytest.fixture
def two_editions(db):
    """2021–2022 and 2023–2024 of WBCSCi's Prevention axis, with one of each fate."""
    partners = wb_partners()
    al, rs, me = partners["AL"], partners["RS"], partners["ME"]
    pillar = PillarFactory(code="WBCSCi")
    axis = AxisFactory(pillar=pillar, name="Prevention")
    earlier = MappingCycleFactory(edition="2021–2022")
    later = MappingCycleFactory(
        edition="2023–2024", period_start=date(2023, 1, 1), period_end=date(2024, 12, 31)
    )
    old_measure = MeasureFactory(objective=ObjectiveFactory(cycle=earlier, axis=axis), code="M1")
    carried = MeasureFactory(
        objective=ObjectiveFactory(
            cycle=later, axis=axis, code=old_measure.objective.code,
            predecessor=old_measure.objective,
        ),
        code="M1", predecessor=old_measure,
    )  # fmt: skip
    other_measure = MeasureFactory(objective=carried.objective, code="M2")

    def need(cycle, code, measure, partners=(al, rs), **fields):
        return NeedFactory(
            cycle=cycle, reference_code=code, pillar=pillar, axis=axis, measure=measure,
            partners=list(partners), **fields,
        )  # fmt: skip

    same = need(earlier, "WBCSCi-PRE-01", old_measure, title="Asset recovery offices")
    need(later, "WBCSCi-PRE-01", carried, title="Asset recovery offices")
    edited = need(earlier, "WBCSCi-PRE-02", old_measure, title="Witness protection")
    need(
        later, "WBCSCi-PRE-02", other_measure, title="Witness protection",
        gap="No specialised unit for witness protection.", partners=(al, rs, me),
    )  # fmt: skip
    renamed = need(earlier, "WBCSCi-PRE-03", old_measure, title="Cybercrime units")
    need(later, "WBCSCi-PRV-07", carried, title="Cybercrime units", predecessor=renamed)
    need(later, "WBCSCi-PRE-09", carried, title="Crypto-asset tracing", partners=(me,))
    met = need(earlier, "WBCSCi-PRE-04", old_measure, title="Financial investigation units")
    dropped = need(earlier, "WBCSCi-PRE-05", old_measure, title="Port control units")
    unrecorded = need(earlier, "WBCSCi-PRE-06", old_measure, title="Border liaison officers")
    training = ResponseFactory(title="Financial investigations training", needs=[met])
    outcome = NeedOutcome.objects.create(
        need=met, outcome="met", evidence="Units set up in Albania and Serbia in 2022."
    )
    NeedOutcomeResponse.objects.create(outcome=outcome, response=training)
    NeedOutcome.objects.create(
        need=dropped, outcome="dropped", reason="Merged into the WBBSi port controls need."
    )
    return {
        "earlier": earlier, "later": later, "same": same, "edited": edited,
        "renamed": renamed, "met": met, "dropped": dropped, "unrecorded": unrecorded,
    }  # fmt: skip
