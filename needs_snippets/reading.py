"""What a user reads of the secure database: the members area and the API start here.

Members read published needs and the responses the permission rules show them (restricted
responses only to their organisation and the Secretariat); the analysis counts those
responses only.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import Need, NeedPartner
from .permissions import all_visible_responses
from .querysets import confirmed_only

#: Orderings of need and response lists: key → (order_by fields, label).
NEED_SORTS = {
    "code": (["reference_code", "pk"], _("Reference code")),
    "title": (["title", "pk"], _("Title")),
    "partners": (["-partner_count", "reference_code", "pk"], _("Most partners first")),
    "updated": (["-last_published_at", "reference_code", "pk"], _("Recently updated")),
}
RESPONSE_SORTS = {
    "title": (["title", "pk"], _("Title")),
    "member": (["reporting_member__name", "title", "pk"], _("Reporting member")),
    "start": (["planned_start", "title", "pk"], _("Planned start")),
    "updated": (["-latest_revision__created_at", "title", "pk"], _("Recently updated")),
}


def seen_responses(user, confirmed=False):
    """The responses `user` may read; counted by the analyses only where the partner they
    serve confirmed them when `confirmed`."""
    responses = all_visible_responses(user)
    return confirmed_only(responses) if confirmed else responses


def published_needs():
    """Needs as members read them: the published version of each live need."""
    return Need.objects.filter(live=True)


def need_rows(user, confirmed=False):
    """Published needs with what a list shows: partner count, cycle, pillar, axis, objective,
    measure, area and partners, and each partner link flagged `is_covered` over the responses
    `user` sees (hence `Need.has_gap`), in a fixed number of queries. The flags are computed
    for the rows fetched only: a page of 25 costs the same at 500 needs as at 50,000."""
    links = (
        NeedPartner.objects.with_covered_flag(seen_responses(user, confirmed))
        .select_related("partner")
        .order_by("partner__name")
    )
    return (
        published_needs()
        .with_partner_count()
        .select_related(
            "cycle", "pillar", "second_pillar", "axis__pillar", "measure__objective", "area"
        )
        .prefetch_related("partners", Prefetch("partner_links", queryset=links))
    )


def gap_rows(user, confirmed=False):
    """Published needs that are a gap for some partner (over the responses `user` sees, only
    those the partner confirmed when `confirmed`), each with `open_links`: its open partner
    links flagged `is_covered`, for the partners it is a gap for and those it is covered for
    (one more query per page of rows)."""
    responses = seen_responses(user, confirmed)
    links = (
        NeedPartner.objects.open()
        .with_covered_flag(responses)
        .select_related("partner")
        .order_by("partner__name")
    )
    return (
        need_rows(user, confirmed)
        .gaps(responses)
        .prefetch_related(Prefetch("partner_links", queryset=links, to_attr="open_links"))
    )


def response_rows(user):
    """The responses `user` may read, with what a list shows, in a fixed number of queries."""
    return (
        seen_responses(user)
        .select_related("reporting_member", "pillar", "cycle", "latest_revision")
        .prefetch_related(
            "beneficiaries",
            Prefetch("needs", queryset=Need.objects.only("pk", "reference_code", "cycle_id")),
            "participations__member",
        )
    )


#: What the needs and gaps list pages show of a need beside its own columns: its axis (named
#: with its pillar's code), measure and area. Not its cycle, pillars or objective, which
#: need_rows joins for the exports.
LISTED_RELATIONS = ("axis__pillar", "measure", "area")


def _listed(rows, *prefetched):
    """`rows` joining LISTED_RELATIONS only, and prefetching only those of their prefetches
    that fill the attributes `prefetched`."""
    kept = [
        lookup
        for lookup in rows._prefetch_related_lookups
        if (lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup) in prefetched
    ]
    return (
        rows.select_related(None)
        .select_related(*LISTED_RELATIONS)
        .prefetch_related(None)
        .prefetch_related(*kept)
    )


def listed_needs(rows):
    """`need_rows` (filtered, sorted) as the needs list page shows them: their flagged partner
    links, which also name the need's partners (`Need.linked_partner_names`), without
    `partners` as well (one query and a model per partner less a page)."""
    return _listed(rows, "partner_links")


def listed_gaps(rows):
    """`gap_rows` (filtered, sorted) as the gaps list page shows them: `open_links` only, not
    the partners and all the flagged links that the export reads too."""
    return _listed(rows, "open_links")
