"""Two needs-mapping editions compared, over the API (members, bearer token): the counts per
state overall and per pillar, axis and partner, and each need's line, as in the members area.
A met need names the responses that met it among those the token's user may see."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from .. import editions
from ..reading import seen_responses
from .common import MEMBERS, Code, Id, field_error
from .routes import ReadRoutes
from .schemas import CountryCode

router = Router(tags=["Secure database (members, bearer token)"], auth=MEMBERS)
routes = ReadRoutes.members(router)

State = Literal[tuple(state for state, _label in editions.STATES)]


class StateCounts(Schema):
    new: int
    continuing: int
    changed: int
    met: int
    dropped: int


class EditionRef(Schema):
    id: int
    edition: str


class PillarCounts(Schema):
    pillar: str
    counts: StateCounts


class AxisCounts(Schema):
    pillar: str
    axis: str
    counts: StateCounts


class PartnerCounts(Schema):
    partner: str = Field(description="Country code.")
    counts: StateCounts


class ComparisonOut(Schema):
    """How many needs are in each state, overall and per pillar, axis and partner (a need
    counts once for each partner that identified it)."""

    earlier: EditionRef
    later: EditionRef
    overall: StateCounts
    pillars: list[PillarCounts]
    axes: list[AxisCounts]
    partners: list[PartnerCounts]


class ChangeOut(Schema):
    field: str
    label: str
    before: str
    after: str


class OutcomeOut(Schema):
    outcome: Literal["met", "dropped"]
    evidence: str
    reason: str
    responses: list[str] = Field(description="Titles of the responses that met it you may see.")
    recorded_at: str


class ComparedNeedOut(Schema):
    """One need's line: the later edition's need (absent when met or dropped) and the earlier
    one it continues (absent when new)."""

    state: State
    need_id: int | None
    code: str
    title: str
    previous_id: int | None
    previous_code: str
    pillar: str
    axis: str
    partners: list[str]
    changes: list[ChangeOut]
    outcome: OutcomeOut | None = Field(description="Met or dropped: what was recorded.")


class NeedLineFilters(Schema):
    pillar: Code | None = Field(None, description="Pillar code, e.g. WBCTi.")
    partner: CountryCode | None = Field(None, description="Partner country code, e.g. AL.")
    state: State | None = None


def compared(request, earlier_id, later_id):
    """The comparison the token's user may read, or 404 / 422 naming what is wrong."""
    cycles = editions.needs_editions()
    earlier = get_object_or_404(cycles, pk=earlier_id)
    later = get_object_or_404(cycles, pk=later_id)
    if earlier.period_start >= later.period_start:
        raise field_error(
            ("path", "earlier_id"), "The earlier edition must start before the later one."
        )
    return editions.compare(earlier, later, seen_responses(request.user))


@routes.one(
    "database/editions/{earlier_id}/{later_id}/",
    ComparisonOut,
    "database_editions_compared",
    "Two needs-mapping editions compared: counts of new, continuing, changed, met and dropped "
    "needs",
)
def comparison(request, earlier_id: Id, later_id: Id):
    result = compared(request, earlier_id, later_id)
    counts = editions.counts(result["entries"])
    return {
        "earlier": result["earlier"],
        "later": result["later"],
        "overall": counts["overall"],
        "pillars": [{"pillar": k, "counts": c} for k, c in counts["pillars"].items()],
        "axes": [{"pillar": p, "axis": a, "counts": c} for (p, a), c in counts["axes"].items()],
        "partners": [{"partner": k, "counts": c} for k, c in counts["partners"].items()],
    }


@routes.list(
    "database/editions/{earlier_id}/{later_id}/needs/",
    ComparedNeedOut,
    "database_editions_compared_needs",
    "Two needs-mapping editions compared: each need's line",
)
def compared_needs(
    request,
    earlier_id: Id,
    later_id: Id,
    filters: NeedLineFilters = Query(...),  # noqa: B008 (ninja's idiom)
):
    entries = compared(request, earlier_id, later_id)["entries"]
    return editions.select(entries, filters.pillar, filters.partner, filters.state)
