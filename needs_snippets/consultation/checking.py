"""Templates back in, first step: read a filled workbook and plan its changes, writing nothing.

Every row is checked before anything is written. The plan says which rows create, update or
leave unchanged an entry, and each error says its sheet, row, column and what to fix. A row
matches an existing entry by its code (needs) or number (responses), else by its title, so a
file imported twice plans no change the second time.
"""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from wagtail.models import Revision

from ..models import (
    Member,
    Need,
    NeedPartner,
    Pillar,
    Response,
    StrategicDocument,
)
from . import layout
from .checking_responses import check_responses
from .checking_reviews import check_review
from .need_fields import NeedFields
from .plans import Change, Plan, RowChecker, conflict, date_cell, split_list
from .reading import (
    Problem,
    TemplateRefused,
    cell_text,
    clean_text,
    data_rows,
    data_sheet,
    open_template,
    quote,
)
from .state import need_states


def check(data, expected_cycle=None, progress=None, overwrite_conflicts=False):
    """The Plan of the template in `data` (XLSX bytes); nothing is written. A row whose entry
    changed in the database since the template was downloaded, and that would change it, is
    a conflict (left alone) unless `overwrite_conflicts`."""
    try:
        workbook, about, cycle = open_template(data, expected_cycle)
    except TemplateRefused as refused:
        return Plan(problems=refused.problems)
    plan = Plan(kind=about["kind"], cycle_id=cycle.pk, overwrite_conflicts=overwrite_conflicts)
    try:
        if plan.kind == "needs":
            _check_needs(workbook, about, cycle, plan, progress)
        elif plan.kind == "review":
            check_review(workbook, about, cycle, plan, progress)
        else:
            check_responses(workbook, about, cycle, plan, progress)
    except TemplateRefused as refused:
        plan.problems = refused.problems
    finally:
        workbook.book.close()
    _explain_conflicts(plan)
    return plan


def _explain_conflicts(plan):
    """Say who changed each conflicting entry, and when, since the template was downloaded."""
    conflicts = [change for change in plan.changes if change.action == "conflict"]
    if not conflicts:
        return
    model = Need if plan.kind == "needs" else Response
    latest = dict(
        model.objects.filter(pk__in=[c.key for c in conflicts]).values_list(
            "pk", "latest_revision_id"
        )
    )
    revisions = Revision.objects.select_related("user").in_bulk(latest.values())
    for change in conflicts:
        revision = revisions.get(latest.get(change.key))
        who = (
            revision.user.get_full_name() or revision.user.get_username()
            if (revision and revision.user)
            else _("someone")
        )
        if revision:
            change.note = _(
                "Changed by %(who)s on %(when)s, after this template was downloaded: left as it "
                "is in the database."
            ) % {
                "who": who,
                "when": format_date(timezone.localtime(revision.created_at), "d M Y H:i"),
            }
        else:
            change.note = _(
                "Changed by %(who)s, after this template was downloaded: left as it is in the "
                "database."
            ) % {"who": who}


