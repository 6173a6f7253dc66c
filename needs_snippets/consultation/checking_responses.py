"""Checking a member's responses template: each row a new or changed response, with the
rules of the Response model said on the row."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..constants import ISO_4217_CODES, IATIActivityStatus
from ..models import Member, Need, Pillar, Response, ResponseNeed
from . import layout
from .plans import Change, change_of, checked_rows, date_cell, split_list
from .reading import (
    Problem,
    TemplateRefused,
    cell_text,
    clean_text,
    kept_if_cut,
    quote,
)


def _model_rules(row, values):
    """The rules `Response.clean` keeps (dates in order, a budget's currency), said on the
    row's columns."""
    fields = ("planned_start", "planned_end", "actual_start", "actual_end", "currency")
    response = Response(**{name: values[name] for name in fields})
    response.budget = Decimal(values["budget"]) if values["budget"] is not None else None
    try:
        response.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                row.problem(name, message)


def _member(about):
    """The member the template was made for, or the template is refused."""
    member_id = about.get("member")
    member = (
        Member.objects.filter(pk=member_id).first()
        if isinstance(member_id, int) and 0 < member_id < 2**63
        else None
    )
    if member is None:
        raise TemplateRefused(Problem(_("This template names a member that no longer exists.")))
    return member


@dataclass
class _Lookups:
    """What the rows are checked against, read once per file."""

    member: Member
    by_id: dict
    by_title: dict
    pillars: dict
    needs: dict  # code: the latest cycle's need with that code …
    linked_codes: dict  # … unless the response already answers needs of that code (all kept)
    partners: dict
    statuses: dict = field(default_factory=lambda: layout.choice_lookup(IATIActivityStatus))
    visibilities: dict = field(default_factory=lambda: layout.choice_lookup(Response.Sensitivity))
    currencies: dict = field(default_factory=lambda: {c.lower(): c for c in ISO_4217_CODES})


def _lookups(member):
    responses = list(
        Response.objects.filter(reporting_member=member).prefetch_related(
            "need_links", "beneficiary_links"
        )
    )
    needs = {}
    for pk, code in (
        Need.objects.filter(live=True)
        .order_by("cycle__period_start")
        .values_list("pk", "reference_code")
    ):
        needs[code.lower()] = pk
    linked_codes = defaultdict(dict)
    for response_id, need_id, code in ResponseNeed.objects.filter(
        response__in=responses
    ).values_list("response_id", "need_id", "need__reference_code"):
        linked_codes[response_id].setdefault(code.lower(), []).append(need_id)
    return _Lookups(
        member=member,
        by_id={response.pk: response for response in responses},
        by_title={clean_text(response.title).lower(): response for response in responses},
        pillars={code.lower(): pk for pk, code in Pillar.objects.values_list("pk", "code")},
        needs=needs,
        linked_codes=linked_codes,
        partners={
            code.lower(): pk
            for pk, code in Member.objects.wb_partners().values_list("pk", "country_code")
        },
    )


def _matched_response(row, values, lookups):
    """The member's response the row changes (by number, else by title), or None."""
    number_text, title = cell_text(values["id"]), cell_text(values["title"])
    if not number_text:
        return lookups.by_title.get(title.lower()) if title else None
    is_number = re.fullmatch(r"[0-9]{1,18}", number_text)
    response = lookups.by_id.get(int(number_text)) if is_number else None
    if response is None:
        row.problem("id", _(
            "%(member)s has no response numbered %(number)s: leave it empty for a new "
            "action.") % {"member": lookups.member.display_name,
                          "number": quote(number_text)})  # fmt: skip
    return response


def _budget(row, values):
    """The budget as a string of two decimals, or None (a problem on the row if malformed)."""
    budget = values.get("budget")
    if not cell_text(budget):
        return None
    try:
        amount = Decimal(cell_text(budget)).quantize(Decimal("0.01"))
        if not amount.is_finite() or amount >= Decimal("1e12"):
            raise InvalidOperation
    except InvalidOperation:
        row.problem("budget", _(
            "%(value)s is not an amount: write a number such as 250000 or 250000.50, "
            "without the currency.") % {"value": quote(budget)})  # fmt: skip
        return None
    if amount < 0:
        row.problem("budget", _(
            "A budget cannot be negative (this one is %(value)s): write the amount without a "
            "minus sign, or leave the cell empty.") % {"value": quote(budget)})  # fmt: skip
        return None
    return str(amount)


def _fields(row, values, lookups):
    """The row's values as the Response's fields (dates as dates), problems said on the row."""
    new = {
        "title": row.required(values, "title", 255),
        "description": row.required(values, "description"),
        "pillar": row.choice(values, "pillar", lookups.pillars),
        "iati_status": row.choice(values, "iati_status", lookups.statuses),
        "planned_start": date_cell(row, values, "planned_start"),
        "planned_end": date_cell(row, values, "planned_end"),
        "actual_start": date_cell(row, values, "actual_start"),
        "actual_end": date_cell(row, values, "actual_end"),
        "currency": row.choice(values, "currency", lookups.currencies, required=False) or "",
        "funding_source": cell_text(values["funding_source"]),
        "sensitivity": row.choice(values, "sensitivity", lookups.visibilities),
    }
    new["budget"] = _budget(row, values)
    _model_rules(row, new)
    if len(new["funding_source"]) > 255:
        row.problem("funding_source", _("At most %(limit)s characters.") % {"limit": 255})
    return new


def _linked_needs(row, values, own, lookups):
    found = []
    for code in split_list(values["needs"]):
        need_ids = own.get(code.lower()) or [lookups.needs.get(code.lower())]
        if all(need_ids):
            found.extend(need_ids)
        else:
            # Translators: “Needs to link” is the template's sheet name, which stays English.
            row.problem("needs", _(
                "%(value)s is not the code of a published need: copy it from the “Needs to "
                "link” sheet.") % {"value": quote(code)})  # fmt: skip
    return sorted(set(found))


def _beneficiaries(row, values, lookups):
    found = []
    for code in split_list(values["beneficiaries"]):
        if code.lower() in lookups.partners:
            found.append(lookups.partners[code.lower()])
        else:
            row.problem("beneficiaries", _(
                "%(value)s is not a partner's code: use AL, BA, XK, ME, MK or RS.")
                % {"value": quote(code)})  # fmt: skip
    return sorted(set(found))


def _current(response):
    """The response as the template's values would state it now."""

    def day(value):
        return value.isoformat() if value else None

    return {
        "title": clean_text(response.title),
        "description": clean_text(response.description),
        "pillar": response.pillar_id,
        "iati_status": response.iati_status,
        "planned_start": day(response.planned_start),
        "planned_end": day(response.planned_end),
        "actual_start": day(response.actual_start),
        "actual_end": day(response.actual_end),
        "currency": response.currency,
        "funding_source": clean_text(response.funding_source),
        "sensitivity": response.sensitivity,
        "budget": None
        if response.budget is None
        else str(response.budget.quantize(Decimal("0.01"))),
        "needs": sorted({link.need_id for link in response.need_links.all()}),
        "beneficiaries": sorted({link.partner_id for link in response.beneficiary_links.all()}),
    }


def check_responses(workbook, about, cycle, plan, progress):
    """Each row of a member's responses template as a change to plan: create, update (or a
    conflict with an edit since the download) or unchanged; every problem said on its row."""
    member = _member(about)
    plan.made_for(cycle, member)
    rows = checked_rows(workbook, layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS, plan, progress)
    lookups = _lookups(member)
    new_titles, seen = {}, {}
    for number, values, row in rows:
        title = cell_text(values["title"])
        response = _matched_response(row, values, lookups)
        if response is not None:
            row.once(seen, response.pk, "id", _(
                "This response is already on row %(row)s: keep one row per response."))  # fmt: skip
        new = _fields(row, values, lookups)
        if response is None and title:
            row.once(new_titles, title.lower(), "title", _(
                "Row %(row)s already adds an action with this title: keep one row per "
                "action."))  # fmt: skip
        own = lookups.linked_codes[response.pk] if response is not None else {}
        new["needs"] = _linked_needs(row, values, own, lookups)
        new["beneficiaries"] = _beneficiaries(row, values, lookups)
        if not row.ok:
            continue
        for key in ("planned_start", "planned_end", "actual_start", "actual_end"):
            new[key] = new[key].isoformat() if new[key] else None
        if response is None:
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        current = _current(response)
        for key in ("description", "funding_source"):
            new[key] = kept_if_cut(new[key], current[key])
        changed = [key for key, value in new.items() if current[key] != value]
        plan.changes.append(
            change_of(plan, number, values, response, response.title, new, changed, named_by="id")
        )
