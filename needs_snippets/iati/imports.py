"""A member's IATI file in: its Western Balkans activities become candidate responses, which
the member accepts (with the needs it chooses) or rejects.

Contract:
- `import_file(member, user, file, name)`: all or nothing. The file is validated against the
  IATI 2.03 schema as it is read; an invalid one raises InvalidActivityFile and nothing is
  written. Each activity with a Western Balkans recipient becomes, or updates, the member's
  candidate of the same IATI identifier (a re-import never duplicates); an accepted
  candidate's response is updated too, as a new revision, while it is still the member's (a
  response the Secretariat gave to another organisation is never written). Returns the counts.
- `accept(user, candidate, needs)`: the candidate becomes a response of the member answering
  `needs` (published needs one of its recipients identified), reported by `user`.
- `reject(user, candidate)`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..constants import IATIActivityStatus, IATIOrganisationRole
from ..models import (
    CandidateResponse,
    Member,
    Need,
    Response,
    ResponseBeneficiary,
    ResponseNeed,
    ResponseParticipant,
)
from . import codelists
from .matching import suggestions
from .reader import is_code_number, once, read_activities

IMPORTED = "iisg.response.iati_imported"


@dataclass
class ImportCounts:
    read: int = 0
    candidates: int = 0
    updated: int = 0
    outside_the_region: int = 0


def wb_codes():
    return set(Member.objects.wb_partners().values_list("country_code", flat=True))


def import_file(member, user, file, name):
    """Import the IATI file `file` for `member` (see the module's contract)."""
    region = wb_codes()
    counts = ImportCounts()
    activities, first_lines = [], {}
    for activity in read_activities(file):  # validated while read: nothing written yet
        counts.read += 1
        if not region & set(activity["recipient_countries"]) or not activity["iati_identifier"]:
            counts.outside_the_region += 1
            continue
        # One activity per identifier among those kept (a multi-publisher download may
        # repeat one outside the region, which is not read further).
        once(activity["iati_identifier"], activity["line"], first_lines)
        activities.append(activity)
    for activity in activities:  # the ranking reads only: before the transaction's locks
        activity["suggestions"] = suggestions(activity)
    with transaction.atomic():
        # One import of the organisation at a time: two at once would both create a candidate.
        Member.objects.select_for_update().filter(pk=member.pk).first()
        for activity in activities:
            created = _keep(member, user, activity, name, region)
            counts.candidates += created
            counts.updated += not created
    return counts


def _fields(member, activity, region):
    status = activity["activity_status"]
    own = member.iati_identifier
    roles = sorted(
        {
            int(p["role"])
            for p in activity["participants"]
            if own
            and p["ref"] == own
            and is_code_number(p["role"])
            and int(p["role"]) in IATIOrganisationRole.values
        }
    )
    sector = next((s for s in activity["sectors"] if s in codelists.codelist("Sector")), "")
    return {
        "title": (activity["title"] or activity["iati_identifier"])[:255],
        "description": activity["description"],
        "recipient_countries": [c for c in activity["recipient_countries"] if c in region],
        "sector": sector,
        "activity_status": status if status in IATIActivityStatus.values else None,
        "roles": roles,
        **{
            name: activity[name]
            for name in ("planned_start", "planned_end", "actual_start", "actual_end")
        },
    }


def _keep(member, user, activity, name, region):
    """Create or update the member's candidate for `activity`; True when created."""
    fields = _fields(member, activity, region)
    candidate = (
        CandidateResponse.objects.select_for_update()
        .filter(member=member, iati_identifier=activity["iati_identifier"])
        .first()
    )
    created = candidate is None
    if created:
        candidate = CandidateResponse(member=member, iati_identifier=activity["iati_identifier"])
    for field, value in fields.items():
        setattr(candidate, field, value)
    candidate.suggestions = activity["suggestions"]
    candidate.file_name, candidate.imported_by = name[:255], user
    candidate.save()
    if candidate.response_id:
        _update_response(candidate, user)
    return created


def _update_response(candidate, user):
    """An accepted candidate imported again: its response takes the file's fields, unless it
    is no longer the member's."""
    response = (
        Response.objects.select_for_update()
        .filter(pk=candidate.response_id, reporting_member=candidate.member)
        .first()
    )
    if response is None:
        return
    _copy(candidate, response)
    response.full_clean(exclude=["pillar", "reporting_member", "cycle"])
    response.save()
    response.save_revision(user=user, log_action=True)


def _copy(candidate, response):
    response.title = candidate.title
    response.description = candidate.description or candidate.title
    response.sector = candidate.sector
    if candidate.activity_status:
        response.iati_status = candidate.activity_status
    for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
        setattr(response, name, getattr(candidate, name))


def eligible_needs(candidate):
    """Published needs one of the candidate's recipients identified."""
    return Need.objects.filter(
        live=True, partner_links__partner__country_code__in=candidate.recipient_countries
    ).distinct()


@transaction.atomic
def accept(user, candidate, need_ids):
    """The candidate as a response answering the needs `need_ids` (see the contract)."""
    candidate = CandidateResponse.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateResponse.Status.PENDING:
        raise ValidationError(_("This activity was reviewed already."))
    needs = list(eligible_needs(candidate).filter(pk__in=need_ids))
    if not needs or len(needs) != len(set(need_ids)):
        raise ValidationError(
            _("Choose at least one of the suggested needs (published needs of its recipients).")
        )
    pillars = {need.pillar_id for need in needs}
    if len(pillars) > 1:
        raise ValidationError(_("Choose needs of one pillar: a response belongs to one pillar."))
    response = Response(
        reporting_member=candidate.member,
        pillar_id=pillars.pop(),
        iati_identifier=candidate.iati_identifier,
        sensitivity=Response.Sensitivity.MEMBERS,
    )
    _copy(candidate, response)
    response.full_clean()
    response.save()
    ResponseNeed.objects.bulk_create(ResponseNeed(response=response, need=n) for n in needs)
    ResponseBeneficiary.objects.bulk_create(
        ResponseBeneficiary(response=response, partner=partner)
        for partner in Member.objects.wb_partners().filter(
            country_code__in=candidate.recipient_countries
        )
    )
    ResponseParticipant.objects.bulk_create(
        ResponseParticipant(response=response, member=candidate.member, role=role)
        for role in candidate.roles
    )
    response.save_revision(user=user, log_action=True)
    log(response, IMPORTED, user=user, data={"iati_identifier": candidate.iati_identifier})
    candidate.status, candidate.response = CandidateResponse.Status.ACCEPTED, response
    candidate.save(update_fields=["status", "response"])
    return response


@transaction.atomic
def reject(user, candidate):
    candidate = CandidateResponse.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != CandidateResponse.Status.PENDING:
        raise ValidationError(_("This activity was reviewed already."))
    candidate.status = CandidateResponse.Status.REJECTED
    candidate.save(update_fields=["status"])
