"""A member's responses as an IATI 2.03 activity file.

Each response becomes one `iati-activity` with, in the standard's order: iati-identifier,
reporting-org, title, description, participating-org, activity-status, activity-date,
recipient-country, sector and budget. Every code written is checked against the code lists
the product keeps (`codelists`); a response that cannot make a valid activity is left out
and named with the reason, so that the member can correct it.

The file is written one activity at a time (lxml's incremental writer): thousands of
responses never sit in memory as one tree.
"""

import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from . import codelists
from .schema import VERSION

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGE = "en"
GENERATED_SUFFIX = "IISG"

# IATI ActivityDateType, BudgetType, BudgetStatus, DescriptionType, SectorVocabulary codes.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
ORIGINAL_BUDGET = "1"
INDICATIVE = "1"
GENERAL_DESCRIPTION = "1"
DAC_5_DIGIT = "1"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Omission:
    """Something of a response the file leaves out: the whole activity (`whole`) or a part."""

    response: object
    reason: str
    whole: bool = True


def organisation_problems(member):
    """What keeps `member` from reporting to IATI, as sentences (none: it may)."""
    problems = []
    if not member.iati_identifier:
        problems.append(_("%(name)s has no IATI organisation identifier.") % {"name": member})
    if not member.iati_organisation_type:
        problems.append(_("%(name)s has no IATI organisation type.") % {"name": member})
    return problems


def activity_identifier(response, member):
    """The response's own IATI identifier, or one made of the organisation's and its number."""
    return response.iati_identifier or f"{member.iati_identifier}-{GENERATED_SUFFIX}-{response.pk}"


def exported(responses):
    """`responses` with what the file reads of each, in a stable order."""
    return (
        responses.select_related("reporting_member", "latest_revision")
        .prefetch_related("participations__member", "beneficiary_links__partner")
        .order_by("pk")
    )


