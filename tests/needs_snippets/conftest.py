"""A mapping cycle as the consultation tests need it: needs, a responses cycle, a member's
response; the next edition, with the hierarchy to carry over into it; an import waiting for its
confirmation."""

from datetime import date

import pytest

from needs_snippets.models import (
    CyclePhase,
    MappingCycle,
    Meeting,
    Priority,
    StrategicDocument,
    TemplateImport,
)
from tests import factories as f
from tests.needs_snippets.filling import fill_as_albania, needs_template, upload, xlsx


@pytest.fixture
def cycle_data(db):
    partners = f.wb_partners()
    pillar = f.PillarFactory(code="WBCTi")
    prevent, respond = (
        f.AxisFactory(pillar=pillar, name="Prevent"),
        f.AxisFactory(pillar=pillar, name="Respond"),
    )
    legislation = f.AreaFactory(code="legislation", name="Legislation/strategy")
    operational = f.AreaFactory(code="operational", name="Operational work")
    cycle = f.MappingCycleFactory(edition="2021–2022")
    for phase, dates in {
        1: (date(2021, 2, 2), date(2021, 3, 15), date(2021, 2, 2), date(2021, 3, 19)),
        2: (date(2021, 3, 16), date(2021, 6, 30), date(2021, 3, 3), None),
        3: (date(2021, 7, 1), date(2021, 7, 31), None, None),
    }.items():
        CyclePhase.objects.create(
            cycle=cycle, phase=phase, planned_start=dates[0], planned_end=dates[1],
            actual_start=dates[2], actual_end=dates[3],
        )  # fmt: skip
    package = StrategicDocument.objects.create(
        title="EU enlargement package 2020", issuer="European Commission", cycle=cycle
    )
    Meeting.objects.create(
        title="WBCTi Support Group", kind=Meeting.Kind.SUPPORT_GROUP, pillar=pillar,
        start_date=date(2021, 3, 3), place="Prishtina", cycle=cycle,
    )  # fmt: skip
    needs = {
        "returnees": f.NeedFactory(
            cycle=cycle, reference_code="WBCTi-PRE-OPE-01", title="Returnee rehabilitation",
            pillar=pillar, axis=prevent, area=operational,
            partners=[partners["AL"], partners["XK"]],
        ),
        "strategy": f.NeedFactory(
            cycle=cycle, reference_code="WBCTi-PRE-LEG-01", title="CVE strategy renewal",
            pillar=pillar, axis=prevent, area=legislation, partners=[partners["ME"]],
        ),
        "crisis": f.NeedFactory(
            cycle=cycle, reference_code="WBCTi-RES-OPE-01", title="Crisis exercises",
            pillar=pillar, axis=respond, area=operational, partners=[partners["BA"]],
        ),
    }  # fmt: skip
    responses_cycle = f.MappingCycleFactory(
        edition="2022", kind=MappingCycle.Kind.RESPONSES,
        period_start=date(2022, 1, 1), period_end=date(2022, 12, 31),
    )  # fmt: skip
    unodc = f.MemberFactory(name="United Nations Office on Drugs and Crime", short_name="UNODC")
    training = f.ResponseFactory(
        reporting_member=unodc, title="Prison deradicalisation training", pillar=pillar,
        needs=[needs["returnees"]], beneficiaries=[partners["AL"]], budget=None, currency="EUR",
    )  # fmt: skip
    return {
        "partners": partners, "pillar": pillar, "cycle": cycle, "needs": needs,
        "package": package, "responses_cycle": responses_cycle, "unodc": unodc,
        "training": training,
    }  # fmt: skip


@pytest.fixture
def editions(cycle_data):
    """The fixture's 2021–2022 edition with a priority, an objective and two measures (one need
    under the first), and an empty 2023–2024 edition."""
    first = cycle_data["cycle"]
    prevent = cycle_data["needs"]["returnees"].axis
    priority = Priority.objects.create(
        cycle=first, pillar=prevent.pillar, code="WBCTi-P1", title="Prevention first"
    )
    objective = f.ObjectiveFactory(
        cycle=first, axis=prevent, code="WBCTi-PRE-1", title="Radicalisation", priority=priority
    )
    exit_work = f.MeasureFactory(objective=objective, code="WBCTi-PRE-1.1", title="Exit work")
    f.MeasureFactory(objective=objective, code="WBCTi-PRE-1.2", title="Prisons", sort_order=2)
    returnees = cycle_data["needs"]["returnees"]
    returnees.measure = exit_work
    returnees.save()
    second = f.MappingCycleFactory(
        edition="2023–2024", period_start=date(2023, 1, 1), period_end=date(2024, 12, 31)
    )
    return {**cycle_data, "first": first, "second": second, "exit_work": exit_work}


@pytest.fixture
def checked_import(secretariat_client, cycle_data, django_capture_on_commit_callbacks):
    """Albania's filled template, uploaded and checked: waiting for the confirmation."""
    filled = xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data)))
    _page, item = upload(
        secretariat_client, cycle_data["cycle"], filled, capture=django_capture_on_commit_callbacks
    )
    assert item.status == TemplateImport.Status.READY
    return item
