"""Checking an international partner's review template: per need its validation, comment and
support offered; new rows propose needs. The needs' own text is the partners': a row that
changes it is refused with the column to put the suggestion in."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Member, NeedReview
from . import layout
from .pillar_needs import PillarNeeds, pillar_and_member
from .plans import Change, checked_rows
from .reading import cell_text, clean_text

#: The need's own columns a review row shows for reading.
READ_ONLY = ("title", "state_of_play", "gap", "action_needed")


def _scope(about):
    """The pillar and the international member the template was made for."""
    member = Member.objects.exclude(kind="wb_partner").filter(pk=about.get("member")).first()
    return pillar_and_member(
        about, member, _("This template names a pillar or member that no longer exists.")
    )


@dataclass
class _Lookups(PillarNeeds):
    """What the rows are checked against, read once per file: the pillar's needs, the verdicts
    and the member's reviews."""

    verdicts: dict
    reviews: dict = field(default_factory=dict)  # need id: the member's review of it


def _lookups(cycle, pillar, member):
    lookups = _Lookups.read(cycle, pillar, verdicts=layout.choice_lookup(NeedReview.Verdict))
    needs = list(lookups.states)  # the ids of the pillar's needs
    lookups.reviews = {
        r.need_id: r for r in NeedReview.objects.filter(member=member, need__in=needs)
    }
    return lookups


def _kept_as_it_was(row, values, state):
    """A problem on each of the need's own cells that the row changed."""
    for key in READ_ONLY:
        if clean_text(cell_text(values.get(key))) != clean_text(state[key] or ""):
            # Translators: “Your comment” is the template's column heading, which stays English.
            row.problem(key, _(
                "The need's own text is the partners': write the change you suggest in “Your "
                "comment”, and keep this cell as it was."))  # fmt: skip


def _review_change(number, need, review, current):
    """The plan's change for a review of `need`, given the member's `current` review."""
    before = (
        {"verdict": current.verdict, "comment": current.comment, "support": current.support}
        if current
        else {"verdict": "", "comment": "", "support": ""}
    )
    changed = [key for key, value in review.items() if before[key] != value]
    if not changed:
        return Change(number, "unchanged", need.reference_code, need.pk, {})
    action = "update" if current else "create"
    return Change(number, action, need.reference_code, need.pk, {"review": review}, changed)


def check_review(workbook, about, cycle, plan, progress):
    """Each row of a member's review template as a change to plan: a review created, updated
    or unchanged, or a proposed need; every problem said on its row."""
    pillar, member = _scope(about)
    plan.made_for(cycle, member, pillar)
    rows = checked_rows(workbook, layout.NEEDS_SHEET, layout.REVIEW_COLUMNS, plan, progress)
    lookups = _lookups(cycle, pillar, member)
    for number, values, row, need in lookups.matched_rows(rows):
        if not row.ok:  # its code names no need of the pillar, or an earlier row's
            continue
        review = {
            "verdict": row.choice(values, "verdict", lookups.verdicts, required=False) or "",
            "comment": cell_text(values.get("comment")),
            "support": cell_text(values.get("support")),
        }
        if need is None:  # a new need proposed by the member
            new = lookups.fields.read(row, values)
            if row.ok:
                new.update(partners=[], detail=None, sources=[], review=None)
                plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        _kept_as_it_was(row, values, lookups.states[need.pk])
        if row.ok:
            plan.changes.append(_review_change(number, need, review, lookups.reviews.get(need.pk)))
