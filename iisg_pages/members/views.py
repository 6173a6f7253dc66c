"""The members area's views: dashboard, needs, responses, analysis, documents.

Every view starts from what the user may see: published needs, the responses the permission
rules show this user (restricted ones only to their organisation and the Secretariat), and
the documents of the Members collection. The analysis counts visible responses only.
"""

from dataclasses import dataclass
from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from needs_snippets.confirmations import may_confirm_for
from needs_snippets.constants import KOSOVO_FOOTNOTE
from needs_snippets.exports import (
    NEED_EXPORT_COLUMNS,
    NEED_EXPORT_HEADINGS,
    RESPONSE_EXPORT_COLUMNS,
    RESPONSE_EXPORT_HEADINGS,
)
from needs_snippets.filters import (
    AnalysisFilterSet,
    GapFilterSet,
    NeedFilterSet,
    ResponseFilterSet,
    counts_confirmed,
)
from needs_snippets.models import (
    SENSITIVE_INFORMATION_NOTICE,
    Member,
    NeedPartner,
    Response,
    ResponseConfirmation,
    ResponseNeed,
)
from needs_snippets.permissions import member_ids_of, response_policy
from needs_snippets.querysets import ONGOING_OR_PLANNED
from needs_snippets.reading import (
    NEED_SORTS,
    RESPONSE_SORTS,
    gap_rows,
    listed_gaps,
    listed_needs,
    need_rows,
    published_needs,
    response_rows,
    seen_responses,
)

from ..accounts.second_factor import session_verified
from .access import PRIVATE_COLLECTION
from .listing import Listing


def render(request, page, template, **context):
    context.update(
        page=page,
        self=page,
        members_nav=page.navigation(request),
        kosovo_footnote=KOSOVO_FOOTNOTE,
        wb_partners=Member.objects.wb_partners,  # queried only where a template lists them
    )
    listing = context.get("listing")
    status = 400 if listing is not None and listing.problems else 200
    return TemplateResponse(request, f"iisg_pages/members/{template}", context, status=status)


#: How many of the organisation's own responses the dashboard lists (the latest changed);
#: the responses list, filtered by organisation, has them all.
DASHBOARD_OWN = 10


def dashboard(request, page):
    user = request.user
    policy = response_policy()
    organisations = Member.objects.filter(pk__in=member_ids_of(user)).prefetch_related(
        "focal_points__pillar"
    )
    responses_url = page.get_url(request) + page.reverse_subpage("responses")
    needs = published_needs()
    responses = seen_responses(user)
    # The dashboard's short lists show each response's title, status, visibility, member and
    # last change: none of the beneficiaries, needs and participants that response_rows
    # prefetches for the lists (three queries each).
    own = responses.filter(reporting_member__in=member_ids_of(user))
    latest_first = own.select_related("latest_revision").order_by(
        "-latest_revision__created_at", "title"
    )
    own_latest = list(latest_first[:DASHBOARD_OWN])
    overlapping = set(
        responses.filter(pk__in=[response.pk for response in own_latest])
        .overlaps(responses)
        .values_list("pk", flat=True)
    )
    for response in own_latest:
        response.overlaps_another = response.pk in overlapping
    return render(
        request,
        page,
        "dashboard.html",
        organisations=organisations,
        own_responses=own_latest,
        own_total=own.count(),
        own_lists=[
            (organisation, f"{responses_url}?{urlencode({'reporting_member': organisation.pk})}")
            for organisation in organisations
        ],
        can_add_response=policy.user_has_permission(user, "add") and member_ids_of(user),
        add_response_url=reverse(Response.snippet_viewset.get_url_name("add")),
        recent_responses=responses.select_related("reporting_member", "latest_revision")
        .exclude(latest_revision=None)
        .order_by("-latest_revision__created_at")[:8],
        recent_needs=needs.exclude(last_published_at=None)
        .select_related("pillar")
        .order_by("-last_published_at")[:8],
        recent_documents=private_documents().order_by("-created_at")[:5],
        sensitive_notice=SENSITIVE_INFORMATION_NOTICE,
        offer_second_factor=not session_verified(request),
        figures=dashboard_figures(user, needs, responses, own),
    )


def dashboard_figures(user, needs, responses, own):
    """The dashboard's counts: the database's needs and gaps, and the responses that overlap
    another member's: the organisation's own, or every one for a reader without one."""
    overlapping = own if member_ids_of(user) else responses
    return {
        "needs": needs.count(),
        "gaps": needs.gaps(responses).count(),
        "responses": responses.count(),
        "overlapping": overlapping.overlaps(responses).count(),
        "overlapping_own": bool(member_ids_of(user)),
    }


