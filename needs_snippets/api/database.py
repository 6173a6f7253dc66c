"""The secure database over the API, for members with a bearer token.

The same rules as the members area: published needs; the responses the permission rules
show the token's user (restricted ones only to their organisation and the Secretariat);
gaps, overlaps and coverage over those responses only. A response the user may not see is
a 404; one it may see but not change is a 403.
"""

from typing import ClassVar, Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from ..filters import CONFIRMED, GapFilterSet, NeedFilterSet, ResponseFilterSet
from ..models import Area, Axis, MappingCycle, Measure, Member, Objective, Pillar, ResponseNeed
from ..reading import (
    NEED_SORTS,
    RESPONSE_SORTS,
    gap_rows,
    need_rows,
    published_needs,
    response_rows,
    seen_responses,
)
from .common import (
    CREATE_PROBLEMS,
    MEMBERS,
    WRITE_PROBLEMS,
    Code,
    Day,
    Id,
    Text,
    field_error,
    lookup,
)
from .routes import ReadRoutes, reader
from .schemas import (
    CountryCode,
    CoverageOut,
    GapOut,
    IATIStatusCode,
    MemberOut,
    NeedDetailOut,
    NeedOut,
    NeedStatusCode,
    ObjectiveOut,
    OverlapOut,
    ResponseIn,
    ResponseOut,
    ResponsePatch,
    partner_ref,
)
from .writing import create_response, update_response, version

router = Router(tags=["Secure database (members, bearer token)"], auth=MEMBERS)
routes = ReadRoutes.members(router)


def filtered(filterset_class, data, rows, request):
    """`rows` through the members area's filterset (the API's lookups have already turned codes
    into ids, so it has nothing left to refuse; if it does, a 422 names the parameter)."""
    filterset = filterset_class(data, queryset=rows, request=request)
    if not filterset.is_valid():
        name, errors = next(iter(filterset.errors.items()))
        raise field_error(("query", name), errors[0])
    return filterset.qs


class NeedFilters(Schema):
    """The members area's need filters; codes name pillars, areas and partners."""

    filterset_class: ClassVar = NeedFilterSet
    cycle: Id | None = Field(None, description="Id of a needs mapping cycle.")
    pillar: Code | None = Field(None, description="Pillar code, e.g. WBCTi.")
    axis: Id | None = Field(None, description="Id of an axis (see /pillars/).")
    objective: Id | None = Field(
        None, description="Id of an objective (see /database/objectives/)."
    )
    measure: Id | None = Field(None, description="Id of a measure (see /database/objectives/).")
    placement: Literal["unclassified", "placed"] | None = Field(
        None, description="unclassified: needs waiting under an Unclassified measure."
    )
    area: Code | None = Field(None, description="Area code (see /areas/).")
    partner: CountryCode | None = Field(None, description="Partner country code, e.g. AL.")
    regional: bool | None = Field(None, description="true: regional only; false: the others.")
    status: NeedStatusCode | None = None
    q: Text | None = Field(None, description="Words, or part of a reference code.")

    def apply(self, request, rows, **extra):
        """`rows` filtered as the members area filters them; 422 for a code that names
        nothing."""
        data = {
            "cycle": lookup(
                MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS),
                "pk", self.cycle, ("query", "cycle"),
            ),
            "pillar": lookup(Pillar.objects.all(), "code", self.pillar, ("query", "pillar")),
            "axis": lookup(Axis.objects.all(), "pk", self.axis, ("query", "axis")),
            "objective": lookup(
                Objective.objects.all(), "pk", self.objective, ("query", "objective")
            ),
            "measure": lookup(Measure.objects.all(), "pk", self.measure, ("query", "measure")),
            "placement": self.placement,
            "area": lookup(Area.objects.all(), "code", self.area, ("query", "area")),
            "partner": lookup(
                Member.objects.wb_partners(), "country_code", self.partner, ("query", "partner")
            ),
            "regional": {True: "regional", False: "partner", None: None}[self.regional],
            "status": self.status,
            **extra,
        }  # fmt: skip
        data = {name: getattr(value, "pk", value) for name, value in data.items() if value}
        rows = filtered(self.filterset_class, data, rows, request)
        return rows.matching(self.q) if self.q else rows


class NeedListFilters(NeedFilters):
    coverage: Literal["gap", "covered"] | None = Field(
        None, description="gap: no response you may see answers it; covered: one does."
    )
    ordering: Literal[tuple(NEED_SORTS)] = "code"


