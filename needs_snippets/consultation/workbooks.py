"""Consultation templates out: an XLSX workbook per pillar and partner (needs), per member
(responses). Drop-down lists for every coded column, a frozen header, an instructions sheet,
the Kosovo* designation and the notice that no sensitive information belongs there.
"""

from datetime import date
from io import BytesIO

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from cms.security.spreadsheets import inert_xlsx_cell

from ..constants import CURRENCY_CHOICES, KOSOVO_FOOTNOTE, IATIActivityStatus
from ..models import (
    SENSITIVE_INFORMATION_NOTICE,
    Measure,
    Need,
    NeedPartner,
    NeedReview,
    Pillar,
    Response,
    StrategicDocument,
)
from ..models.registries import Area, Member
from . import layout
from .state import need_states

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
WRAP = Alignment(wrap_text=True, vertical="top")

#: The step of the review and responses templates on how to fill their cells.
_USE_THE_LISTS = gettext_lazy(
    "Use the drop-down lists; type values, not formulas; do not merge cells, rename "
    "sheets or change the headers."
)


def _finished(workbook, kind, cycle, name_parts, **facts):
    """(file name, XLSX bytes) of `workbook`, a `kind` template of `cycle` named
    iisg-<kind>-<edition>-<name_parts…>.xlsx, completed with its hidden About sheet stating the
    format, kind, cycle, edition and `facts` (what the template is, read back by its checker)."""
    facts = {"kind": kind, "cycle": cycle.pk, "edition": cycle.edition, **facts}
    sheet = workbook.create_sheet(layout.ABOUT_SHEET)
    for row, (key, value) in enumerate({"format": layout.FORMAT_VERSION, **facts}.items(), start=1):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
    buffer = BytesIO()
    workbook.save(buffer)
    name = "-".join(["iisg", kind, _slug(cycle.edition), *name_parts])
    return f"{name}.xlsx", buffer.getvalue()


def _new_workbook(title, steps, columns):
    """A workbook whose first sheet is its instructions: `title`, the sensitive information
    notice, the numbered `steps` and the last one (send the file back), the help of `columns`,
    the Kosovo* note."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    steps = [
        *steps,
        _(
            "Send the file back to the IISG Secretariat, which checks every row before "
            "anything is recorded."
        ),
    ]
    lines = [(title, None), ("", None), (str(SENSITIVE_INFORMATION_NOTICE), None), ("", None)]
    lines += [(f"{number}. {step}", None) for number, step in enumerate(steps, start=1)]
    lines += [("", None), (_("Columns"), None)]
    lines += [(column.heading, str(column.help)) for column in columns]
    lines += [("", None), (str(KOSOVO_FOOTNOTE), None)]
    for row, (first, second) in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=first).alignment = WRAP
        if second:
            sheet.cell(row=row, column=2, value=second).alignment = WRAP
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A3"].font = Font(bold=True, color="9C0006")
    return workbook


def _table(workbook, title, columns, rows):
    sheet = workbook.create_sheet(title)
    for index, column in enumerate(columns):
        cell = sheet.cell(row=1, column=index + 1, value=column.heading)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        sheet.column_dimensions[layout.column_letter(index)].width = column.width
    for row_number, values in enumerate(rows, start=2):
        for index, column in enumerate(columns):
            value = values.get(column.key)
            if isinstance(value, str):  # what a cell can hold: no control characters
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if value not in (None, ""):
                cell = inert_xlsx_cell(sheet.cell(row=row_number, column=index + 1, value=value))
                cell.alignment = WRAP
    sheet.freeze_panes = "A2"
    return sheet


def _versions(sheet, columns, versions):
    """The hidden version column after `columns`: each row's entry as downloaded."""
    index = len(columns)
    sheet.cell(row=1, column=index + 1, value=layout.VERSION_COLUMN.heading).font = Font(bold=True)
    for row_number, version in enumerate(versions, start=2):
        sheet.cell(row=row_number, column=index + 1, value=version or 0)
    sheet.column_dimensions[layout.column_letter(index)].hidden = True