def browse(
    request, page, rows, *, filterset_class, sorts, default_sort, template, export, shown=None
):
    """A filtered, searched, sorted list page, or its export when `?export=` asks for one.
    `export` is (title, columns, headings); `shown(rows)`, what the page fetches of the rows."""
    filterset = filterset_class(request.GET, queryset=rows, request=request)
    listing = Listing(request, rows, filterset=filterset, sorts=sorts, default_sort=default_sort)
    if listing.export_format:
        return listing.export(*export)
    return render(request, page, template, listing=listing, results=listing.page(shown=shown))


def needs(request, page):
    export = (_("Needs"), NEED_EXPORT_COLUMNS, NEED_EXPORT_HEADINGS)
    return browse(
        request, page, need_rows(request.user), filterset_class=NeedFilterSet, sorts=NEED_SORTS,
        default_sort="code", template="needs.html", export=export,
        shown=listed_needs,
    )  # fmt: skip


def need_detail(request, page, need_id):
    user = request.user
    need = get_object_or_404(need_rows(user).prefetch_related("sources"), pk=need_id)
    answering = (
        response_rows(user)
        .filter(need_links__need=need)
        .prefetch_related("beneficiary_links")
        .distinct()
    )
    ongoing = [r for r in answering if r.iati_status in ONGOING_OR_PLANNED]
    beneficiaries = {r.pk: {b.partner_id for b in r.beneficiary_links.all()} for r in ongoing}
    decisions = {
        (c.response_id, c.partner_id): c
        for c in ResponseConfirmation.objects.filter(need=need, response__in=ongoing)
    }
    coverage = []
    # Not need.partner_links: chained on its prefetched rows, modelcluster's manager drops the
    # need's filter.
    for link in (
        NeedPartner.objects.filter(need=need).select_related("partner").order_by("partner__name")
    ):
        claims = [
            PartnerClaim(response, decisions.get((response.pk, link.partner_id)))
            for response in ongoing
            if link.partner_id in beneficiaries[response.pk]
        ]
        coverage.append(
            {
                "link": link,
                "claims": claims,
                "confirmed": sum(1 for claim in claims if claim.is_confirmed),
                "may_confirm": may_confirm_for(user, link.partner),
            }
        )
    return render(
        request,
        page,
        "need_detail.html",
        need=need,
        responses=answering,
        coverage=coverage,
        gaps=[row["link"] for row in coverage if row["link"].is_open and not row["claims"]],
    )


@dataclass
class PartnerClaim:
    """A response claiming to answer the need for a partner, and the partner's decision."""

    response: Response
    decision: ResponseConfirmation | None

    @property
    def is_confirmed(self):
        return self.decision is not None and self.decision.is_confirmed


def responses(request, page):
    export = (_("Responses"), RESPONSE_EXPORT_COLUMNS, RESPONSE_EXPORT_HEADINGS)
    rows = response_rows(request.user)
    return browse(
        request, page, rows, filterset_class=ResponseFilterSet, sorts=RESPONSE_SORTS,
        default_sort="title", template="responses.html", export=export,
    )  # fmt: skip


def response_detail(request, page, response_id):
    user = request.user
    response = get_object_or_404(response_rows(user), pk=response_id)
    policy = response_policy()
    can_change = policy.user_has_permission_for_instance(user, "change", response)
    return render(
        request,
        page,
        "response_detail.html",
        response=response,
        decisions=response.confirmations.select_related("need", "partner").order_by(
            "need__reference_code", "partner__name"
        ),
        may_answer=response.reporting_member_id in member_ids_of(user),
        edit_url=reverse(Response.snippet_viewset.get_url_name("edit"), args=[response.pk])
        if can_change
        else None,
    )


_AFTER_PARTNERS = NEED_EXPORT_COLUMNS.index("partner_names") + 1
GAP_EXPORT_COLUMNS = [
    *NEED_EXPORT_COLUMNS[:_AFTER_PARTNERS], "gap_partner_names", "covered_partner_names",
    *NEED_EXPORT_COLUMNS[_AFTER_PARTNERS:],
]  # fmt: skip
GAP_EXPORT_HEADINGS = {
    **NEED_EXPORT_HEADINGS,
    "gap_partner_names": _("Gap for"),
    "covered_partner_names": _("Covered for"),
}


def gaps(request, page):
    export = (_("Gaps"), GAP_EXPORT_COLUMNS, GAP_EXPORT_HEADINGS)
    rows = gap_rows(request.user, counts_confirmed(request))
    return browse(
        request, page, rows, filterset_class=GapFilterSet, sorts=NEED_SORTS,
        default_sort="partners", template="gaps.html", export=export,
        shown=listed_gaps,
    )  # fmt: skip


OVERLAP_COLUMNS = [
    "need.reference_code",
    "need.title",
    "partner_name",
    "response.reporting_member",
    "response.title",
    "period_start",
    "period_end",
]
OVERLAP_HEADINGS = {
    "need.reference_code": _("Need"),
    "need.title": _("Need title"),
    "partner_name": _("Partner"),
    "response.reporting_member": _("Reporting member"),
    "response.title": _("Response"),
    "period_start": _("From"),
    "period_end": _("To"),
}


