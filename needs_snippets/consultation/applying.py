"""Templates back in, second step: write a checked plan, all or nothing.

Each created or changed entry is saved as a revision by the importer, and its history says
which file (and row) it came from. Needs are saved as drafts, for the Secretariat to review
and publish; responses are saved as they are.

Rows are written in bulk: each row's entry is built in memory, then every kind of write is a
few statements for the whole file (their number does not grow with the rows), and the search
and reference indexes are updated by one task after the transaction commits.
"""

import re
from datetime import date

from django.db import transaction
from wagtail.models import Revision

from ..models import Measure, Member, Need, NeedPartner, NeedReview, Pillar, StrategicDocument
from ..models.registries import Area, Axis
from . import history
from .applying_responses import write_responses
from .history import BATCH
from .indexing import index_after_commit

IMPORT_ACTION = "iisg.template.import"


def apply(plan, user, filename, progress=None):
    """Write `plan` (valid) in one transaction; returns the number of entries written."""
    if not plan.is_valid:
        raise ValueError("A plan with problems is never applied.")
    changes = [change for change in plan.changes if change.action in ("create", "update")]
    with transaction.atomic():
        context = _Context(plan, user, progress, len(changes))
        if plan.kind == "needs":
            written = _write_needs(context, changes)
        elif plan.kind == "review":
            written = _write_review(context, changes)
        else:
            written = write_responses(context, changes)
        history.record(
            written, user, IMPORT_ACTION,
            lambda change: {"file": filename, "row": change.row, "fields": change.changed},
        )  # fmt: skip
        index_after_commit([instance for _change, instance in written])
        if progress and changes:
            progress(len(changes), len(changes))
    return len(changes)


class _Context:
    def __init__(self, plan, user=None, progress=None, total=0):
        self.plan, self.user = plan, user
        self.pillar = Pillar.objects.filter(pk=plan.pillar_id).first()
        self.axes = {axis.pk: axis for axis in Axis.objects.all()}
        self.areas = {area.pk: area for area in Area.objects.all()}
        self.partners = {member.pk: member for member in Member.objects.wb_partners()}
        self.documents = {document.pk: document for document in StrategicDocument.objects.all()}
        self.codes = None
        self.progress, self.total, self.built = progress, total, 0

    def row_built(self):
        """Report progress every 100 rows built (the last report comes when all is written)."""
        self.built += 1
        if self.progress and self.built % 100 == 0 and self.built < self.total:
            self.progress(self.built, self.total)

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


def _write_needs(context, changes):
    """(change, need) of each row: built by `_write_need`, then written together."""
    _load_needs(context, [change.key for change in changes if change.action == "update"])
    written = []
    for change in changes:
        written.append((change, _write_need(context, change)))
        context.row_built()
    _save_needs(context, [need for _change, need in written])
    return written


def _load_needs(context, keys):
    """The needs the rows update, each as its latest version (a draft's, where it has one),
    and the partner links their rows have."""
    needs = Need.objects.filter(pk__in=keys).prefetch_related("partner_links")
    context.live_links = {need.pk: list(need.partner_links.all()) for need in needs}
    drafts = Revision.objects.in_bulk(
        [need.latest_revision_id for need in needs if need.has_unpublished_changes]
    )
    context.needs = {
        need.pk: need.with_content_json(drafts[need.latest_revision_id].content)
        if need.latest_revision_id in drafts
        else need
        for need in needs
    }


def _write_need(context, change):
    """The row's need, new or as the row changes it, in memory."""
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
        need = context.needs[change.key]
    for name in NEED_FIELDS:
        setattr(need, name, values[name])
    need.axis_id, need.area_id = values["axis"], values["area"]
    # No measure: the axis's Unclassified measure, found when the need's row is saved.
    need.measure_id = values["measure"]
    need.partner_links = _partner_links(need, context, values)
    need.sources = [context.documents[pk] for pk in values["sources"]]
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


def _save_needs(context, needs):
    """Write the rows of draft-only needs (a live need's changes wait in its revision, as
    the admin keeps them), with their partner links and sources."""
    saved = [need for need in needs if not need.live]
    unclassified = {}
    for need in saved:
        if need.measure_id is None:  # as Need.save does, once per axis
            if need.axis_id not in unclassified:
                axis = context.axes[need.axis_id]
                unclassified[need.axis_id] = Measure.unclassified_for(need.cycle_id, axis)
            need.measure = unclassified[need.axis_id]
    Need.objects.bulk_create([need for need in saved if need.pk is None], batch_size=BATCH)
    Need.objects.bulk_update(
        [need for need in saved if need.pk in context.needs],
        [*NEED_FIELDS, "axis", "area", "measure"],
        batch_size=BATCH,
    )
    _save_partner_links(context, saved)
    _save_sources(saved)


def _save_partner_links(context, needs):
    """Each need's partner links as in memory: the others deleted, the kept ones updated,
    the new ones created (they keep being the need's links in memory, now with their ids)."""
    live = {link.pk for need in needs for link in context.live_links.get(need.pk, [])}
    final = []
    for need in needs:
        for link in need.partner_links.all():
            link.need = need
            final.append(link)
    kept = {link.pk for link in final if link.pk in live}
    NeedPartner.objects.filter(pk__in=live - kept).delete()
    NeedPartner.objects.bulk_update(
        [link for link in final if link.pk in kept],
        ["status", "state_of_play", "location", "due"],
        batch_size=BATCH,
    )
    NeedPartner.objects.bulk_create(
        [link for link in final if link.pk not in live], batch_size=BATCH
    )


def _save_sources(needs):
    through = Need.sources.through
    wanted = {(need.pk, document.pk) for need in needs for document in need.sources.all()}
    rows = through.objects.filter(need_id__in=[need.pk for need in needs])
    have = {(row.need_id, row.strategicdocument_id): row.pk for row in rows}
    through.objects.filter(pk__in=[pk for pair, pk in have.items() if pair not in wanted]).delete()
    through.objects.bulk_create(
        [through(need_id=need, strategicdocument_id=doc) for need, doc in wanted - set(have)],
        batch_size=BATCH,
    )


def _write_review(context, changes):
    """A review template's rows: the member's validations of needs, and needs it proposes."""
    proposed = [change for change in changes if change.values.get("review") is None]
    written = {change.row: need for change, need in _write_needs(context, proposed)}
    reviewed = [change for change in changes if change.values.get("review") is not None]
    current = {
        review.need_id: review
        for review in NeedReview.objects.filter(
            member_id=context.plan.member_id, need_id__in=[change.key for change in reviewed]
        )
    }
    for change in reviewed:
        review = current.get(change.key) or NeedReview(
            need_id=change.key, member_id=context.plan.member_id
        )
        for name, value in change.values["review"].items():
            setattr(review, name, value)
        review.updated_by = context.user
        written[change.row] = review
        context.row_built()
    reviews = [written[change.row] for change in reviewed]
    NeedReview.objects.bulk_create([r for r in reviews if r.pk is None], batch_size=BATCH)
    updated_at = NeedReview._meta.get_field("updated_at")
    for review in current.values():  # bulk_update leaves auto_now to us, as save would not
        updated_at.pre_save(review, add=False)
    NeedReview.objects.bulk_update(
        list(current.values()),
        ["verdict", "comment", "support", "updated_by", "updated_at"],
        batch_size=BATCH,
    )
    return [(change, written[change.row]) for change in changes]