def _lists(workbook, lists):
    """A hidden sheet with one column per list of `lists` ({name: values}); returns
    {name: formula}."""
    sheet = workbook.create_sheet(layout.LISTS_SHEET)
    formulas = {}
    for index, (name, values) in enumerate(lists.items()):
        letter = layout.column_letter(index)
        sheet.cell(row=1, column=index + 1, value=name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index + 1, value=value)
        sheet.column_dimensions[letter].width = 40
        last = max(len(values) + 1, 2)
        formulas[name] = f"{layout.LISTS_SHEET}!${letter}$2:${letter}${last}"
    sheet.sheet_state = "hidden"
    return formulas


def _drop_downs(sheet, columns, formulas, row_count):
    """On the cells of `row_count` filled rows and the BLANK_ROWS below, a drop-down of its
    list (formula) for each of `columns` named in `formulas`."""
    last_row = row_count + layout.BLANK_ROWS + 1
    for index, column in enumerate(columns):
        if column.key not in formulas:
            continue
        validation = DataValidation(
            type="list",
            formula1=formulas[column.key],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.heading,
            error=_("Choose a value from the list (%(column)s).") % {"column": column.heading},
        )
        letter = layout.column_letter(index)
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)


def _slug(text):
    return slugify(text.replace("–", "-"))


class _NeedNames:
    """What a need's own columns (axis, measure, area, timeframe) name in a template of
    `pillar`'s needs of `cycle`, read once per workbook."""

    def __init__(self, cycle, pillar):
        self.axes = {axis.pk: axis.name for axis in pillar.axes.all()}
        self.measures = {
            measure.pk: measure.label
            for measure in Measure.objects.classified()
            .filter(cycle=cycle, objective__pillar=pillar)
            .in_hierarchy_order()
        }
        self.areas = {area.pk: area.name for area in Area.objects.all()}
        self.timeframes = dict(Need.Timeframe.choices)

    def cells(self, need, state):
        """The template's cells of `need`'s own columns, code to timeframe, from its `state`."""
        return {
            "code": need.reference_code,
            "title": state["title"],
            "axis": self.axes.get(state["axis"]),
            "measure": self.measures.get(state["measure"], ""),
            "area": self.areas.get(state["area"]),
            "state_of_play": state["state_of_play"],
            "gap": state["gap"],
            "action_needed": state["action_needed"],
            "timeframe": layout.value(self.timeframes.get(state["timeframe"], "")),
        }

    def lists(self):
        """The drop-down lists of those columns, {column key: values}."""
        return {
            "axis": list(self.axes.values()),
            "measure": list(self.measures.values()),
            "area": list(self.areas.values()),
            "timeframe": [layout.value(label) for label in self.timeframes.values()],
        }


def _partner_columns(detail):
    """The template's cells of one partner's own detail of a need (empty when none)."""
    if detail is None:
        return {}
    return {
        "partner_status": layout.value(NeedPartner.Status(detail["status"]).label),
        "partner_state_of_play": detail["state_of_play"],
        "partner_location": detail["location"],
        "partner_due": date.fromisoformat(detail["due"]) if detail["due"] else None,
    }


def _listed_needs(cycle, pillar):
    """The needs of `pillar` in `cycle` that a template lists (withdrawn ones left out), in
    the catalogue's order."""
    return (
        Need.objects.filter(cycle=cycle, pillar=pillar)
        .exclude(status=Need.Status.WITHDRAWN)
        .in_hierarchy_order()
    )


