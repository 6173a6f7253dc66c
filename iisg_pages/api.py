"""Public API routes of the site: published reports and their needs, as published.

The needs here are the rows frozen into live, public reports when the Board approved them
(`ReportPage.edition_snapshot`): the same needs, partners and wording as the HTML report,
never a draft, a later edit or the secure database's coverage.
"""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from needs_snippets.api.common import PUBLIC, Code, Id, Text, lookup
from needs_snippets.api.routes import ReadRoutes
from needs_snippets.api.schemas import CycleRef, NeedTextOut
from needs_snippets.constants import KOSOVO_FOOTNOTE
from needs_snippets.models import Area, Axis, MappingCycle, Member, Pillar

from .models import ReportPage
from .page_cache import kept_for_visitors

router = Router(tags=["Public: reports and needs"], auth=PUBLIC)
routes = ReadRoutes.public(router)


class ChapterOut(Schema):
    kind: Literal["chapter", "annex"]
    title: str


class ReportRef(Schema):
    id: int
    title: str
    url: str = Field(description="The report's page.")


class ReportOut(ReportRef):
    """A published Biennial Needs Mapping report."""

    cycle: CycleRef
    summary: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    pdf_url: str = Field(description="The published edition as a PDF.")
    needs_count: int
    chapters: list[ChapterOut]


def adopted_cycle(report):
    """The report's cycle as its edition was adopted: its id, and its name then."""
    return {"id": report.cycle_id, "edition": report.edition_name}


def absolute(request, page, suffix=""):
    return request.build_absolute_uri(page.url + suffix)


def report_out(request, report):
    return {
        "id": report.pk,
        "title": report.title,
        "url": absolute(request, report),
        "cycle": adopted_cycle(report),
        "summary": report.summary,
        "first_published_at": report.first_published_at,
        "last_published_at": report.last_published_at,
        "pdf_url": absolute(request, report, "pdf/"),
        "needs_count": len((report.edition_snapshot or {}).get("needs", [])),
        "chapters": [
            {"kind": chapter.value["kind"], "title": chapter.value["title"]}
            for chapter in report.chapters
        ],
    }


def published_reports():
    """Live, public editions (English; not their translations) that have an address (a report
    outside every site has none)."""
    reports = ReportPage.objects.editions().live().public().select_related("cycle")
    return [report for report in reports if report.url]


class ReportFilters(Schema):
    cycle: Id | None = Field(None, description="Id of a needs cycle.")


@routes.list(
    "reports/", ReportOut, "reports_list", "Published Biennial Needs Mapping reports, newest first"
)
@kept_for_visitors
def list_reports(request, filters: ReportFilters = Query(...)):  # noqa: B008 (ninja's idiom)
    cycle = lookup(
        MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS),
        "pk", filters.cycle, ("query", "cycle"),
    )  # fmt: skip
    reports = sorted(published_reports(), key=lambda r: (r.cycle.period_start, -r.pk), reverse=True)
    return [
        report_out(request, report)
        for report in reports
        if cycle is None or report.cycle_id == cycle.pk
    ]


@routes.one(
    "reports/{report_id}/", ReportOut, "reports_detail", "A published report, with its PDF link"
)
@kept_for_visitors
def get_report(request, report_id: Id):
    report = next((r for r in published_reports() if r.pk == report_id), None)
    if report is None:
        raise Http404("No published report has this id.")
    return report_out(request, report)


class PublicPartnerDetail(Schema):
    """One partner's own detail of a need, as the published report froze it."""

    partner: str = Field(description="The partner's code, e.g. AL (XK for Kosovo*).")
    status: Literal["identified", "addressed", "met", "withdrawn"]
    status_label: str = Field(description="The status as the report words it.")
    state_of_play: str
    location: str
    due: str = Field(description="Due date (YYYY-MM-DD), or empty.")


class PublicNeedOut(NeedTextOut):
    """A need as a published report shows it."""

    report: ReportRef
    partner_details: list[PublicPartnerDetail] = Field(
        description="Each partner's own status, state of play, place and due date (empty for "
        "reports adopted before partners had their own)."
    )
    regional: bool


class PublicNeedFilters(Schema):
    """The members area's filters, over the published needs."""

    cycle: Id | None = Field(None, description="Id of a needs cycle.")
    pillar: Code | None = Field(None, description="Pillar code, e.g. WBCTi.")
    axis: Id | None = Field(None, description="Id of an axis.")
    area: Code | None = Field(None, description="Area code (see /areas/).")
    partner: Code | None = Field(None, description="Partner country code, e.g. AL.")
    regional: bool | None = Field(None, description="true: regional only; false: the others.")
    q: Text | None = Field(None, description="Words in the code, title or text.")
    ordering: Literal["report", "code", "title"] = Field(
        "report", description="report: the report's order (pillar, axis, area, code)."
    )


