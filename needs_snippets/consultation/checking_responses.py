"""Checking a member's responses template: each row a new or changed response, with the
rules of the Response model said on the row."""

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..constants import ISO_4217_CODES, IATIActivityStatus
from ..models import Member, Need, Pillar, Response, ResponseNeed
from . import layout
from .plans import Change, RowChecker, conflict, date_cell, split_list
from .reading import (
    Problem,
    TemplateRefused,
    cell_text,
    clean_text,
    data_rows,
    data_sheet,
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


def check_responses(workbook, about, cycle, plan, progress):
    member_id = about.get("member")
    member = (
        Member.objects.filter(pk=member_id).first()
        if isinstance(member_id, int) and 0 < member_id < 2**63
        else None
    )
    if member is None:
        raise TemplateRefused(Problem(_("This template names a member that no longer exists.")))
    plan.member_id = member.pk
    plan.label = f"{cycle} · {member.display_name}"
    sheet, rows, columns = data_sheet(workbook, layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS)
    responses = list(
        Response.objects.filter(reporting_member=member).prefetch_related(
            "need_links", "beneficiary_links"
        )
    )
    by_id = {response.pk: response for response in responses}
    by_title = {clean_text(response.title).lower(): response for response in responses}
    new_titles = {}
    pillars = {code.lower(): pk for pk, code in Pillar.objects.values_list("pk", "code")}
    needs = {}
    for pk, code in (
        Need.objects.filter(live=True)
        .order_by("cycle__period_start")
        .values_list("pk", "reference_code")
    ):
        needs[code.lower()] = pk  # a code shared by cycles: the latest cycle's need …
    linked_codes = defaultdict(dict)  # … unless the response already answers a need of it
    for response_id, need_id, code in ResponseNeed.objects.filter(
        response__in=responses
    ).values_list("response_id", "need_id", "need__reference_code"):
        linked_codes[response_id][code.lower()] = need_id
    partners = {
        code.lower(): pk
        for pk, code in Member.objects.wb_partners().values_list("pk", "country_code")
    }
    statuses = layout.choice_lookup(IATIActivityStatus)
    visibilities = layout.choice_lookup(Response.Sensitivity)
    currencies = {code.lower(): code for code in ISO_4217_CODES}
    seen = {}
    for number, values in data_rows(sheet, rows, columns, plan, progress):
        row = RowChecker(plan, sheet.title, number, layout.RESPONSES_COLUMNS)
        number_text, title = cell_text(values["id"]), cell_text(values["title"])
        response = None
        if number_text:
            is_number = re.fullmatch(r"[0-9]{1,18}", number_text)
            response = by_id.get(int(number_text)) if is_number else None
            if response is None:
                row.problem("id", _(
                    "%(member)s has no response numbered %(number)s: leave it empty for a new "
                    "action.") % {"member": member.display_name,
                                  "number": quote(number_text)})  # fmt: skip
        elif title:
            response = by_title.get(title.lower())
        if response is not None:
            if response.pk in seen:
                row.problem("id", _(
                    "This response is already on row %(row)s: keep one row per response.")
                    % {"row": seen[response.pk]})  # fmt: skip
            seen.setdefault(response.pk, number)
        new = {
            "title": row.required(values, "title", 255),
            "description": row.required(values, "description"),
            "pillar": row.choice(values, "pillar", pillars),
            "iati_status": row.choice(values, "iati_status", statuses),
            "planned_start": date_cell(row, values, "planned_start"),
            "planned_end": date_cell(row, values, "planned_end"),
            "actual_start": date_cell(row, values, "actual_start"),
            "actual_end": date_cell(row, values, "actual_end"),
            "currency": row.choice(values, "currency", currencies, required=False) or "",
            "funding_source": cell_text(values["funding_source"]),
            "sensitivity": row.choice(values, "sensitivity", visibilities),
        }
        budget = values.get("budget")
        new["budget"] = None
        if cell_text(budget):
            try:
                amount = Decimal(cell_text(budget)).quantize(Decimal("0.01"))
                if amount < 0 or amount >= Decimal("1e12"):
                    raise InvalidOperation
                new["budget"] = str(amount)
            except InvalidOperation:
                row.problem("budget", _(
                    "%(value)s is not an amount: write a number such as 250000 or 250000.50, "
                    "without the currency.") % {"value": quote(budget)})  # fmt: skip
        _model_rules(row, new)
        new["needs"] = []
        if len(new["funding_source"]) > 255:
            row.problem("funding_source", _("At most %(limit)s characters.") % {"limit": 255})
        if response is None and title:
            if title.lower() in new_titles:
                row.problem("title", _(
                    "Row %(row)s already adds an action with this title: keep one row per "
                    "action.") % {"row": new_titles[title.lower()]})  # fmt: skip
            new_titles.setdefault(title.lower(), number)
        own = linked_codes[response.pk] if response is not None else {}
        for code in split_list(values["needs"]):
            need_id = own.get(code.lower()) or needs.get(code.lower())
            if need_id:
                new["needs"].append(need_id)
            else:
                # Translators: “Needs to link” is the template's sheet name, which stays English.
                row.problem("needs", _(
                    "%(value)s is not the code of a published need: copy it from the “Needs to "
                    "link” sheet.") % {"value": quote(code)})  # fmt: skip
        new["beneficiaries"] = []
        for code in split_list(values["beneficiaries"]):
            if code.lower() in partners:
                new["beneficiaries"].append(partners[code.lower()])
            else:
                row.problem("beneficiaries", _(
                    "%(value)s is not a partner's code: use AL, BA, XK, ME, MK or RS.")
                    % {"value": quote(code)})  # fmt: skip
        if not row.ok:
            continue
        new["needs"], new["beneficiaries"] = (
            sorted(set(new["needs"])),
            sorted(set(new["beneficiaries"])),
        )
        for key in ("planned_start", "planned_end", "actual_start", "actual_end"):
            new[key] = new[key].isoformat() if new[key] else None
        if response is None:
            plan.changes.append(Change(number, "create", new["title"], None, new, list(new)))
            continue
        current = {
            "title": clean_text(response.title),
            "description": clean_text(response.description),
            "pillar": response.pillar_id,
            "iati_status": response.iati_status,
            "planned_start": response.planned_start.isoformat() if response.planned_start else None,
            "planned_end": response.planned_end.isoformat() if response.planned_end else None,
            "actual_start": response.actual_start.isoformat() if response.actual_start else None,
            "actual_end": response.actual_end.isoformat() if response.actual_end else None,
            "currency": response.currency,
            "funding_source": clean_text(response.funding_source),
            "sensitivity": response.sensitivity,
            "budget": None
            if response.budget is None
            else str(response.budget.quantize(Decimal("0.01"))),
            "needs": sorted({link.need_id for link in response.need_links.all()}),
            "beneficiaries": sorted({link.partner_id for link in response.beneficiary_links.all()}),
        }
        changed = [key for key, value in new.items() if current[key] != value]
        if not changed:
            plan.changes.append(Change(number, "unchanged", response.title, response.pk, new))
            continue
        change = Change(number, "update", response.title, response.pk, new, changed)
        plan.changes.append(conflict(plan, values, response, change))
