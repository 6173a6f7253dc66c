"""Applying a member's responses template in bulk: each row's response built in memory, then
all written with their needs answered and beneficiaries, in a few statements."""

from datetime import date
from decimal import Decimal
from operator import attrgetter

from ..models import Response, ResponseBeneficiary, ResponseNeed, ResponseParticipant
from .history import BATCH

RESPONSE_FIELDS = (
    "title", "description", "iati_status", "planned_start", "planned_end", "actual_start",
    "actual_end", "budget", "currency", "funding_source", "sensitivity",
)  # fmt: skip


DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")


def write_responses(context, changes):
    """(change, response) of each row, written. Each response holds in memory what its
    revision records: its needs answered, beneficiaries and participating organisations."""
    current = Response.objects.in_bulk(
        [change.key for change in changes if change.action == "update"]
    )
    written = []
    for change in changes:
        written.append((change, _write_response(context, change, current)))
        context.row_built()
    responses = [response for _change, response in written]
    Response.objects.bulk_create(
        [response for response in responses if response.pk is None], batch_size=BATCH
    )
    Response.objects.bulk_update(
        list(current.values()), [*RESPONSE_FIELDS, "pillar"], batch_size=BATCH
    )
    needs = {id(response): change.values["needs"] for change, response in written}
    _save_links(responses, ResponseNeed, "need_id", lambda r: needs[id(r)], "need_links")
    _save_links(responses, ResponseBeneficiary, "partner_id", _beneficiaries)
    participations = {}
    for participant in ResponseParticipant.objects.filter(response__in=list(current)):
        participations.setdefault(participant.response_id, []).append(participant)
    for response in responses:
        response.participations = participations.get(response.pk, [])
    return written


def _write_response(context, change, current):
    values = change.values
    if change.action == "create":
        response = Response(
            reporting_member_id=context.plan.member_id, cycle_id=context.plan.cycle_id
        )
    else:
        response = current[change.key]
    for name in RESPONSE_FIELDS:
        setattr(response, name, values[name])
    for name in DATE_FIELDS:  # the plan keeps dates as ISO text, amounts as decimal text
        setattr(response, name, date.fromisoformat(values[name]) if values[name] else None)
    response.budget = Decimal(values["budget"]) if values["budget"] is not None else None
    response.pillar_id = values["pillar"]
    response.beneficiaries = [context.partners[pk] for pk in values["beneficiaries"]]
    return response


def _beneficiaries(response):
    return [partner.pk for partner in response.beneficiaries.all()]


def _save_links(responses, model, target, wanted, relation=None):
    """Make each response's `model` links (to `target`) those `wanted(response)` names: the
    others deleted, the missing created; with `relation`, set them in memory too, by id."""
    existing = {}
    for link in model.objects.filter(response__in=responses):
        existing.setdefault(link.response_id, {})[getattr(link, target)] = link
    stale, new = set(), []
    for response in responses:
        have, want = existing.get(response.pk, {}), set(wanted(response))
        stale.update(link.pk for key, link in have.items() if key not in want)
        new.extend(model(response=response, **{target: key}) for key in sorted(want - set(have)))
    model.objects.filter(pk__in=stale).delete()
    model.objects.bulk_create(new, batch_size=BATCH)
    if relation:
        links = {}
        kept = (link for have in existing.values() for link in have.values())
        for link in sorted([*kept, *new], key=attrgetter("pk")):
            if link.pk not in stale:
                links.setdefault(link.response_id, []).append(link)
        for response in responses:
            setattr(response, relation, links.get(response.pk, []))
