"""The cycle in the admin: its page, its templates out, its imports in (Secretariat only)."""

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..models import (
    MappingCycle,
    Measure,
    Member,
    MemberKind,
    Objective,
    Pillar,
    TemplateImport,
    carry_over_hierarchy,
)
from . import layout, workbooks
from .calendar import calendar_token
from .service import board_lock, confirm, overwrite_conflicts, retry, start

RUNS_THE_CYCLE = "needs_snippets.change_mappingcycle"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _breadcrumbs(cycle, *trail):
    """The admin's slim header trail: Mapping cycles › the cycle › …"""
    items = [
        {
            "url": reverse(MappingCycle.snippet_viewset.get_url_name("list")),
            "label": _("Mapping cycles"),
        },
    ]
    if cycle is not None:
        items.append({"url": reverse("cycle_overview", args=[cycle.pk]), "label": str(cycle)})
    items += [{"url": "", "label": label} for label in trail]
    return items


def _require(request):
    if not request.user.has_perm(RUNS_THE_CYCLE):
        raise PermissionDenied


def _download_grid(caption, corner, rows, columns, cell):
    """A table of template downloads on the cycle page: `rows` and `columns` are (heading,
    item) pairs, `cell(row item, column item)` the (address, label) of their workbook."""
    return {
        "caption": caption,
        "corner": corner,
        "columns": [heading for heading, _item in columns],
        "rows": [
            (heading, [cell(item, column) for _heading, column in columns])
            for heading, item in rows
        ],
    }


def _template_grids(cycle):
    """The needs templates (pillar × Western Balkans partner) and the review templates
    (international member × pillar) of a needs cycle."""
    pillars = [(pillar.code, pillar) for pillar in Pillar.objects.all()]
    partners = [(partner.display_name, partner) for partner in Member.objects.wb_partners()]
    international = Member.objects.active().exclude(kind=MemberKind.WB_PARTNER).order_by("name")

    def needs(pillar, partner):
        url = reverse("cycle_needs_template", args=[cycle.pk, pillar.code, partner.country_code])
        names = {"pillar": pillar.code, "partner": partner.display_name}
        return url, _("%(pillar)s template for %(partner)s") % names

    def review(member, pillar):
        url = reverse("cycle_review_template", args=[cycle.pk, pillar.code, member.pk])
        names = {"pillar": pillar.code, "member": member.display_name}
        return url, _("%(pillar)s review template for %(member)s") % names

    return [
        _download_grid(_("Needs templates by pillar and partner"), _("Pillar"), pillars,
                       partners, needs),
        _download_grid(_("Review templates by member and pillar"), _("Member"),
                       [(member.display_name, member) for member in international], pillars,
                       review),
    ]  # fmt: skip


def cycle_overview(request, pk):
    """Where the cycle stands: phases (planned, actual, late), desk review, meetings, inputs
    received, lessons learnt; its templates and imports."""
    _require(request)
    cycle = get_object_or_404(MappingCycle.objects.prefetch_related("phases"), pk=pk)
    today = timezone.localdate()
    phases = [(phase, cycle.standing_of(phase, today)) for phase in cycle.phases.all()]
    imports = cycle.template_imports.select_related("member", "pillar", "uploaded_by")
    received = defaultdict(list)
    for item in imports.filter(status=TemplateImport.Status.APPLIED):
        received[item.member].append(item)
    previous = _previous_edition(cycle)
    return TemplateResponse(request, "needs_snippets/consultation/cycle.html", {
        "cycle": cycle,
        "today": today,
        "phases": phases,
        "late": [phase for phase, standing in phases if standing == "late"],
        "documents": cycle.strategic_documents.order_by("-published", "title"),
        "meetings": cycle.meetings.select_related("pillar").order_by("start_date"),
        "received": sorted(received.items(), key=lambda item: item[0].name if item[0] else ""),
        "imports": imports[:20],
        "grids": _template_grids(cycle) if cycle.kind == MappingCycle.Kind.NEEDS else None,
        "members": Member.objects.active().order_by("name"),
        "calendar_url": request.build_absolute_uri(
            reverse("needs_snippets:cycle_calendar", args=[calendar_token(cycle)])
        ),
        "header_title": str(cycle),
        "breadcrumbs_items": _breadcrumbs(None, str(cycle)),
        "edit_url": reverse(MappingCycle.snippet_viewset.get_url_name("edit"), args=[cycle.pk]),
        "hierarchy": _hierarchy_counts(cycle),
        "previous": previous,
        "previous_hierarchy": _hierarchy_counts(previous, into=cycle) if previous else None,
        "objectives_url": reverse(Objective.snippet_viewset.get_url_name("list"))
        + f"?cycle={cycle.pk}",
        "measures_url": reverse(Measure.snippet_viewset.get_url_name("list"))
        + f"?cycle={cycle.pk}",
    })  # fmt: skip


