"""Open data: each adopted edition's needs catalogue as CSV and JSON, at a stable public
address (/open-data/needs/<edition>.csv and .json, the edition written like 2021-2022).

The rows are the public API's needs (`/api/v3/needs/?cycle=…`): those frozen into the
edition's live, public report when the Board adopted it, never a draft or a later edit. Both
files carry the Kosovo* footnote and the data's licence (IISG_OPEN_DATA_LICENCE and
IISG_OPEN_DATA_LICENCE_URL; while the Secretariat has not set one, the files say so rather
than name one). Anonymous visitors' copies are kept by the page cache, purged on publish.
"""

import csv
import re

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from needs_snippets.constants import KOSOVO_FOOTNOTE

from .api import PublicNeedOut, PublishedNeeds, Window
from .models import ReportPage
from .page_cache import kept_for_visitors

CSV_COLUMNS = (
    ("reference_code", "Reference code"),
    ("title", "Need"),
    ("pillar", "Pillar"),
    ("axis", "Axis"),
    ("area", "Area"),
    ("partners", "Partners that identified it"),
    ("regional", "Regional"),
    ("state_of_play", "State of play"),
    ("gap", "Gap"),
    ("action_needed", "Action needed"),
    ("timeframe_label", "Timeframe"),
)


def edition_slug(edition):
    """How an edition ("2021–2022") is written in the address: 2021-2022."""
    return re.sub(r"[^0-9A-Za-z]+", "-", edition).strip("-").lower()


def adopted_report(edition):
    """The live, public report of the edition written `edition`, newest first; else 404."""
    reports = ReportPage.objects.editions().live().public().select_related("cycle")
    for report in reports.order_by("-last_published_at"):
        if edition_slug(report.edition_name) == edition and report.url:
            return report
    raise Http404(_("No adopted edition is published under this name."))


def licence():
    """{"name", "url"} of the data's licence, or None while none is set."""
    name = settings.IISG_OPEN_DATA_LICENCE
    return {"name": name, "url": settings.IISG_OPEN_DATA_LICENCE_URL or None} if name else None


def licence_text():
    terms = licence()
    if terms is None:
        return _("The IISG has not yet stated a licence for this data: ask the Secretariat.")
    return " ".join(filter(None, [_("Licence: %(name)s.") % terms, terms["url"]]))


def catalogue(request, edition):
    """(the report, its needs as the public API writes them) of `edition`."""
    report = adopted_report(edition)
    needs = PublishedNeeds(request, report)
    rows = Window(needs, needs.rows)[:]
    return report, [PublicNeedOut.model_validate(row).model_dump(mode="json") for row in rows]


def _named(response, report, extension):
    """`response`, shown in the browser and saved as iisg-needs-<edition>.<extension>."""
    name = f"iisg-needs-{edition_slug(report.edition_name)}.{extension}"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@kept_for_visitors
def needs_json(request, edition):
    report, needs = catalogue(request, edition)
    document = {
        "edition": report.edition_name,
        "report": {"title": report.title, "url": request.build_absolute_uri(report.url)},
        "licence": licence(),
        "licence_note": licence_text(),
        "footnote": str(KOSOVO_FOOTNOTE),
        "api": request.build_absolute_uri(f"/api/v3/needs/?cycle={report.cycle_id}"),
        "needs": needs,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _named(response, report, "json")


@kept_for_visitors
def needs_csv(request, edition):
    report, needs = catalogue(request, edition)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow([heading for _name, heading in CSV_COLUMNS])
    for need in needs:
        writer.writerow([_cell(need, name) for name, _heading in CSV_COLUMNS])
    writer.writerow([])
    writer.writerow([str(KOSOVO_FOOTNOTE)])
    writer.writerow([licence_text()])
    address = request.build_absolute_uri(report.url)
    writer.writerow([_("Adopted edition %(edition)s: %(url)s") % {
        "edition": report.edition_name, "url": address}])  # fmt: skip
    return _named(response, report, "csv")


def _cell(need, name):
    value = need[name]
    if name in ("axis", "area"):
        return value["name"]
    if name == "partners":
        return ", ".join(partner["name"] for partner in value)
    if name == "regional":
        return _("yes") if value else _("no")
    return value


def links(report):
    """{"csv": …, "json": …}: the addresses of `report`'s edition's catalogue."""
    slug = edition_slug(report.edition_name)
    return {
        "csv": reverse("open_data:needs_csv", args=[slug]),
        "json": reverse("open_data:needs_json", args=[slug]),
    }