def needs_template(cycle, pillar, partner):
    """(file name, XLSX bytes): the pillar's needs of `cycle` for `partner` to validate or
    complement, with rows for new ones."""
    needs = list(_listed_needs(cycle, pillar))
    states = need_states(needs)
    names = _NeedNames(cycle, pillar)
    documents = {doc.pk: doc.title for doc in StrategicDocument.objects.order_by("title")}
    rows = []
    for need in needs:
        state = states[need.pk]
        rows.append({
            **names.cells(need, state),
            "identified": layout.YES if partner.pk in state["partners"] else layout.NO,
            **_partner_columns(state["details"].get(partner.pk)),
            "sources": "\n".join(
                documents[pk] for pk in sorted(state["sources"]) if pk in documents
            ),
        })  # fmt: skip
    workbook = _new_workbook(
        _("IISG needs mapping %(edition)s: %(pillar)s template for %(partner)s")
        % {"edition": cycle.edition, "pillar": pillar.code, "partner": partner.display_name},
        [
            # Translators: Yes and No are the template's values, which stay English.
            _(
                "Validate each need of the pillar below: correct its text where the situation "
                "in your institutions differs, and say whether it applies to you (Yes or No)."
            ),
            _("Complement: add new needs in the empty rows (leave the reference code empty)."),
            _(
                "Place each need under a measure of its axis (the drop-down list names every "
                "measure of the pillar with its code); leave the measure empty when none fits yet."
            ),
            _(
                "Use the drop-down lists for axis, measure, area, timeframe and Yes/No; type "
                "values, not formulas; do not merge cells, rename sheets or change the headers."
            ),
        ],
        layout.NEEDS_COLUMNS,
    )
    sheet = _table(workbook, layout.NEEDS_SHEET, layout.NEEDS_COLUMNS, rows)
    _versions(sheet, layout.NEEDS_COLUMNS, [need.latest_revision_id for need in needs])
    formulas = _lists(workbook, {
        **names.lists(),
        "identified": [layout.YES, layout.NO],
        "partner_status": [layout.value(label) for label in NeedPartner.Status.labels],
        "sources": list(documents.values()),
    })  # fmt: skip
    formulas.pop("sources")  # several titles per cell: listed for reference, not a drop-down
    _drop_downs(sheet, layout.NEEDS_COLUMNS, formulas, len(rows))
    return _finished(
        workbook, "needs", cycle, [pillar.code, partner.country_code],
        pillar=pillar.code, partner=partner.country_code,
    )  # fmt: skip


def review_template(cycle, pillar, member):
    """(file name, XLSX bytes): the pillar's needs of `cycle` for an international partner
    (`member`) to validate, comment on and offer support for, with rows to propose new ones."""
    needs = list(_listed_needs(cycle, pillar).prefetch_related("partners"))
    states = need_states(needs)
    reviews = {
        review.need_id: review
        for review in NeedReview.objects.filter(member=member, need__in=[n.pk for n in needs])
    }
    names = _NeedNames(cycle, pillar)
    rows = []
    for need in needs:
        review = reviews.get(need.pk)
        rows.append({
            **names.cells(need, states[need.pk]),
            "partners": layout.LIST_SEPARATOR.join(
                p.country_code for p in need.partners.all()
            ),
            "verdict": (
                layout.value(review.get_verdict_display()) if review and review.verdict else ""
            ),
            "comment": review.comment if review else "",
            "support": review.support if review else "",
        })  # fmt: skip
    workbook = _new_workbook(
        _("IISG needs mapping %(edition)s: %(pillar)s review by %(member)s")
        % {"edition": cycle.edition, "pillar": pillar.code, "member": member.display_name},
        [
            # Translators: Your validation and Your comment are the template's column headings,
            # which stay English.
            _(
                "Validate each need of the pillar below (Your validation), comment on it and say "
                "what support you could offer. The needs' own text is the partners': write the "
                "changes you suggest in Your comment."
            ),
            _("Complement: propose new needs in the empty rows (leave the reference code empty)."),
            _USE_THE_LISTS,
        ],
        layout.REVIEW_COLUMNS,
    )
    sheet = _table(workbook, layout.NEEDS_SHEET, layout.REVIEW_COLUMNS, rows)
    formulas = _lists(workbook, {
        **names.lists(),
        "verdict": [layout.value(label) for label in NeedReview.Verdict.labels],
    })  # fmt: skip
    _drop_downs(sheet, layout.REVIEW_COLUMNS, formulas, len(rows))
    who = _slug(member.short_name or member.name)
    return _finished(
        workbook, "review", cycle, [pillar.code, who], pillar=pillar.code, member=member.pk
    )


