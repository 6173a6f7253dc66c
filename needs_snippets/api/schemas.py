"""The shapes the API reads and writes for the secure database.

A field named after a relation (`axes`, `measures`, `needs`, `sources`, ...) lists its rows by
itself (ninja reads a related manager as the list of its rows); a `resolve_` method says only
what ninja cannot read from the object."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.schema import DjangoGetter
from pydantic import BeforeValidator, StringConstraints, model_validator

from ..constants import KOSOVO_FOOTNOTE, IATIActivityStatus, IATIOrganisationRole
from ..models import Need, Response
from ..permissions import response_policy
from ..querysets import FAR_FUTURE, FAR_PAST
from .common import BodyText, Code, Day, Id, not_true_or_false

IATIStatusCode = Annotated[
    Literal[tuple(IATIActivityStatus.values)], BeforeValidator(not_true_or_false)
]
IATIRoleCode = Annotated[
    Literal[tuple(IATIOrganisationRole.values)], BeforeValidator(not_true_or_false)
]
SensitivityCode = Literal[tuple(Response.Sensitivity.values)]
NeedStatusCode = Literal[tuple(Need.Status.values)]


class PartnerRef(Schema):
    """A Western Balkans partner. Kosovo* carries its designation footnote, always shown."""

    code: str = Field(description="ISO 3166 alpha-2 code (XK for Kosovo*).")
    name: str = Field(description="Name as shown, Kosovo* with its star.")
    footnote: str | None = Field(description="The designation footnote, for Kosovo* only.")


def partner_ref(member):
    """A partner (a `Member`) as PartnerRef data."""
    return {
        "code": member.country_code,
        "name": member.display_name,
        "footnote": str(KOSOVO_FOOTNOTE) if member.has_designation_footnote else None,
    }


def pillar_code(row):
    """The code of `row`'s pillar: how the API names a pillar (a schema's `resolve_pillar`)."""
    return row.pillar.code


class AxisOut(Schema):
    id: int
    name: str
    description: str


class PillarOut(Schema):
    code: str
    name: str
    scope: str
    axes: list[AxisOut]
    lead_partners: list[str] = Field(description="The pillar's lead partner(s) today.")
    co_lead_partners: list[str] = Field(description="The pillar's co-lead partners today.")

    @staticmethod
    def resolve_lead_partners(pillar):
        return [r.member.display_name for r in pillar.current_roles if r.role == "lead"]

    @staticmethod
    def resolve_co_lead_partners(pillar):
        return [r.member.display_name for r in pillar.current_roles if r.role == "co_lead"]


class AreaOut(Schema):
    code: str
    name: str


class CycleRef(Schema):
    id: int
    edition: str


class CycleOut(CycleRef):
    kind: Literal["needs", "responses"]
    period_start: date
    period_end: date
    status: str
    current_phase: str | None

    @staticmethod
    def resolve_current_phase(cycle):
        return cycle.get_current_phase_display() if cycle.current_phase else None


class MemberRef(Schema):
    id: int
    name: str = Field(description="Name as shown, Kosovo* with its star.")
    footnote: str | None = Field(description="The designation footnote, for Kosovo* only.")

    @staticmethod
    def resolve_name(member):
        return member.display_name

    @staticmethod
    def resolve_footnote(member):
        return str(KOSOVO_FOOTNOTE) if member.has_designation_footnote else None


class MemberOut(MemberRef):
    short_name: str
    kind: str
    country_code: str | None
    status: str
    joined: date | None
    website: str
    iati_identifier: str = Field(description="IATI organisation identifier, or empty.")
    iati_organisation_type: str = Field(description="IATI OrganisationType code, or empty.")


class AxisRef(Schema):
    id: int
    name: str


class NeedRef(Schema):
    id: int
    reference_code: str


class HierarchyRef(Schema):
    """An objective or measure of an edition."""

    id: int
    code: str
    title: str


class MeasureOut(HierarchyRef):
    unclassified: bool = Field(
        description="True for the axis's Unclassified measure: needs waiting for placement."
    )


class ObjectiveOut(HierarchyRef):
    """An objective of a pillar's axis in one edition, with its measures in order."""

    cycle: int = Field(description="Id of the needs mapping cycle (edition).")
    pillar: str = Field(description="Pillar code.")
    axis: AxisRef
    priority: HierarchyRef | None = Field(description="The priority it serves, if any.")
    unclassified: bool
    measures: list[MeasureOut]

    resolve_pillar = staticmethod(pillar_code)

    @staticmethod
    def resolve_cycle(objective):
        return objective.cycle_id