def _check_needs(workbook, about, cycle, plan, progress):
    if cycle.board_decision_since:
        raise TemplateRefused(
            Problem(
                _(
                    "The Board is voting on this cycle's report: its needs are locked until the "
                    "vote ends or the Secretariat withdraws it. Import the template after that."
                )
            )
        )
    pillar = Pillar.objects.filter(code=about.get("pillar")).first()
    partner = Member.objects.wb_partners().filter(country_code=about.get("partner")).first()
    if pillar is None or partner is None:
        raise TemplateRefused(
            Problem(_("This template names a pillar or partner that no longer exists."))
        )
    plan.pillar_id, plan.member_id = pillar.pk, partner.pk
    plan.label = f"{cycle} · {pillar.code} · {partner.display_name}"
    sheet, rows, columns = data_sheet(workbook, layout.NEEDS_SHEET, layout.NEEDS_COLUMNS)
    needs = list(Need.objects.filter(cycle=cycle, pillar=pillar))
    by_code = {need.reference_code: need for need in needs}
    by_title = {  # a new row with the title of a need matches it (withdrawn ones excepted)
        clean_text(need.title).lower(): need
        for need in needs
        if need.status != Need.Status.WITHDRAWN
    }
    states = need_states(needs)
    fields = NeedFields(cycle, pillar)
    documents = {}
    for pk, title in StrategicDocument.objects.order_by("pk").values_list("pk", "title"):
        documents.setdefault(clean_text(title).lower(), []).append(pk)
    new_titles = {}
    seen = {}
    statuses = _partner_statuses()
    for number, values in data_rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.NEEDS_COLUMNS)
        code, title = cell_text(values["code"]), cell_text(values["title"])
        need = None
        if code:
            need = by_code.get(code)
            if need is None:
                row.problem(
                    "code",
                    _(
                        "No %(pillar)s need of the %(edition)s cycle has the code %(code)s: "
                        "leave the code empty to propose a new need."
                    )
                    % {"pillar": pillar.code, "edition": cycle.edition, "code": quote(code)},
                )
        elif title:
            need = by_title.get(title.lower())
        if need is not None:
            if need.pk in seen:
                row.problem(
                    "code",
                    _("This need is already on row %(row)s: keep one row per need.")
                    % {"row": seen[need.pk]},
                )
            seen.setdefault(need.pk, number)
        new = fields.read(row, values)
        identified = row.choice(values, "identified", {"yes": True, "no": False}, required=False)
        detail = _partner_detail(row, values, statuses)
        linked = states[need.pk]["sources"] if need is not None else set()
        source_ids = set()
        for source in split_list(values["sources"], "\n"):
            candidates = documents.get(source.lower())
            if candidates:  # two documents of one title: the one already linked, else the first
                source_ids.add(next((pk for pk in candidates if pk in linked), candidates[0]))
            else:
                row.problem("sources", _(
                    "%(value)s is not a strategic document of the Lists sheet: copy its title "
                    "exactly, one per line.") % {"value": quote(source)})  # fmt: skip
        if need is None and title:
            if title.lower() in new_titles:
                row.problem("title", _(
                    "Row %(row)s already proposes a need with this title: keep one row per "
                    "need.") % {"row": new_titles[title.lower()]})  # fmt: skip
            new_titles.setdefault(title.lower(), number)
        if not row.ok:
            continue
        if need is None:
            new["partners"] = [partner.pk] if identified is not False else []
            new["detail"] = detail if identified is not False else None
            new["sources"] = sorted(source_ids)
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        current = {
            key: clean_text(value) if isinstance(value, str) else value
            for key, value in states[need.pk].items()
        }
        current["measure"] = fields.placed(current["measure"])
        partners = set(current["partners"])
        if identified is True:
            partners.add(partner.pk)
        elif identified is False:
            partners.discard(partner.pk)
        new["partners"], new["sources"] = sorted(partners), sorted(source_ids)
        current["detail"] = current["details"].get(partner.pk)
        new["detail"] = detail if partner.pk in partners else None
        if new["detail"] is not None and current["detail"] is None and detail == _EMPTY_DETAIL:
            current["detail"] = new["detail"]  # newly identified without detail: not a change
        changed = [
            key for key, value in new.items()
            if (sorted(current[key]) if key in ("partners", "sources") else current[key]) != value
        ]  # fmt: skip
        if changed and need.status == Need.Status.APPROVED:
            row.problem("code", _(
                "The Board approved this need with its report: it is read-only. Propose the "
                "change as a new need, or in the next cycle."))  # fmt: skip
            continue
        if not changed:
            plan.changes.append(Change(number, "unchanged", need.reference_code, need.pk, new))
            continue
        change = Change(number, "update", need.reference_code, need.pk, new, changed)
        plan.changes.append(conflict(plan, values, need, change))


#: A partner's own detail when its cells are empty (see state.PARTNER_FIELDS).
_EMPTY_DETAIL = {"status": "identified", "state_of_play": "", "location": "", "due": None}


def _partner_statuses():
    """A partner's statuses, by English label (lower case) and by code: read once per
    template."""
    return layout.choice_lookup(NeedPartner.Status)


def _partner_detail(row, values, statuses):
    """The importing partner's own detail of the row's need, from its four columns."""
    status = row.choice(values, "partner_status", statuses, required=False)
    location = cell_text(values.get("partner_location"))
    if len(location) > 255:
        row.problem(
            "partner_location",
            _("At most %(limit)s characters (this has %(length)s).")
            % {"limit": 255, "length": len(location)},
        )
    due = date_cell(row, values, "partner_due")
    return {
        "status": status or NeedPartner.Status.IDENTIFIED,
        "state_of_play": cell_text(values.get("partner_state_of_play")),
        "location": location,
        "due": due.isoformat() if due else None,
    }