def responses_template(cycle, member):
    """(file name, XLSX bytes): `member`'s current actions to update, rows for new ones, and
    the needs list to link them to."""
    statuses = dict(IATIActivityStatus.choices)
    visibilities = dict(Response.Sensitivity.choices)
    rows = _response_rows(member, statuses, visibilities)
    workbook = _new_workbook(
        _("IISG response mapping %(edition)s: template for %(member)s")
        % {"edition": cycle.edition, "member": member.display_name},
        [
            _("Update each of your current actions below; leave the response number as it is."),
            _("Add new actions in the empty rows (leave the response number empty)."),
            # Translators: “Needs to link” is the template's sheet name, which stays English.
            _(
                "Link each action to the needs it answers, by their codes on the “Needs to link” "
                "sheet; name the beneficiary partners by country code."
            ),
            _USE_THE_LISTS,
        ],
        layout.RESPONSES_COLUMNS,
    )
    sheet = _table(workbook, layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS, rows)
    _versions(sheet, layout.RESPONSES_COLUMNS, [row["version"] for row in rows])
    _needs_to_link(workbook)
    formulas = _lists(workbook, {
        "pillar": list(Pillar.objects.values_list("code", flat=True)),
        "iati_status": [layout.value(label) for label in statuses.values()],
        "currency": [code for code, _label in CURRENCY_CHOICES],
        "sensitivity": [layout.value(label) for label in visibilities.values()],
        "beneficiaries": list(
            Member.objects.wb_partners().values_list("country_code", flat=True)
        ),
    })  # fmt: skip
    formulas.pop("beneficiaries")  # several codes per cell: listed for reference
    _drop_downs(sheet, layout.RESPONSES_COLUMNS, formulas, len(rows))
    who = _slug(member.short_name or member.name)
    return _finished(workbook, "responses", cycle, [who], member=member.pk)


def _response_rows(member, statuses, visibilities):
    """The responses sheet's rows: `member`'s actions not closed or cancelled, by title, each
    with its cells as the template shows them (status and visibility by their labels)."""
    responses = (
        Response.objects.filter(reporting_member=member)
        .exclude(iati_status__in=[IATIActivityStatus.CLOSED, IATIActivityStatus.CANCELLED])
        .select_related("pillar")
        .prefetch_related("needs", "beneficiaries")
        .order_by("title", "pk")
    )
    separator = f"{layout.LIST_SEPARATOR} "
    return [
        {
            "id": response.pk,
            "title": response.title,
            "description": response.description,
            "pillar": response.pillar.code,
            "needs": separator.join(n.reference_code for n in response.needs.all()),
            "beneficiaries": separator.join(p.country_code for p in response.beneficiaries.all()),
            "iati_status": layout.value(statuses[response.iati_status]),
            "planned_start": response.planned_start,
            "planned_end": response.planned_end,
            "actual_start": response.actual_start,
            "actual_end": response.actual_end,
            "budget": response.budget,
            "currency": response.currency,
            "funding_source": response.funding_source,
            "sensitivity": layout.value(visibilities[response.sensitivity]),
            "version": response.latest_revision_id,
        }
        for response in responses
    ]


def _needs_to_link(workbook):
    """The sheet of the published needs a response may name: code, title, pillar, partners."""
    separator = f"{layout.LIST_SEPARATOR} "
    needs = Need.objects.filter(live=True).select_related("pillar").prefetch_related("partners")
    _table(
        workbook,
        layout.NEEDS_LIST_SHEET,
        [layout.Column("code", "Reference code", 20), layout.Column("title", "Title", 60),
         layout.Column("pillar", "Pillar", 10), layout.Column("partners", "Partners", 30)],
        [{"code": n.reference_code, "title": n.title, "pillar": n.pillar.code,
          "partners": separator.join(p.display_name for p in n.partners.all())}
         for n in needs.order_by("reference_code")],
    )  # fmt: skip
