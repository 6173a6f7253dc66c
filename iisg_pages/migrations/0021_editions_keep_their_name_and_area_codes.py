"""Frozen editions keep the name of their cycle and the code of each need's area, as they are
now: renaming the cycle or an area later no longer changes an adopted report, its open-data
address or its needs in the public API (report_data.capture freezes both from now on). Both
the reports' live editions and the editions frozen into their revisions (which a publication
copies to the page) are completed; nothing else in them changes."""

from django.db import migrations


def _completed(snapshot, edition, area_codes):
    """`snapshot` with the edition's name and its rows' area codes, where it lacks them."""
    if not isinstance(snapshot, dict):
        return snapshot, False
    changed = "edition" not in snapshot
    snapshot.setdefault("edition", edition)
    for row in snapshot.get("needs") or []:
        if "area_code" not in row:
            row["area_code"] = area_codes.get(row.get("area_id"), "")
            changed = True
    return snapshot, changed


def complete_editions(apps, schema_editor):
    ReportPage = apps.get_model("iisg_pages", "ReportPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Area = apps.get_model("needs_snippets", "Area")
    MappingCycle = apps.get_model("needs_snippets", "MappingCycle")
    area_codes = dict(Area.objects.values_list("pk", "code"))
    editions = dict(MappingCycle.objects.values_list("pk", "edition"))
    report_type = ContentType.objects.filter(app_label="iisg_pages", model="reportpage").first()
    for report in ReportPage.objects.exclude(edition_snapshot=None).select_related("cycle"):
        snapshot, changed = _completed(report.edition_snapshot, report.cycle.edition, area_codes)
        if changed:
            ReportPage.objects.filter(pk=report.pk).update(edition_snapshot=snapshot)
        if report_type is None:
            continue
        revisions = Revision.objects.filter(content_type=report_type, object_id=str(report.pk))
        for revision in revisions.iterator():
            content = revision.content or {}
            edition = editions.get(content.get("cycle"), report.cycle.edition)  # its own cycle
            frozen, changed = _completed(content.get("edition_snapshot"), edition, area_codes)
            if changed:
                content["edition_snapshot"] = frozen
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("iisg_pages", "0020_site_pages_without_wagtails_default_workflow"),
        ("needs_snippets", "0033_analysis_generation"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(complete_editions, migrations.RunPython.noop)]