class AnalysisFilters(NeedFilters):
    count: Literal["claimed", "confirmed"] = Field(
        "claimed",
        description="claimed: every response claiming a need for a partner; confirmed: only "
        "those the partner confirmed.",
    )

    @property
    def confirmed(self):
        return self.count == "confirmed"


class GapFilters(AnalysisFilters):
    """partner: the needs that are a gap for that partner (as the gaps list filters)."""

    filterset_class: ClassVar = GapFilterSet
    ordering: Literal[tuple(NEED_SORTS)] = "partners"


@routes.list(
    "database/members/",
    MemberOut,
    "database_members_list",
    "Member organisations (ids for reporting and participating members)",
)
def list_members(request):
    return Member.objects.all()


@routes.rows(
    "database/needs/",
    NeedOut,
    "database_needs_list",
    "Published needs, with their coverage by the responses you may see",
)
def list_needs(request, filters: NeedListFilters = Query(...)):  # noqa: B008
    rows = filters.apply(request, need_rows(request.user), coverage=filters.coverage)
    return rows.order_by(*NEED_SORTS[filters.ordering][0])


@routes.one(
    "database/needs/{need_id}/",
    NeedDetailOut,
    "database_needs_detail",
    "A published need, its sources and the responses you may see answering it",
)
def get_need(request, need_id: Id):
    need = get_object_or_404(need_rows(request.user).prefetch_related("sources"), pk=need_id)
    need.responses_seen = (
        seen_responses(request.user)
        .filter(need_links__need=need)
        .select_related("reporting_member")
        .distinct()
        .order_by("title")
    )
    return need


@routes.rows(
    "database/gaps/",
    GapOut,
    "database_gaps_list",
    "Published needs that no response you may see answers",
)
def list_gaps(request, filters: GapFilters = Query(...)):  # noqa: B008
    counted = CONFIRMED if filters.confirmed else None
    rows = filters.apply(request, gap_rows(request.user, filters.confirmed), count=counted)
    return rows.order_by(*NEED_SORTS[filters.ordering][0])


class ObjectiveFilters(Schema):
    cycle: Id | None = Field(None, description="Id of a needs mapping cycle (edition).")
    pillar: Code | None = Field(None, description="Pillar code, e.g. WBCTi.")


@routes.list(
    "database/objectives/",
    ObjectiveOut,
    "database_objectives_list",
    "The catalogue's objectives per edition, pillar and axis, each with its measures",
)
def list_objectives(request, filters: ObjectiveFilters = Query(...)):  # noqa: B008
    rows = Objective.objects.select_related("pillar", "axis", "priority").prefetch_related(
        "measures"
    )
    if filters.cycle is not None:
        cycle = lookup(
            MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS),
            "pk", filters.cycle, ("query", "cycle"),
        )  # fmt: skip
        rows = rows.filter(cycle=cycle)
    if filters.pillar is not None:
        rows = rows.filter(pillar=lookup(Pillar.objects.all(), "code", filters.pillar,
                                         ("query", "pillar")))  # fmt: skip
    return rows.order_by(
        "cycle__period_start", "pillar__sort_order", "axis__sort_order", "sort_order", "code", "pk"
    )


class ResponseFilters(Schema):
    """The members area's response filters."""

    reporting_member: Id | None = Field(None, description="Id of the reporting member.")
    pillar: Code | None = Field(None, description="Pillar code, e.g. WBCTi.")
    partner: CountryCode | None = Field(None, description="Beneficiary partner country code.")
    iati_status: IATIStatusCode | None = None
    funding_source: Text | None = Field(None, description="Part of the funding source.")
    active_on_or_after: Day | None = Field(None, description="Running on or after this day.")
    active_on_or_before: Day | None = Field(None, description="Running on or before this day.")
    overlapping: bool | None = Field(None, description="Overlaps another member's response.")
    q: Text | None = Field(None, description="Words in the title, description or funding.")
    ordering: Literal[tuple(RESPONSE_SORTS)] = "title"

    def apply(self, request, rows):
        data = {
            "reporting_member": lookup(
                Member.objects.all(), "pk", self.reporting_member, ("query", "reporting_member")
            ),
            "pillar": lookup(Pillar.objects.all(), "code", self.pillar, ("query", "pillar")),
            "partner": lookup(
                Member.objects.wb_partners(), "country_code", self.partner, ("query", "partner")
            ),
            "iati_status": self.iati_status,
            "funding_source": self.funding_source,
            "active_on_or_after": self.active_on_or_after,
            "active_on_or_before": self.active_on_or_before,
            "overlapping": self.overlapping,
        }
        data = {
            name: getattr(value, "pk", value)
            for name, value in data.items()
            if value is not None and value != ""
        }
        rows = filtered(ResponseFilterSet, data, rows, request)
        rows = rows.matching(self.q) if self.q else rows
        return rows.order_by(*RESPONSE_SORTS[self.ordering][0])