class ActivityFile:
    """The IATI activity file of `member`'s `responses` (a queryset).

    `write(out)` writes it; afterwards `omissions` names what was left out and why.
    """

    def __init__(self, member, responses):
        problems = organisation_problems(member)
        if problems:
            raise ValueError(" ".join(problems))
        self.member = member
        self.responses = exported(responses)
        self.omissions = []
        self.written = 0

    def write(self, out):
        """Write the file to the binary file object `out`."""
        generated = timezone.now().replace(microsecond=0).isoformat()
        with etree.xmlfile(out, encoding="utf-8") as document:
            document.write_declaration()
            with document.element(
                "iati-activities", {"version": VERSION, "generated-datetime": generated}
            ):
                for response in self.responses.iterator(chunk_size=500):
                    element = self.activity(response)
                    if element is not None:
                        document.write(element, pretty_print=True)
                        self.written += 1

    def content(self):
        """The whole file as bytes."""
        out = io.BytesIO()
        self.write(out)
        return out.getvalue()

    def http_response(self, download=False):
        """The file as an HTTP response saying how many activities it holds and left out; a
        download named after the organisation and the day when `download`."""
        response = HttpResponse(self.content(), content_type="application/xml; charset=utf-8")
        response["X-IATI-Activities"] = str(self.written)
        response["X-IATI-Omitted"] = str(sum(1 for o in self.omissions if o.whole))
        if download:
            name = slugify(self.member.short_name or self.member.name)
            response["Content-Disposition"] = (
                f'attachment; filename="iisg-iati-{name}-{timezone.localdate():%Y-%m-%d}.xml"'
            )
        return response

    def activity(self, response):
        """The response's `iati-activity`, or None (and an omission) if it cannot be one."""
        try:
            return self._activity(response)
        except ValueError as problem:  # UnknownCode, Unwritable, or text XML cannot carry
            self.omissions.append(Omission(response, str(problem)))
            return None

    def _activity(self, response):
        member = self.member
        attributes = {XML_LANG: LANGUAGE}
        if response.currency:
            attributes["default-currency"] = codelists.check("Currency", response.currency)
        if response.latest_revision is not None:
            changed = response.latest_revision.created_at.replace(microsecond=0)
            attributes["last-updated-datetime"] = changed.isoformat()
        activity = etree.Element("iati-activity", attributes)
        sub(activity, "iati-identifier").text = activity_identifier(response, member)
        reporting = sub(
            activity,
            "reporting-org",
            ref=member.iati_identifier,
            type=codelists.check("OrganisationType", member.iati_organisation_type),
        )
        narrative(reporting, member.name)
        narrative(sub(activity, "title"), response.title)
        narrative(sub(activity, "description", type=GENERAL_DESCRIPTION), response.description)
        self._participants(activity, response)
        status = codelists.check("ActivityStatus", response.iati_status)
        sub(activity, "activity-status", code=status)
        self._dates(activity, response)
        for country in sorted(
            link.partner.country_code for link in response.beneficiary_links.all()
        ):
            sub(activity, "recipient-country", code=codelists.check("Country", country))
        if response.sector:
            sub(
                activity,
                "sector",
                code=codelists.check("Sector", response.sector),
                vocabulary=codelists.check("SectorVocabulary", DAC_5_DIGIT),
            )
        self._budgets(activity, response)
        return activity

    def _participants(self, activity, response):
        participations = list(response.participations.all())
        if not participations:
            raise Unwritable(
                _("It names no participating organisation: add one with its IATI role.")
            )
        for participation in participations:
            organisation = participation.member
            attributes = {"role": codelists.check("OrganisationRole", participation.role)}
            if organisation.iati_identifier:
                attributes["ref"] = organisation.iati_identifier
            if organisation.iati_organisation_type:
                attributes["type"] = codelists.check(
                    "OrganisationType", organisation.iati_organisation_type
                )
            narrative(sub(activity, "participating-org", **attributes), organisation.name)

    def _dates(self, activity, response):
        dates = [
            (PLANNED_START, response.planned_start),
            (ACTUAL_START, response.actual_start),
            (PLANNED_END, response.planned_end),
            (ACTUAL_END, response.actual_end),
        ]
        dates = [(kind, day) for kind, day in dates if day]
        if not (response.planned_start or response.actual_start):
            raise Unwritable(_("It has no start date: give at least its planned start."))
        for kind, day in dates:
            sub(
                activity,
                "activity-date",
                type=codelists.check("ActivityDateType", kind),
                **{"iso-date": day.isoformat()},
            )

    def _budgets(self, activity, response):
        if response.budget is None:
            return
        start = response.planned_start or response.actual_start
        end = response.planned_end or response.actual_end
        if start and end and end < start:
            self.omissions.append(
                Omission(
                    response,
                    _("Its budget is left out: its end is before its start."),
                    whole=False,
                )
            )
            return
        if not (start and end):
            self.omissions.append(
                Omission(
                    response,
                    _("Its budget is left out: give its planned start and end."),
                    whole=False,
                )
            )
            return
        currency = codelists.check("Currency", response.currency)
        for period_start, period_end, value in yearly_shares(response.budget, start, end):
            budget = sub(
                activity,
                "budget",
                type=codelists.check("BudgetType", ORIGINAL_BUDGET),
                status=codelists.check("BudgetStatus", INDICATIVE),
            )
            sub(budget, "period-start", **{"iso-date": period_start.isoformat()})
            sub(budget, "period-end", **{"iso-date": period_end.isoformat()})
            amount = sub(
                budget, "value", currency=currency, **{"value-date": period_start.isoformat()}
            )
            amount.text = str(value)


class Unwritable(ValueError):
    """A response that cannot make a valid IATI activity; the message says what to add."""


def yearly_shares(total, start, end):
    """`total` over [start, end] as IATI budgets, whose periods may not exceed a year:
    consecutive periods of a year at most, each its share by days (to the cent; the last
    takes what rounding left). IATI marks such a split *indicative*."""
    periods = []
    period_start = start
    while period_start <= end:
        period_end = min(one_year_on(period_start) - timedelta(days=1), end)
        periods.append((period_start, period_end))
        period_start = period_end + timedelta(days=1)
    days = (end - start).days + 1
    shares, given = [], Decimal(0)
    for index, (period_start, period_end) in enumerate(periods):
        if index == len(periods) - 1:
            value = Decimal(total) - given
        else:
            length = (period_end - period_start).days + 1
            value = (Decimal(total) * length / days).quantize(CENT, rounding=ROUND_HALF_UP)
            given += value
        shares.append((period_start, period_end, value))
    return shares


def one_year_on(day):
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 2, 28)


def sub(parent, tag, **attributes):
    return etree.SubElement(parent, tag, {name: str(value) for name, value in attributes.items()})


def narrative(parent, text):
    sub(parent, "narrative").text = text
    return parent
