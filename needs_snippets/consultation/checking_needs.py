"""Checking a partner's needs template: each row a need of the pillar to validate, complement
or propose, with the partner's own detail and the need's sources."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Member, Need, NeedPartner, StrategicDocument
from . import layout
from .pillar_needs import PillarNeeds, pillar_and_member
from .plans import Change, change_of, checked_rows, date_cell, split_list
from .reading import Problem, TemplateRefused, cell_text, clean_text, kept_if_cut, quote

#: A partner's own detail when its cells are empty (see state.PARTNER_FIELDS).
_EMPTY_DETAIL = {"status": "identified", "state_of_play": "", "location": "", "due": None}


def _scope(about, cycle, plan):
    """The pillar and the partner the template was made for, noted on `plan`; refused while
    the Board votes (the plan still says which pillar and partner)."""
    partner = Member.objects.wb_partners().filter(country_code=about.get("partner")).first()
    pillar, partner = pillar_and_member(
        about, partner, _("This template names a pillar or partner that no longer exists.")
    )
    plan.made_for(cycle, partner, pillar)
    if cycle.board_decision_since:
        raise TemplateRefused(
            Problem(
                _(
                    "The Board is voting on this cycle's report: its needs are locked until the "
                    "vote ends or the Secretariat withdraws it. Import the template after that."
                )
            )
        )
    return pillar, partner


@dataclass
class _Lookups(PillarNeeds):
    """What the rows are checked against, read once per file: the pillar's needs, the partner
    importing, the strategic documents and the partner statuses."""

    partner: Member
    documents: dict  # title (lower case): ids, in the order they were made
    statuses: dict


def _lookups(cycle, pillar, partner):
    documents = {}
    for pk, title in StrategicDocument.objects.order_by("pk").values_list("pk", "title"):
        documents.setdefault(clean_text(title).lower(), []).append(pk)
    return _Lookups.read(
        cycle,
        pillar,
        partner=partner,
        documents=documents,
        statuses=layout.choice_lookup(NeedPartner.Status),
    )


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


def _sources(row, values, linked, documents):
    """The ids of the row's strategic documents; of two with one title, the one already
    linked, else the first."""
    found = set()
    for source in split_list(values["sources"], "\n"):
        candidates = documents.get(source.lower())
        if candidates:
            found.add(next((pk for pk in candidates if pk in linked), candidates[0]))
        else:
            row.problem("sources", _(
                "%(value)s is not a strategic document of the Lists sheet: copy its title "
                "exactly, one per line.") % {"value": quote(source)})  # fmt: skip
    return found


def _changed(need, new, identified, detail, source_ids, lookups):
    """The fields the row changes on `need` (`new` completed with partners, sources, detail)."""
    partner = lookups.partner
    current = {
        key: clean_text(value) if isinstance(value, str) else value
        for key, value in lookups.states[need.pk].items()
    }
    current["measure"] = lookups.fields.placed(current["measure"])
    for key in ("state_of_play", "gap", "action_needed"):  # a title is at most 255
        new[key] = kept_if_cut(new[key], current[key])
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
    return [
        key for key, value in new.items()
        if (sorted(current[key]) if key in ("partners", "sources") else current[key]) != value
    ]  # fmt: skip


def check_needs(workbook, about, cycle, plan, progress):
    """Each row of a partner's needs template as a change to plan: create, update (or a
    conflict with an edit since the download) or unchanged; every problem said on its row."""
    pillar, partner = _scope(about, cycle, plan)
    rows = checked_rows(workbook, layout.NEEDS_SHEET, layout.NEEDS_COLUMNS, plan, progress)
    lookups = _lookups(cycle, pillar, partner)
    for number, values, row, need in lookups.matched_rows(rows):
        new = lookups.fields.read(row, values)
        identified = row.choice(values, "identified", {"yes": True, "no": False}, required=False)
        detail = _partner_detail(row, values, lookups.statuses)
        linked = lookups.states[need.pk]["sources"] if need is not None else set()
        source_ids = _sources(row, values, linked, lookups.documents)
        if not row.ok:
            continue
        if need is None:
            new["partners"] = [partner.pk] if identified is not False else []
            new["detail"] = detail if identified is not False else None
            new["sources"] = sorted(source_ids)
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        changed = _changed(need, new, identified, detail, source_ids, lookups)
        if changed and need.status == Need.Status.APPROVED:
            row.problem("code", _(
                "The Board approved this need with its report: it is read-only. Propose the "
                "change as a new need, or in the next cycle."))  # fmt: skip
            continue
        code = need.reference_code
        plan.changes.append(
            change_of(plan, number, values, need, code, new, changed, named_by="code")
        )
