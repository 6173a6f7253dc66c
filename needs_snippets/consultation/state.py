"""What a need says now, as an editor would see it: its latest draft, else its row."""

from collections import defaultdict

from wagtail.models import Revision

from ..models import Need, NeedPartner
from .reading import clean_text

FIELDS = (
    "title", "axis", "measure", "area", "state_of_play", "gap", "action_needed", "timeframe",
)  # fmt: skip
#: Foreign keys, read by their id (a revision stores the id under the field's name).
KEYS = {"axis", "measure", "area"}


#: What each partner records of its own need (see NeedPartner), as templates carry it.
PARTNER_FIELDS = ("status", "state_of_play", "location", "due")


def matching_needs(needs):
    """{"by_code": {reference code: need}, "by_title": {title, lower case: need}} of `needs`:
    a row names its need by code, or a new row by the title of one (withdrawn ones excepted)."""
    return {
        "by_code": {need.reference_code: need for need in needs},
        "by_title": {
            clean_text(need.title).lower(): need
            for need in needs
            if need.status != Need.Status.WITHDRAWN
        },
    }


def _detail(link):
    """A partner's detail from a link row or a revision's serialised link (dates as ISO)."""
    detail = {name: link.get(name) for name in PARTNER_FIELDS}
    detail["due"] = str(detail["due"]) if detail["due"] else None
    detail["status"] = detail["status"] or NeedPartner.Status.IDENTIFIED
    detail["state_of_play"], detail["location"] = (
        detail["state_of_play"] or "",
        detail["location"] or "",
    )
    return detail


def need_states(needs):
    """{need pk: {field: value, "partners": set of pks, "details": {partner pk: detail},
    "sources": set of pks}} for `needs`, in four queries whatever their number. A need with
    unpublished changes is read from its latest revision, so what an import wrote last is what
    the next import compares with."""
    needs = list(needs)
    drafts = {
        need.latest_revision_id: need.pk
        for need in needs
        if need.has_unpublished_changes and need.latest_revision_id
    }
    contents = {
        drafts[pk]: content
        for pk, content in Revision.objects.filter(pk__in=list(drafts)).values_list("pk", "content")
    }
    rows = [need.pk for need in needs if need.pk not in contents]
    details, sources = defaultdict(dict), defaultdict(set)
    for link in NeedPartner.objects.filter(need__in=rows).values(
        "need_id", "partner_id", *PARTNER_FIELDS
    ):
        details[link["need_id"]][link["partner_id"]] = _detail(link)
    for need_id, document_id in Need.sources.through.objects.filter(need__in=rows).values_list(
        "need_id", "strategicdocument_id"
    ):
        sources[need_id].add(document_id)
    states = {}
    for need in needs:
        content = contents.get(need.pk)
        if content is not None:
            state = {field: content.get(field) for field in FIELDS}
            links = content.get("partner_links")
            if links is None:  # a revision saved before partners had their own detail
                links = [{"partner": pk} for pk in content.get("partners") or []]
            state["details"] = {link["partner"]: _detail(link) for link in links}
            state["sources"] = set(content.get("sources") or [])
        else:
            state = {
                field: getattr(need, f"{field}_id" if field in KEYS else field) for field in FIELDS
            }
            state["details"], state["sources"] = details[need.pk], sources[need.pk]
        state["partners"] = set(state["details"])
        states[need.pk] = state
    return states
