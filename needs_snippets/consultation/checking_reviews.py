"""Checking an international partner's review template: per need its validation, comment and
support offered; new rows propose needs. The needs' own text is the partners': a row that
changes it is refused with the column to put the suggestion in."""

from django.utils.translation import gettext as _

from ..models import Member, Need, NeedReview, Pillar
from . import layout
from .need_fields import NeedFields
from .plans import Change, RowChecker
from .reading import Problem, TemplateRefused, cell_text, clean_text, data_rows, data_sheet, quote
from .state import need_states

#: The need's own columns a review row shows for reading.
READ_ONLY = ("title", "state_of_play", "gap", "action_needed")


def check_review(workbook, about, cycle, plan, progress):
    pillar = Pillar.objects.filter(code=about.get("pillar")).first()
    member = Member.objects.exclude(kind="wb_partner").filter(pk=about.get("member")).first()
    if pillar is None or member is None:
        raise TemplateRefused(
            Problem(_("This template names a pillar or member that no longer exists."))
        )
    plan.pillar_id, plan.member_id = pillar.pk, member.pk
    plan.label = f"{cycle} · {pillar.code} · {member.display_name}"
    sheet, rows, columns = data_sheet(workbook, layout.NEEDS_SHEET, layout.REVIEW_COLUMNS)
    needs = list(Need.objects.filter(cycle=cycle, pillar=pillar))
    by_code = {need.reference_code: need for need in needs}
    by_title = {
        clean_text(need.title).lower(): need
        for need in needs
        if need.status != Need.Status.WITHDRAWN
    }
    states = need_states(needs)
    reviews = {r.need_id: r for r in NeedReview.objects.filter(member=member, need__in=needs)}
    verdicts = layout.choice_lookup(NeedReview.Verdict)
    fields = NeedFields(cycle, pillar)
    seen, new_titles = {}, {}
    for number, values in data_rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.REVIEW_COLUMNS)
        code, title = cell_text(values["code"]), cell_text(values["title"])
        need = by_code.get(code) if code else by_title.get(title.lower())
        if code and need is None:
            row.problem(
                "code",
                _(
                    "No %(pillar)s need of the %(edition)s cycle has the code %(code)s: "
                    "leave the code empty to propose a new need."
                )
                % {"pillar": pillar.code, "edition": cycle.edition, "code": quote(code)},
            )
            continue
        review = {
            "verdict": row.choice(values, "verdict", verdicts, required=False) or "",
            "comment": cell_text(values.get("comment")),
            "support": cell_text(values.get("support")),
        }
        if need is None:  # a new need proposed by the member
            if title.lower() in new_titles:
                row.problem("title", _(
                    "Row %(row)s already proposes a need with this title: keep one row per "
                    "need.") % {"row": new_titles[title.lower()]})  # fmt: skip
            new_titles.setdefault(title.lower(), number)
            new = fields.read(row, values)
            if row.ok:
                new.update(partners=[], detail=None, sources=[], review=None)
                plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        if need.pk in seen:
            row.problem("code", _(
                "This need is already on row %(row)s: keep one row per need.")
                % {"row": seen[need.pk]})  # fmt: skip
        seen.setdefault(need.pk, number)
        state = states[need.pk]
        for key in READ_ONLY:
            if clean_text(cell_text(values.get(key))) != clean_text(state[key] or ""):
                # Translators: “Your comment” is the template's column heading, which stays English.
                row.problem(key, _(
                    "The need's own text is the partners': write the change you suggest in “Your "
                    "comment”, and keep this cell as it was."))  # fmt: skip
        if not row.ok:
            continue
        current = reviews.get(need.pk)
        before = (
            {"verdict": current.verdict, "comment": current.comment, "support": current.support}
            if current
            else {"verdict": "", "comment": "", "support": ""}
        )
        changed = [key for key, value in review.items() if before[key] != value]
        if not changed:
            plan.changes.append(Change(number, "unchanged", need.reference_code, need.pk, {}))
            continue
        action = "update" if current else "create"
        values_ = {"review": review}
        plan.changes.append(Change(number, action, need.reference_code, need.pk, values_, changed))