class NeedPartnerOut(Schema):
    """A partner's own detail of a need."""

    partner: PartnerRef
    status: Literal["identified", "addressed", "met", "withdrawn"] = Field(
        description="identified or addressed: still open for the partner; met; withdrawn."
    )
    state_of_play: str = Field(description="The partner's own state of play (may be empty).")
    location: str = Field(description="WHERE the need applies in the partner.")
    due: date | None = Field(description="WHEN it is due for the partner.")

    @staticmethod
    def resolve_partner(link):
        return partner_ref(link.partner)


class NeedTextOut(NeedRef):
    """What every view of a need gives, public or the members': its place, its text and the
    partners that identified it."""

    title: str
    cycle: CycleRef
    pillar: str = Field(description="Pillar code.")
    axis: AxisRef
    area: AreaOut
    state_of_play: str
    gap: str
    action_needed: str
    timeframe_label: str
    partners: list[PartnerRef] = Field(description="Partners that identified the need.")


class NeedOut(NeedTextOut):
    """A published need of the secure database."""

    objective: HierarchyRef
    measure: MeasureOut = Field(description="The measure the need sits under.")
    timeframe: str
    partner_details: list[NeedPartnerOut] = Field(
        description="Each partner's own status, state of play, place and due date."
    )
    second_pillar: str | None = Field(
        description="Another pillar the need touches (counted under `pillar` only)."
    )
    regional: bool = Field(
        description="Open (neither met nor withdrawn) in at least the regional threshold."
    )
    status: NeedStatusCode
    is_gap: bool = Field(
        description="For some partner, no ongoing or planned response you may see answers it."
    )
    last_published_at: datetime | None

    resolve_pillar = staticmethod(pillar_code)

    @staticmethod
    def resolve_is_gap(need):
        return need.has_gap

    @staticmethod
    def resolve_objective(need):
        return need.measure.objective

    @staticmethod
    def resolve_timeframe_label(need):
        return str(need.get_timeframe_display())

    @staticmethod
    def resolve_partners(need):
        return [partner_ref(partner) for partner in need.partners.all()]

    @staticmethod
    def resolve_partner_details(need):
        return need.partner_links.all()

    @staticmethod
    def resolve_second_pillar(need):
        return need.second_pillar.code if need.second_pillar_id else None

    @staticmethod
    def resolve_regional(need):
        return need.is_regional


class GapOut(NeedOut):
    """A need that is a gap for some of its partners."""

    gap_for: list[PartnerRef] = Field(
        description="Partners with the need open that no ongoing or planned response you may "
        "see answers."
    )
    covered_for: list[PartnerRef] = Field(description="Partners for which it is answered.")

    @staticmethod
    def resolve_gap_for(need):
        return [partner_ref(link.partner) for link in need.open_links if not link.is_covered]

    @staticmethod
    def resolve_covered_for(need):
        return [partner_ref(link.partner) for link in need.open_links if link.is_covered]


class ResponseRef(Schema):
    id: int
    title: str
    reporting_member: MemberRef


class SourceOut(Schema):
    id: int
    title: str
    issuer: str
    url: str


class NeedDetailOut(NeedOut):
    sources: list[SourceOut]
    responses: list[ResponseRef] = Field(description="The responses you may see answering it.")

    @staticmethod
    def resolve_responses(need):
        return need.responses_seen


class ParticipationOut(Schema):
    member: MemberRef
    role: IATIRoleCode
    role_label: str

    @staticmethod
    def resolve_role_label(participation):
        return str(participation.get_role_display())


class ResponseOut(Schema):
    """A response: a programme or action of IISG members answering mapped needs."""

    id: int
    title: str
    description: str
    reporting_member: MemberRef
    pillar: str = Field(description="Pillar code.")
    cycle: CycleRef | None
    needs: list[NeedRef]
    beneficiaries: list[PartnerRef]
    participations: list[ParticipationOut]
    iati_status: IATIStatusCode = Field(description="IATI ActivityStatus code.")
    iati_status_label: str
    is_cancelled: bool
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    budget: Decimal | None
    currency: str
    funding_source: str
    sensitivity: SensitivityCode = Field(
        description="members: every IISG member; restricted: the reporting organisation and "
        "the Secretariat only; public: may be published."
    )
    iati_identifier: str = Field(
        description="Its IATI activity identifier, if the organisation publishes it to IATI."
    )
    sector: str = Field(description="OECD DAC 5-digit purpose code (IATI Sector), or empty.")
    updated_at: datetime | None
    can_change: bool = Field(description="Whether this token's user may change it.")

    resolve_pillar = staticmethod(pillar_code)

    @staticmethod
    def resolve_beneficiaries(response):
        return [partner_ref(partner) for partner in response.beneficiaries.all()]

    @staticmethod
    def resolve_iati_status_label(response):
        return str(response.get_iati_status_display())

    @staticmethod
    def resolve_updated_at(response):
        revision = response.latest_revision
        return revision.created_at if revision else None

    @staticmethod
    def resolve_can_change(response, context):
        user = context["request"].user
        return response_policy().user_may_change(user, response)