class PublishedNeeds:
    """The published needs as API rows, from the live reports' frozen editions.

    What each row shares with its report (the report's reference and address, its edition's
    partner names) is worked out once per report, not per row.
    """

    def __init__(self, request, report=None):
        """Every live, public report's needs; only `report`'s, in its order, when given."""
        self.areas = None  # the live area codes, for editions frozen before they kept theirs
        self.editions = {}
        self.rows = []
        if report is None:
            rows = ReportPage.objects.published_needs().values()
        else:
            rows = [(row, report) for row in (report.edition_snapshot or {}).get("needs", [])]
        for row, report in rows:
            if report.pk not in self.editions:
                self.editions[report.pk] = self.edition(request, report)
            if self.editions[report.pk] is not None:  # a report outside every site: skipped
                self.rows.append((row, report))

    @staticmethod
    def edition(request, report):
        """What every row of `report` shows of it, or None when it has no address."""
        if not report.url:
            return None
        return {
            "report": {"id": report.pk, "title": report.title, "url": absolute(request, report)},
            "cycle": adopted_cycle(report),
            "partners": {
                p["code"]: {
                    "code": p["code"],
                    "name": p["name"],
                    "footnote": str(KOSOVO_FOOTNOTE) if p.get("footnote") else None,
                }
                for p in report.edition_snapshot.get("partners", [])
            },
        }

    def out(self, row, report):
        edition = self.editions[report.pk]
        partners = edition["partners"]
        return {
            "id": row["id"],
            "reference_code": row["code"],
            "title": row["title"],
            "report": edition["report"],
            "cycle": edition["cycle"],
            "pillar": row["pillar"],
            "axis": {"id": row["axis_id"], "name": row["axis"]},
            "area": {"code": self.area_code(row), "name": row["area"]},
            "state_of_play": row["state_of_play"],
            "gap": row["gap"],
            "action_needed": row["action"],
            "timeframe_label": row["timeframe"],
            "partners": [
                partners.get(code, {"code": code, "name": code, "footnote": None})
                for code in row["partners"]
            ],
            "partner_details": [
                {"partner": code, **detail}
                for code, detail in row.get("partner_details", {}).items()
            ],
            "regional": row["regional"],
        }

    def area_code(self, row):
        """The row's area code as adopted (as today for editions frozen before they kept it)."""
        if "area_code" in row:
            return row["area_code"]
        if self.areas is None:
            self.areas = {area.pk: area.code for area in Area.objects.all()}
        return self.areas.get(row["area_id"], "")

    def filtered(self, filters):
        """Rows matching `filters` (pillar and area by their codes as adopted); a code that
        names nothing is a 422 on its field."""
        if filters.pillar and not any(row["pillar"] == filters.pillar for row, _ in self.rows):
            lookup(Pillar.objects.all(), "code", filters.pillar, ("query", "pillar"))
        if filters.area and not any(self.area_code(row) == filters.area for row, _ in self.rows):
            lookup(Area.objects.all(), "code", filters.area, ("query", "area"))
        lookup(Axis.objects.all(), "pk", filters.axis, ("query", "axis"))
        lookup(
            MappingCycle.objects.filter(kind=MappingCycle.Kind.NEEDS),
            "pk",
            filters.cycle,
            ("query", "cycle"),
        )
        lookup(Member.objects.wb_partners(), "country_code", filters.partner, ("query", "partner"))
        words = (filters.q or "").strip().lower()
        rows = [
            (row, report)
            for row, report in self.rows
            if (not filters.cycle or report.cycle_id == filters.cycle)
            and (not filters.pillar or row["pillar"] == filters.pillar)
            and (not filters.axis or row["axis_id"] == filters.axis)
            and (not filters.area or self.area_code(row) == filters.area)
            and (not filters.partner or filters.partner in row["partners"])
            and (filters.regional is None or row["regional"] == filters.regional)
            and (not words or words in searchable(row))
        ]
        if filters.ordering == "code":
            rows.sort(key=lambda item: (item[0]["code"], item[0]["id"]))
        elif filters.ordering == "title":
            rows.sort(key=lambda item: (item[0]["title"].lower(), item[0]["id"]))
        return rows


def searchable(row):
    return " ".join(
        [row["code"], row["title"], row["state_of_play"], row["gap"], row["action"]]
    ).lower()


class Window:
    """A list of (row, report) pairs, sliced into API rows only for the page asked for."""

    def __init__(self, needs, rows):
        self.needs, self.rows = needs, rows

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, window):
        return [self.needs.out(row, report) for row, report in self.rows[window]]


@routes.list("needs/", PublicNeedOut, "needs_list", "Needs of the published reports, as published")
@kept_for_visitors
def list_needs(request, filters: PublicNeedFilters = Query(...)):  # noqa: B008
    needs = PublishedNeeds(request)
    return Window(needs, needs.filtered(filters))


@routes.one(
    "needs/{need_id}/", PublicNeedOut, "needs_detail", "A need of a published report, as published"
)
@kept_for_visitors
def get_need(request, need_id: Id):
    needs = PublishedNeeds(request)
    for row, report in needs.rows:
        if row["id"] == need_id:
            return needs.out(row, report)
    raise Http404("No published report has a need with this id.")


def register_routes(api):
    """Add the site's public routes to `api`, and name the API after the product."""
    api.title = "IISG Hub API"
    api.version = "3.0.0"
    api.description = API_DESCRIPTION
    api.add_router("/", router)


API_DESCRIPTION = """
The website and secure database of the Integrative Internal Security Governance (IISG) in
the Western Balkans.

* **Public routes** need no token: live, unrestricted pages (`/pages/`), pillars, areas,
  partners, cycles, the published Biennial Needs Mapping reports and their needs, as published.
* **Secure database routes** (`/database/…`) need a member's bearer token
  (`Authorization: Bearer …`), created and revoked in the members area (`/members/api-tokens/`).
  They follow the members area's rules: restricted responses are seen only by their
  organisation and the IISG Secretariat; a member changes only its organisation's responses.
* Lists are pages: `{"count": N, "items": [...]}`, `limit` (default 20, at most 100) and
  `offset`. Errors are `application/problem+json`: 401 without a valid token, 403 when the
  token's user may not do this, 404 for what does not exist or may not be known, 422 naming
  each field at fault.
* Kosovo* is always shown with its star and the footnote: *This designation is without
  prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion
  on the Kosovo declaration of independence.*
"""