#: Needs per page of the overlaps list (each with all its overlapping rows).
OVERLAP_NEEDS_PER_PAGE = 20


def overlaps(request, page):
    """Several members on the same need and partner in overlapping periods, a page of needs at
    a time (in code order), each with its overlapping responses by partner."""
    user = request.user
    responses = seen_responses(user, counts_confirmed(request))
    partners = {p.pk: p for p in Member.objects.wb_partners()}
    filterset = AnalysisFilterSet(request.GET, queryset=published_needs(), request=request)
    listing = Listing(request, published_needs(), filterset=filterset)
    rows = (
        ResponseNeed.objects.overlapping(responses)
        .select_related("need", "response__reporting_member")
        .order_by("need__reference_code", "partner_id", "period_start", "response__title")
    )
    if listing.export_format:
        export_rows = list(rows.filter(need__in=listing.rows.values("pk")))
        for row in export_rows:
            row.partner_name = partners[row.partner_id].display_name
        return listing.export(_("Overlaps"), OVERLAP_COLUMNS, OVERLAP_HEADINGS, export_rows)
    needs = listing.rows.overlapped(responses).order_by("reference_code", "pk")
    results = Paginator(needs, OVERLAP_NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    groups = []
    # The page's rows with the columns it shows only (a row repeats its need, which the page
    # of needs has already, for each partner and response; and its response).
    shown = {need.pk: need for need in results}
    page_rows = (
        rows.select_related(None)
        .select_related("response__reporting_member")
        .filter(need__in=list(shown))
        .only(
            "response_id", "need_id", "response__title",
            "response__reporting_member__name", "response__reporting_member__country_code",
        )
    )  # fmt: skip
    month_year = MonthYear()
    for (need_id, partner_id), items in groupby(
        page_rows, key=lambda row: (row.need_id, row.partner_id)
    ):
        items = list(items)
        for row in items:
            row.need = shown[need_id]
            row.start_label = month_year(row.period_start)
            row.end_label = None if row.period_end.year == 9999 else month_year(row.period_end)
        groups.append({"need": shown[need_id], "partner": partners[partner_id], "rows": items})
    return render(request, page, "overlaps.html", listing=listing, results=results, groups=groups)


class MonthYear(dict):
    """`{{ day|date:"M Y" }}` of days, worked out once per month (an overlaps page dates some
    500 periods, most in the same few months)."""

    def __call__(self, day):
        key = (day.year, day.month)
        if key not in self:
            self[key] = date_format(day, "M Y")
        return self[key]


COVERAGE_COLUMNS = [
    "partner", "pillar", "area", "needs", "covered", "confirmed", "gaps", "responses",
]  # fmt: skip
COVERAGE_HEADINGS = {
    "partner": _("Partner"),
    "pillar": _("Pillar"),
    "area": _("Area"),
    "needs": _("Needs"),
    "covered": _("Needs answered"),
    "confirmed": _("Needs answered, confirmed by the partner"),
    "gaps": _("Gaps"),
    "responses": _("Responses"),
}


def coverage(request, page):
    """The coverage matrix partner × pillar × area, as a heat map with its numbers: needs
    answered by the responses claiming them, and by those the partner confirmed."""
    user = request.user
    filterset = AnalysisFilterSet(request.GET, queryset=published_needs(), request=request)
    listing = Listing(request, published_needs(), filterset=filterset)
    matrix = listing.rows.coverage_matrix(
        seen_responses(user, counts_confirmed(request)), with_confirmed=True
    )
    table = [
        (
            partner,
            [
                (pillar, area, matrix.cell(partner, pillar, area))
                for pillar in matrix.pillars
                for area in matrix.areas
            ],
        )
        for partner in matrix.partners
    ]
    if listing.export_format:
        rows = [
            {
                "partner": partner.display_name,
                "pillar": pillar.code,
                "area": area.name,
                "needs": cell.needs,
                "covered": cell.covered,
                "confirmed": cell.confirmed,
                "gaps": cell.gaps,
                "responses": cell.responses,
            }
            for partner, cells in table
            for pillar, area, cell in cells
        ]
        return listing.export(_("Coverage"), COVERAGE_COLUMNS, COVERAGE_HEADINGS, rows)
    return render(
        request,
        page,
        "coverage.html",
        listing=listing,
        matrix=matrix,
        table=table,
        confirmed_only=counts_confirmed(request),
    )


def private_documents():
    """Documents of the Members collection and the collections under it."""
    Document = get_document_model()
    return Document.objects.filter(
        collection__path__startswith=_members_collection_path()
    ).select_related("collection")


def _members_collection_path():
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    return collection.path if collection else "\0"


def documents(request, page):
    rows = private_documents().order_by("collection__path", "title")
    query = request.GET.get("q", "").strip()
    if query:
        rows = rows.filter(title__icontains=query)
    return render(
        request,
        page,
        "documents.html",
        documents=rows,
        query=query,
    )