@routes.rows(
    "database/responses/",
    ResponseOut,
    "database_responses_list",
    "The responses you may see (restricted ones: your organisation's only)",
)
def list_responses(request, filters: ResponseFilters = Query(...)):  # noqa: B008
    return filters.apply(request, response_rows(request.user))


@routes.one(
    "database/responses/{response_id}/",
    ResponseOut,
    "database_responses_detail",
    "A response you may see",
)
def get_response(request, response_id: Id, response: HttpResponse):
    found = get_object_or_404(response_rows(request.user), pk=response_id)
    response["ETag"] = version(found)
    return found


@router.post(
    "database/responses/",
    response={201: ResponseOut},
    operation_id="database_responses_create",
    summary="Report a response of your organisation",
    openapi_extra=CREATE_PROBLEMS,
)
@reader
def post_response(request, data: ResponseIn):
    response = create_response(request.user, data.dict())
    return Status(201, get_object_or_404(response_rows(request.user), pk=response.pk))


@router.patch(
    "database/responses/{response_id}/",
    response=ResponseOut,
    operation_id="database_responses_update",
    summary="Change a response of your organisation; fields left out keep their value",
    description=(
        "Only the fields sent change, under a row lock, so concurrent changes to other fields "
        "all survive. Reads give the response's version as `ETag`; send it back as `If-Match` "
        "to change the response only if nobody changed it since (else 412)."
    ),
    openapi_extra=WRITE_PROBLEMS,
)
@reader
def patch_response(request, response_id: Id, data: ResponsePatch, response: HttpResponse):
    get_object_or_404(response_rows(request.user), pk=response_id)
    if_match = request.headers.get("If-Match")
    update_response(request.user, response_id, data.dict(exclude_unset=True), if_match)
    changed = get_object_or_404(response_rows(request.user), pk=response_id)
    response["ETag"] = version(changed)
    return changed


@routes.list(
    "database/overlaps/",
    OverlapOut,
    "database_overlaps_list",
    "Responses of several members on the same need and partner at the same time",
)
def list_overlaps(request, filters: AnalysisFilters = Query(...)):  # noqa: B008
    user = request.user
    needs = filters.apply(request, published_needs())
    partners = {partner.pk: partner for partner in Member.objects.wb_partners()}
    rows = (
        ResponseNeed.objects.overlapping(seen_responses(user, filters.confirmed))
        .filter(need__in=needs.values("pk"))
        .select_related("need", "response__reporting_member")
        .order_by("need__reference_code", "partner_id", "period_start", "response__title", "pk")
    )
    return OverlapRows(rows, partners)


class OverlapRows:
    """Overlap rows, each with its partner object, sliced and counted like a queryset."""

    def __init__(self, rows, partners):
        self.rows, self.partners = rows, partners

    def __len__(self):
        return self.rows.count()

    def __getitem__(self, window):
        items = list(self.rows[window])
        for row in items:
            row.partner = partner_ref(self.partners[row.partner_id])
        return items


@routes.one(
    "database/coverage/",
    CoverageOut,
    "database_coverage",
    "Coverage matrix partner × pillar × area over the responses you may see",
)
def coverage(request, filters: AnalysisFilters = Query(...)):  # noqa: B008
    needs = filters.apply(request, published_needs())
    matrix = needs.coverage_matrix(
        seen_responses(request.user, filters.confirmed), with_confirmed=True
    )
    cells = [
        {
            "partner": partner.country_code,
            "pillar": pillar.code,
            "area": area.code,
            "needs": cell.needs,
            "covered": cell.covered,
            "confirmed": cell.confirmed,
            "gaps": cell.gaps,
            "responses": cell.responses,
        }
        for partner in matrix.partners
        for pillar in matrix.pillars
        for area in matrix.areas
        for cell in [matrix.cell(partner, pillar, area)]
    ]
    return {
        "partners": [partner_ref(partner) for partner in matrix.partners],
        "pillars": [pillar.code for pillar in matrix.pillars],
        "areas": matrix.areas,
        "cells": cells,
    }