def _previous_edition(cycle):
    """The needs edition before `cycle`, if `cycle` is a needs edition and there is one."""
    if cycle.kind != MappingCycle.Kind.NEEDS:
        return None
    return (
        MappingCycle.objects.filter(
            kind=MappingCycle.Kind.NEEDS, period_start__lt=cycle.period_start
        )
        .order_by("-period_start")
        .first()
    )


def _hierarchy_counts(cycle, into=None):
    """The edition's classified objectives and measures; with `into`, also how many of them
    `into` has no item of the same code for yet ("to_carry")."""
    counts = {}
    for name, model in (("objectives", Objective), ("measures", Measure)):
        items = model.objects.classified().filter(cycle=cycle)
        counts[name] = items.count()
        if into is not None:
            present = model.objects.filter(cycle=into).values("code")
            counts["to_carry"] = counts.get("to_carry", 0) + items.exclude(code__in=present).count()
    return counts


@require_POST
def carry_over(request, pk):
    """Copy the previous edition's objectives and measures into this one, each linked to its
    predecessor; what this edition already has under the same code is left as it is."""
    _require(request)
    if not all(
        request.user.has_perm(f"needs_snippets.add_{name}")
        for name in ("priority", "objective", "measure")
    ):
        raise PermissionDenied
    cycle = get_object_or_404(MappingCycle, pk=pk, kind=MappingCycle.Kind.NEEDS)
    previous = _previous_edition(cycle)
    if previous is None:
        messages.error(request, _("There is no earlier needs edition to carry over from."))
        return redirect("cycle_overview", cycle.pk)
    created = carry_over_hierarchy(previous, cycle)
    messages.success(
        request,
        _("Carried over from %(previous)s: %(objectives)s objectives and %(measures)s measures "
          "(%(priorities)s priorities), each linked to its predecessor. Items this edition "
          "already had were left as they were.")
        % {"previous": previous.edition, **created},
    )  # fmt: skip
    return redirect("cycle_overview", cycle.pk)


def _xlsx(name, data):
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def needs_template(request, pk, pillar, partner):
    _require(request)
    cycle = get_object_or_404(MappingCycle, pk=pk, kind=MappingCycle.Kind.NEEDS)
    pillar = get_object_or_404(Pillar, code=pillar)
    partner = get_object_or_404(Member.objects.wb_partners(), country_code=partner)
    return _xlsx(*workbooks.needs_template(cycle, pillar, partner))


def review_template(request, pk, pillar, member):
    _require(request)
    cycle = get_object_or_404(MappingCycle, pk=pk, kind=MappingCycle.Kind.NEEDS)
    pillar = get_object_or_404(Pillar, code=pillar)
    member = get_object_or_404(Member.objects.exclude(kind=MemberKind.WB_PARTNER), pk=member)
    return _xlsx(*workbooks.review_template(cycle, pillar, member))


