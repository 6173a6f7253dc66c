"""A template import from upload to applied changes, as the admin and the command run it."""

from django.db import transaction
from django.utils import timezone

from cms.security.uploads import normalised_filename

from ..models import TemplateImport
from . import applying, checking, storage


def start(data, filename, user, cycle=None):
    """Keep the uploaded file, under a name safe to store, and record its import (being
    checked)."""
    filename = normalised_filename(filename, default="template")
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


def claim(template_import):
    """Mark a checked import as being applied; False when it is not waiting for that (already
    applied, being applied, or not valid). One confirmation applies once."""
    return bool(
        TemplateImport.objects.filter(
            pk=template_import.pk, status=TemplateImport.Status.READY
        ).update(status=TemplateImport.Status.APPLYING, rows_done=0)
    )


def apply(template_import, user, progress=None):
    """Write the changes the Secretariat confirmed, all or nothing: the file is checked again,
    and if the database changed since what it would write changed too, nothing is written
    and the import waits for a new confirmation of its new report. Returns the applied plan,
    or None."""
    progress = progress or _progress(template_import)
    confirmed = (template_import.report or {}).get("fingerprint")
    plan = checking.check(read(template_import), template_import.cycle)
    if not plan.is_valid or plan.fingerprint() != confirmed:
        template_import.report = {**plan.as_report(), "changed_since_check": plan.is_valid}
        template_import.status = (
            TemplateImport.Status.READY if plan.is_valid else TemplateImport.Status.INVALID
        )
        template_import.save()
        return None
    try:
        with transaction.atomic():
            applying.apply(plan, user, template_import.filename, progress=progress)
    except Exception:
        template_import.status = TemplateImport.Status.FAILED
        template_import.save()
        raise
    template_import.report = plan.as_report()
    template_import.status = TemplateImport.Status.APPLIED
    template_import.applied_by = user
    template_import.applied_at = timezone.now()
    template_import.save()
    return plan
