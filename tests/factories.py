"""Factories for the secure database. Every factory builds valid, saved data."""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from needs_snippets.models import (
    Area,
    Axis,
    FocalPoint,
    MappingCycle,
    Measure,
    Member,
    MemberKind,
    Need,
    Objective,
    Pillar,
    Response,
    ResponseBeneficiary,
    ResponseNeed,
    ResponseParticipant,
)

WB_CODES = ["AL", "BA", "XK", "ME", "MK", "RS"]
WB_NAMES = {
    "AL": "Albania",
    "BA": "Bosnia and Herzegovina",
    "XK": "Kosovo",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "RS": "Serbia",
}

#: Every factory-made person's password, for signing in through the real form.
PASSWORD = "correct horse battery staple"


def sets_many_to_many(field):
    """A post-generation declaration: `Factory(field=[...])` sets the created object's
    many-to-many `field` to those objects, then saves the object; built objects are left alone."""

    def set_field(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)
            obj.save()

    return factory.PostGeneration(set_field)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"International organisation {n}")
    short_name = factory.Sequence(lambda n: f"IO{n}")
    kind = MemberKind.INTERNATIONAL_ORGANISATION


class PartnerFactory(MemberFactory):
    """One of the six Western Balkans partners (get or create by country code)."""

    class Meta:
        model = Member
        django_get_or_create = ("country_code",)

    country_code = factory.Iterator(WB_CODES)
    name = factory.LazyAttribute(lambda o: WB_NAMES[o.country_code])
    short_name = factory.SelfAttribute("country_code")
    kind = MemberKind.WB_PARTNER


def wb_partners():
    """The six Western Balkans partners, keyed by country code."""
    return {code: PartnerFactory(country_code=code) for code in WB_CODES}


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ("code",)

    code = factory.Iterator(["WBCTi", "WBCSCi", "WBBSi"])
    name = factory.LazyAttribute(lambda o: f"{o.code} initiative")
    sort_order = factory.LazyAttribute(lambda o: ["WBCTi", "WBCSCi", "WBBSi", o.code].index(o.code))


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis
        django_get_or_create = ("pillar", "name")

    pillar = factory.SubFactory(PillarFactory)
    name = "Prevention"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Iterator(["legislation", "institutional", "operational"])
    name = factory.LazyAttribute(lambda o: o.code.title())


class MappingCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingCycle
        django_get_or_create = ("edition", "kind")

    edition = "2021–2022"
    kind = MappingCycle.Kind.NEEDS
    period_start = date(2021, 1, 1)
    period_end = date(2022, 12, 31)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    """An objective of `axis` (and its pillar) in `cycle`."""

    class Meta:
        model = Objective

    cycle = factory.SubFactory(MappingCycleFactory)
    axis = factory.SubFactory(AxisFactory)
    pillar = factory.SelfAttribute("axis.pillar")
    code = factory.Sequence(lambda n: f"OBJ-{n}")
    title = factory.Sequence(lambda n: f"Objective {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    """A measure under `objective`, in the objective's edition."""

    class Meta:
        model = Measure

    objective = factory.SubFactory(ObjectiveFactory)
    cycle = factory.SelfAttribute("objective.cycle")
    code = factory.Sequence(lambda n: f"MEA-{n}")
    title = factory.Sequence(lambda n: f"Measure {n}")


class NeedFactory(factory.django.DjangoModelFactory):
    """A live need; pass `partners=[...]` to set the partners that identified it."""

    class Meta:
        model = Need
        skip_postgeneration_save = True

    cycle = factory.SubFactory(MappingCycleFactory)
    reference_code = factory.Sequence(lambda n: f"N-{n:04d}")
    title = factory.Sequence(lambda n: f"Need {n}")
    pillar = factory.SubFactory(PillarFactory, code="WBCSCi")
    axis = factory.SubFactory(AxisFactory, pillar=factory.SelfAttribute("..pillar"))
    area = factory.SubFactory(AreaFactory, code="operational")
    state_of_play = "Financial investigations are rarely opened alongside criminal cases."
    gap = "No specialised unit for parallel financial investigations."
    action_needed = "Set up and train a financial investigation unit."
    timeframe = Need.Timeframe.MEDIUM
    live = True

    partners = sets_many_to_many("partners")


class ResponseFactory(factory.django.DjangoModelFactory):
    """A response; pass `needs=[...]` and `beneficiaries=[...]`."""

    class Meta:
        model = Response
        skip_postgeneration_save = True

    reporting_member = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    description = "Training and equipment for the units concerned."
    pillar = factory.SubFactory(PillarFactory, code="WBCSCi")
    iati_status = 2
    planned_start = date(2022, 1, 1)
    planned_end = date(2022, 12, 31)

    needs = sets_many_to_many("needs")
    beneficiaries = sets_many_to_many("beneficiaries")


class ResponseParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponseParticipant

    response = factory.SubFactory(ResponseFactory)
    member = factory.SubFactory(MemberFactory)
    role = 4


class UserFactory(factory.django.DjangoModelFactory):
    """A user in the named role groups: `UserFactory(groups=["Secretariat"])`."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


def board_seats(holders=None, codes=(*WB_CODES, "EC")):
    """The Board's seats: one per Western Balkans partner and one for the European
    Commission, each held (titular) by a new account in the Board group, or by the accounts
    of `holders` (one per seat, in the order of `codes`; None leaves a seat vacant).
    Returns {code: seat}."""
    from needs_snippets.models import BoardSeat, BoardSeatHolder

    partners = wb_partners()
    commission, _ = Member.objects.get_or_create(
        name="European Commission",
        defaults={"short_name": "EC", "kind": MemberKind.EU_INSTITUTION},
    )
    seats = {}
    for order, code in enumerate(codes):
        member = commission if code == "EC" else partners[code]
        seat, _ = BoardSeat.objects.get_or_create(member=member, defaults={"sort_order": order})
        holder = (
            holders[order]
            if holders is not None
            else UserFactory(username=f"board-{code.lower()}", groups=["Board"])
        )
        if holder is not None:
            BoardSeatHolder.objects.create(seat=seat, user=holder, start=date(2020, 1, 1))
        seats[code] = seat
    return seats


def focal_point(member, username, groups=("Members",)):
    """A login acting for `member` as its focal point, in the given role groups."""
    user = UserFactory(username=username, groups=list(groups))
    FocalPoint.objects.create(member=member, name=username, email=user.email, user=user)
    return user


def bulk_needs(count, cycle, pillar, axis, area, partners, prefix="BULK"):
    """`count` live needs at once, each identified by `partners` (for size-independence tests)."""
    from needs_snippets.models import Measure, NeedPartner

    template = NeedFactory.build()
    measure = Measure.unclassified_for(cycle.pk, axis)
    needs = Need.objects.bulk_create(
        Need(
            cycle=cycle,
            reference_code=f"{prefix}-{i:05d}",
            title=f"{prefix} need {i}",
            pillar=pillar,
            axis=axis,
            measure=measure,
            area=area,
            state_of_play=template.state_of_play,
            gap=template.gap,
            action_needed=template.action_needed,
            timeframe=template.timeframe,
            live=True,
        )
        for i in range(count)
    )
    NeedPartner.objects.bulk_create(
        NeedPartner(need=need, partner=partner) for need in needs for partner in partners
    )
    return needs


def bulk_overlapping_responses(needs, members, partner, title="Bulk response"):
    """One response per need for `partner`, by each of `members` in turn, answering its need
    and the next one's: every need has two members' responses at once (an overlap)."""
    responses = Response.objects.bulk_create(
        Response(
            reporting_member=members[i % len(members)], title=f"{title} {i}",
            description="Bulk.", pillar=need.pillar, iati_status=2,
        )
        for i, need in enumerate(needs)
    )  # fmt: skip
    ResponseNeed.objects.bulk_create(
        ResponseNeed(response=response, need=need)
        for i, response in enumerate(responses)
        for need in (needs[i], needs[(i + 1) % len(needs)])
    )
    ResponseBeneficiary.objects.bulk_create(
        ResponseBeneficiary(response=response, partner=partner) for response in responses
    )
    return responses