def responses_template(request, pk, member):
    _require(request)
    cycle = get_object_or_404(MappingCycle, pk=pk, kind=MappingCycle.Kind.RESPONSES)
    return _xlsx(*workbooks.responses_template(cycle, get_object_or_404(Member, pk=member)))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled template (.xlsx)"),
        help_text=_("At most %(mb)s MB. Nothing is recorded before you confirm the check's report.")
        % {"mb": layout.MAX_FILE_BYTES // 1024 // 1024},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > layout.MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; a template is at most %(max)s MB. Remove pictures "
                  "or extra sheets, or split the rows over two files.")
                % {"size": file.size / 1024 / 1024, "max": layout.MAX_FILE_BYTES // 1024 // 1024}
            )  # fmt: skip
        return file


def upload(request, pk):
    """Upload a filled template of this cycle: it is kept and checked in the background."""
    _require(request)
    cycle = get_object_or_404(MappingCycle, pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        with transaction.atomic():
            template_import = start(file.read(), file.name, request.user, cycle)
            template_import.queue()
        return redirect("template_import", template_import.pk)
    return TemplateResponse(request, "needs_snippets/consultation/upload.html", {
        "cycle": cycle, "form": form, "header_title": _("Import a filled template"),
        "breadcrumbs_items": _breadcrumbs(cycle, _("Import a filled template")),
    })  # fmt: skip


def template_import(request, pk):
    """The import's progress, then its report: what it would change, or what to fix."""
    _require(request)
    item = get_object_or_404(TemplateImport.objects.select_related("cycle", "member"), pk=pk)
    report = item.report or {}
    listed = [
        {**change, "changed": layout.changed_headings(item.kind, change.get("changed", []))}
        for change in report.get("changes", [])
    ]
    return TemplateResponse(request, "needs_snippets/consultation/import.html", {
        "item": item,
        "report": report,
        "changes": [c for c in listed if c["action"] != "conflict"][:500],
        "conflicts": [c for c in listed if c["action"] == "conflict"][:500],
        "problems": report.get("problems", [])[:500],
        "locked": board_lock(item) if item.status == TemplateImport.Status.READY else None,
        "header_title": item.filename,
        "breadcrumbs_items": _breadcrumbs(item.cycle, item.filename),
    })  # fmt: skip


def uploaded_file(request, pk):
    """The uploaded file itself, for the Secretariat (its collection is closed to others)."""
    _require(request)
    item = get_object_or_404(TemplateImport.objects.select_related("document"), pk=pk)
    if item.document is None:
        raise Http404
    return FileResponse(
        item.document.file.open("rb"), as_attachment=True, filename=item.filename,
        content_type=XLSX,
    )  # fmt: skip


class ImportAction(NamedTuple):
    """What the Secretariat may do to an import: `act(item, user)` is true when it happened,
    said then as `done` (nothing said when None), as `refused` when it did not."""

    act: Callable
    refused: str
    done: str | None = None


IMPORT_ACTIONS = {
    "apply": ImportAction(confirm, _("Only a checked import without errors can be applied, once.")),
    "overwrite-conflicts": ImportAction(
        lambda item, user: overwrite_conflicts(item),
        _("Only a checked import waiting for confirmation can change."),
        _("The file is being checked again, with its conflicting rows as changes."),
    ),
    "retry": ImportAction(
        lambda item, user: retry(item),
        _("Only a failed import can be run again."),
        _("The file is being checked again."),
    ),
}


#: The actions that write a needs template's changes, or check it again: refused while the
#: Board votes on the cycle's report (service.board_lock), the import left as it is.
WAIT_FOR_THE_BOARD = ("apply", "overwrite-conflicts")


@require_POST
def act_on_import(request, pk, action):
    """The Secretariat confirms a checked import (applied in the background), applies its
    conflicting rows too (checked again), or runs a failed one again; back to its page. While
    the Board votes on the cycle's report, a needs template's import waits."""
    _require(request)
    item = get_object_or_404(TemplateImport, pk=pk)
    act, refused, done = IMPORT_ACTIONS[action]
    locked = board_lock(item) if action in WAIT_FOR_THE_BOARD else None
    if locked:
        messages.error(request, locked)
    elif not act(item, request.user):
        messages.error(request, refused)
    elif done is not None:
        messages.success(request, done)
    return redirect("template_import", item.pk)
