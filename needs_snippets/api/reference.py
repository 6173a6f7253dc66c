"""Public reference data: pillars with their axes, areas, Western Balkans partners, cycles."""

from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from ..models import Area, MappingCycle, Member, Pillar, PillarRole
from .common import PUBLIC, PUBLIC_DETAIL_PROBLEMS, PUBLIC_LIST_PROBLEMS, Code, Pages
from .schemas import AreaOut, CycleOut, PartnerRef, PillarOut, partner_ref

router = Router(tags=["Public: reference data"], auth=PUBLIC)


def pillars():
    return Pillar.objects.prefetch_related(
        "axes",
        Prefetch(
            "roles",
            queryset=PillarRole.objects.on().select_related("member"),
            to_attr="current_roles",
        ),
    )


@router.get(
    "pillars/",
    response=list[PillarOut],
    operation_id="pillars_list",
    summary="The three IISG pillars, with their axes",
    openapi_extra=PUBLIC_LIST_PROBLEMS,
)
@paginate(Pages)
def list_pillars(request):
    return pillars()


@router.get(
    "pillars/{code}/",
    response=PillarOut,
    operation_id="pillars_detail",
    summary="One pillar, by its code (e.g. WBCTi)",
    openapi_extra=PUBLIC_DETAIL_PROBLEMS,
)
def get_pillar(request, code: Code):
    return get_object_or_404(pillars(), code=code)


@router.get(
    "areas/",
    response=list[AreaOut],
    operation_id="areas_list",
    summary="Areas of work",
    openapi_extra=PUBLIC_LIST_PROBLEMS,
)
@paginate(Pages)
def list_areas(request):
    return Area.objects.all()


@router.get(
    "partners/",
    response=list[PartnerRef],
    operation_id="partners_list",
    summary="The six Western Balkans partners (Kosovo* with its footnote)",
    openapi_extra=PUBLIC_LIST_PROBLEMS,
)
@paginate(Pages)
def list_partners(request):
    return [partner_ref(partner) for partner in Member.objects.wb_partners()]


class CycleFilters(Schema):
    kind: Literal["needs", "responses"] | None = None


@router.get(
    "cycles/",
    response=list[CycleOut],
    operation_id="cycles_list",
    summary="Mapping cycles: biennial needs mappings and annual response mappings",
    openapi_extra=PUBLIC_LIST_PROBLEMS,
)
@paginate(Pages)
def list_cycles(request, filters: CycleFilters = Query(...)):  # noqa: B008 (ninja's idiom)
    cycles = MappingCycle.objects.all()
    return cycles.filter(kind=filters.kind) if filters.kind else cycles
