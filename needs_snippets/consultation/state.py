"""What a need says now, as an editor would see it: its latest draft, else its row."""

from collections import defaultdict

from wagtail.models import Revision

from ..models import Need, NeedPartner

FIELDS = (
    "title", "axis", "measure", "area", "state_of_play", "gap", "action_needed", "timeframe",
)  # fmt: skip
#: Foreign keys, read by their id (a revision stores the id under the field's name).
KEYS = {"axis", "measure", "area"}


def need_states(needs):
    """{need pk: {field: value, "partners": set of pks, "sources": set of pks}} for `needs`,
    in four queries whatever their number. A need with unpublished changes is read from its
    latest revision, so what an import wrote last is what the next import compares with."""
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
    partners, sources = defaultdict(set), defaultdict(set)
    for need_id, partner_id in NeedPartner.objects.filter(need__in=rows).values_list(
        "need_id", "partner_id"
    ):
        partners[need_id].add(partner_id)
    for need_id, document_id in Need.sources.through.objects.filter(need__in=rows).values_list(
        "need_id", "strategicdocument_id"
    ):
        sources[need_id].add(document_id)
    states = {}
    for need in needs:
        content = contents.get(need.pk)
        if content is not None:
            state = {field: content.get(field) for field in FIELDS}
            state["partners"] = set(content.get("partners") or [])
            state["sources"] = set(content.get("sources") or [])
        else:
            state = {
                field: getattr(need, f"{field}_id" if field in KEYS else field) for field in FIELDS
            }
            state["partners"], state["sources"] = partners[need.pk], sources[need.pk]
        states[need.pk] = state
    return states
