"""Public reference data: pillars with their axes, areas, Western Balkans partners, cycles."""

from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from ..models import Area, MappingCycle, Member, Pillar, PillarRole
from .common import PUBLIC, Code
from .routes import ReadRoutes
from .schemas import AreaOut, CycleOut, PartnerRef, PillarOut, partner_ref

router = Router(tags=["Public: reference data"], auth=PUBLIC)
routes = ReadRoutes.public(router)


def pillars():
    return Pillar.objects.prefetch_related(
        "axes",
        Prefetch(
            "roles",
            queryset=PillarRole.objects.on().select_related("member"),
            to_attr="current_roles",
        ),
    )


@routes.list("pillars/", PillarOut, "pillars_list", "The three IISG pillars, with their axes")
def list_pillars(request):
    return pillars()


@routes.one("pillars/{code}/", PillarOut, "pillars_detail", "One pillar, by its code (e.g. WBCTi)")
def get_pillar(request, code: Code):
    return get_object_or_404(pillars(), code=code)


@routes.list("areas/", AreaOut, "areas_list", "Areas of work")
def list_areas(request):
    return Area.objects.all()


@routes.list(
    "partners/",
    PartnerRef,
    "partners_list",
    "The six Western Balkans partners (Kosovo* with its footnote)",
)
def list_partners(request):
    return [partner_ref(partner) for partner in Member.objects.wb_partners()]


class CycleFilters(Schema):
    kind: Literal["needs", "responses"] | None = None


@routes.list(
    "cycles/",
    CycleOut,
    "cycles_list",
    "Mapping cycles: biennial needs mappings and annual response mappings",
)
def list_cycles(request, filters: CycleFilters = Query(...)):  # noqa: B008 (ninja's idiom)
    cycles = MappingCycle.objects.all()
    return cycles.filter(kind=filters.kind) if filters.kind else cycles
