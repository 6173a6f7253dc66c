"""Templates back in, second step: write a checked plan, all or nothing.

Each created or changed entry is saved as a revision by the importer, and its history says
which file (and row) it came from. Needs are saved as drafts, for the Secretariat to review
and publish; responses are saved as they are.
"""

import re
from datetime import date
from decimal import Decimal

from django.db import transaction
from wagtail.log_actions import log

from ..models import (
    Member,
    Need,
    NeedPartner,
    NeedReview,
    Pillar,
    Response,
    ResponseNeed,
    StrategicDocument,
)
from ..models.registries import Area, Axis

IMPORT_ACTION = "iisg.template.import"


def apply(plan, user, filename, progress=None):
    """Write `plan` (valid) in one transaction; returns the number of entries written."""
    if not plan.is_valid:
        raise ValueError("A plan with problems is never applied.")
    changes = [change for change in plan.changes if change.action in ("create", "update")]
    write = {"needs": _write_need, "review": _write_review_row}.get(plan.kind, _write_response)
    context = _Context(plan, user)
    with transaction.atomic():
        for done, change in enumerate(changes, start=1):
            instance = write(context, change)
            # Checked row by row already (the database's constraints still hold). A
            # validation has no revisions: its history is the log.
            revision = (
                instance.save_revision(user=user, log_action=False, clean=False)
                if hasattr(instance, "save_revision")
                else None
            )
            log(
                instance=instance,
                action=IMPORT_ACTION,
                user=user,
                revision=revision,
                data={"file": filename, "row": change.row, "fields": change.changed},
                content_changed=True,
            )
            if progress and (done % 100 == 0 or done == len(changes)):
                progress(done, len(changes))
    return len(changes)


class _Context:
    def __init__(self, plan, user=None):
        self.plan, self.user = plan, user
        self.pillar = Pillar.objects.filter(pk=plan.pillar_id).first()
        self.axes = {axis.pk: axis for axis in Axis.objects.all()}
        self.areas = {area.pk: area for area in Area.objects.all()}
        self.partners = {member.pk: member for member in Member.objects.wb_partners()}
        self.documents = {document.pk: document for document in StrategicDocument.objects.all()}
        self.codes = None

    def next_code(self, axis_id, area_id):
        """A free reference code such as WBCTi-PRE-LEG-04 for a new need."""
        if self.codes is None:
            self.codes = set(
                Need.objects.filter(cycle_id=self.plan.cycle_id).values_list(
                    "reference_code", flat=True
                )
            )
        axis, area = self.axes[axis_id], self.areas[area_id]
        stem = "-".join(
            re.sub(r"[^A-Za-z]", "", part)[:3].upper() for part in (axis.name, area.code)
        )
        prefix = f"{self.pillar.code}-{stem}-"
        number = 1
        while f"{prefix}{number:02}" in self.codes:
            number += 1
        code = f"{prefix}{number:02}"
        self.codes.add(code)
        return code


NEED_FIELDS = ("title", "state_of_play", "gap", "action_needed", "timeframe")


def _write_need(context, change):
    values = change.values
    if change.action == "create":
        need = Need(
            cycle_id=context.plan.cycle_id,
            pillar_id=context.plan.pillar_id,
            reference_code=context.next_code(values["axis"], values["area"]),
            status=Need.Status.PROPOSED,
            live=False,
        )
    else:
        need = Need.objects.get(pk=change.key)
        if need.has_unpublished_changes:
            need = need.get_latest_revision_as_object()
    for name in NEED_FIELDS:
        setattr(need, name, values[name])
    need.axis_id, need.area_id = values["axis"], values["area"]
    # No measure: the axis's Unclassified measure, found when the need is saved or published.
    need.measure_id = values["measure"]
    need.partner_links = _partner_links(need, context, values)
    need.sources = [context.documents[pk] for pk in values["sources"]]
    if not need.live:  # a draft-only need keeps its latest content in its row, as the admin does
        need.save()
    return need


def _partner_links(need, context, values):
    """The need's partner links after the import: the importing partner's own detail as the
    template gives it, every other partner's link as it was."""
    existing = {link.partner_id: link for link in need.partner_links.all()} if need.pk else {}
    links = []
    for partner_id in values["partners"]:
        link = existing.get(partner_id) or NeedPartner(partner=context.partners[partner_id])
        detail = values.get("detail")
        if partner_id == context.plan.member_id and detail is not None:
            link.status, link.state_of_play = detail["status"], detail["state_of_play"]
            link.location = detail["location"]
            link.due = date.fromisoformat(detail["due"]) if detail["due"] else None
        links.append(link)
    return links


def _write_review_row(context, change):
    """A review template's row: the member's validation of a need, or a need it proposes."""
    review = change.values.get("review")
    if review is None:
        return _write_need(context, change)
    validation, _created = NeedReview.objects.update_or_create(
        need_id=change.key,
        member_id=context.plan.member_id,
        defaults={**review, "updated_by": context.user},
    )
    return validation


RESPONSE_FIELDS = (
    "title", "description", "iati_status", "planned_start", "planned_end", "actual_start",
    "actual_end", "budget", "currency", "funding_source", "sensitivity",
)  # fmt: skip


DATE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")


def _write_response(context, change):
    values = change.values
    if change.action == "create":
        response = Response(
            reporting_member_id=context.plan.member_id, cycle_id=context.plan.cycle_id
        )
    else:
        response = Response.objects.get(pk=change.key)
    for name in RESPONSE_FIELDS:
        setattr(response, name, values[name])
    for name in DATE_FIELDS:  # the plan keeps dates as ISO text, amounts as decimal text
        setattr(response, name, date.fromisoformat(values[name]) if values[name] else None)
    response.budget = Decimal(values["budget"]) if values["budget"] is not None else None
    response.pillar_id = values["pillar"]
    response.beneficiaries = [context.partners[pk] for pk in values["beneficiaries"]]
    response.save()
    links = ResponseNeed.objects.filter(response=response)
    existing = set(links.values_list("need_id", flat=True))
    wanted = set(values["needs"])
    links.filter(need_id__in=existing - wanted).delete()
    ResponseNeed.objects.bulk_create(
        ResponseNeed(response=response, need_id=need_id) for need_id in sorted(wanted - existing)
    )
    return response
