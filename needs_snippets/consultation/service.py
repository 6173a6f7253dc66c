"""A template import from upload to applied changes, as the admin and the command run it."""

from django.db import transaction
from django.utils import timezone

from ..models import TemplateImport
from . import applying, checking, storage


def start(data, filename, user, cycle=None):
    """Keep the uploaded file and record its import (being checked)."""
    return TemplateImport.objects.create(
        cycle=cycle,
        filename=filename,
        uploaded_by=user,
        document=storage.keep(data, filename, user),
        status=TemplateImport.Status.CHECKING,
    )


def _progress(template_import):
    def report(done, total):
        TemplateImport.objects.filter(pk=template_import.pk).update(
            rows_done=done, rows_total=total
        )

    return report


def read(template_import):
    with template_import.document.file.open("rb") as file:
        return file.read()


def check(template_import, progress=None):
    """Check the import's file and record its report: ready, or invalid with its errors."""
    progress = progress or _progress(template_import)
    plan = checking.check(read(template_import), template_import.cycle, progress=progress)
    template_import.report = plan.as_report()
    template_import.kind = plan.kind
    template_import.cycle_id = plan.cycle_id or template_import.cycle_id
    template_import.pillar_id = plan.pillar_id
    template_import.member_id = plan.member_id
    template_import.status = (
        TemplateImport.Status.READY if plan.is_valid else TemplateImport.Status.INVALID
    )
    template_import.save()
    return plan


def apply(template_import, user, progress=None):
    """Check the file again (the database may have changed since) and write its changes,
    all or nothing. Returns the plan; the import records what happened."""
    progress = progress or _progress(template_import)
    TemplateImport.objects.filter(pk=template_import.pk).update(
        status=TemplateImport.Status.APPLYING, rows_done=0
    )
    plan = checking.check(read(template_import), template_import.cycle)
    template_import.report = plan.as_report()
    if not plan.is_valid:
        template_import.status = TemplateImport.Status.INVALID
        template_import.save()
        return plan
    try:
        with transaction.atomic():
            applying.apply(plan, user, template_import.filename, progress=progress)
    except Exception:
        template_import.status = TemplateImport.Status.FAILED
        template_import.save()
        raise
    template_import.status = TemplateImport.Status.APPLIED
    template_import.applied_by = user
    template_import.applied_at = timezone.now()
    template_import.save()
    return plan