Title = Annotated[BodyText, StringConstraints(max_length=255)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
IATIIdentifier = Annotated[str, StringConstraints(max_length=150, pattern=r"^[^\s]*$")]
SectorCode = Annotated[str, StringConstraints(pattern=r"^([0-9]{5})?$")]


class ObjectIn(Schema):
    """A request body, or an item of one, that must be a JSON object: Ninja's schemas read any
    value's attributes, so that a string body would pass as a change of the title (`"x".title`)
    and a list or a number as no change at all."""

    @model_validator(mode="before")
    @classmethod
    def _is_an_object(cls, data):
        sent = data._obj if isinstance(data, DjangoGetter) else data  # as Ninja hands it on
        if not isinstance(sent, dict):
            raise ValueError('Send a JSON object of the fields, e.g. {"title": "…"}.')
        return data


class ParticipationIn(ObjectIn):
    member: Id = Field(description="Id of a member organisation (see /database/members/).")
    role: IATIRoleCode = Field(description="IATI OrganisationRole code: 1 funding, 2 accountable, "
                               "3 extending, 4 implementing.")  # fmt: skip


class ResponsePatch(ObjectIn):
    """Fields to change; fields left out keep their value. A list replaces the whole list
    (`[]` or null empties it)."""

    reporting_member: Id | None = Field(
        None, description="Id of your organisation (one you are a focal point of)."
    )
    title: Title | None = None
    description: BodyText | None = None
    pillar: Code | None = Field(None, description="Pillar code, e.g. WBCTi.")
    cycle: Id | None = Field(None, description="Id of a response mapping cycle.")
    needs: list[Id] | None = Field(None, description="Ids of the published needs it answers.")
    beneficiaries: list[CountryCode] | None = Field(
        None, description="Country codes of the beneficiary partners."
    )
    participations: list[ParticipationIn] | None = None
    iati_status: IATIStatusCode | None = None
    planned_start: Day | None = None
    planned_end: Day | None = None
    actual_start: Day | None = None
    actual_end: Day | None = None
    budget: Decimal | None = Field(None, max_digits=14, decimal_places=2, ge=0)
    currency: BodyText | None = Field(None, description="ISO 4217 code; required with a budget.")
    funding_source: Title | None = None
    sensitivity: SensitivityCode | None = None
    iati_identifier: IATIIdentifier | None = Field(
        None, description="Its IATI activity identifier, if your organisation publishes it."
    )
    sector: SectorCode | None = Field(
        None, description="OECD DAC 5-digit purpose code (IATI Sector), e.g. 15210."
    )


class ResponseIn(ResponsePatch):
    """A new response. Title, description, pillar and reporting member are required."""

    reporting_member: Id = Field(
        description="Id of your organisation (one you are a focal point of)."
    )
    title: Title
    description: BodyText
    pillar: Code = Field(description="Pillar code, e.g. WBCTi.")
    needs: list[Id] = []
    beneficiaries: list[CountryCode] = []
    participations: list[ParticipationIn] = []
    iati_status: IATIStatusCode = IATIActivityStatus.PIPELINE
    currency: BodyText = "EUR"
    funding_source: Title = ""
    sensitivity: SensitivityCode = Response.Sensitivity.MEMBERS
    iati_identifier: IATIIdentifier = ""
    sector: SectorCode = ""


class OverlapOut(Schema):
    """One response, for one need and partner, running at the same time as another member's."""

    need: NeedRef
    partner: PartnerRef
    response: ResponseRef
    period_start: date | None = Field(description="Actual, else planned start; null if open.")
    period_end: date | None = Field(description="Actual, else planned end; null if open.")

    @staticmethod
    def resolve_period_start(row):
        return None if row.period_start == FAR_PAST else row.period_start

    @staticmethod
    def resolve_period_end(row):
        return None if row.period_end == FAR_FUTURE else row.period_end


class CoverageCellOut(Schema):
    partner: str = Field(description="Partner country code.")
    pillar: str
    area: str
    needs: int = Field(description="Needs the partner identified in this pillar and area.")
    covered: int = Field(
        description="Of those, needs a response you may see answers (with count=confirmed: "
        "one the partner confirmed)."
    )
    confirmed: int = Field(description="Of those, needs a response the partner confirmed answers.")
    gaps: int
    responses: int


class CoverageOut(Schema):
    partners: list[PartnerRef]
    pillars: list[str]
    areas: list[AreaOut]
    cells: list[CoverageCellOut]
