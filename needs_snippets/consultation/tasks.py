"""Template imports in the background, as leased jobs (cms/jobs.py): progress in the import's
rows while the work runs, re-queued when a worker stops.

A failure is recorded on the import, never left "being checked" or "being applied": nothing
was written (applying is one transaction).
"""

import logging

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms.jobs import leased
from cms.languages import person_language

from ..models import TemplateImport
from . import service

logger = logging.getLogger(__name__)

UNREADABLE = _(
    "The file could not be read to the end. Download the template again, copy your entries "
    "into it and save it as .xlsx."
)


def _rows(run):
    return lambda done, total: run.report(rows_done=done, rows_total=total)


@task()
def check_import_task(import_id):
    with leased(TemplateImport, import_id) as run:
        if run is None:
            return
        # The report is written once, in the language of whoever uploaded the file.
        with translation.override(person_language(run.row.uploaded_by)):
            try:
                service.check(run.row, progress=_rows(run))
            except Exception:  # noqa: BLE001 - recorded on the import
                logger.exception("Checking template import %s failed", import_id)
                message = str(UNREADABLE)
                run.row.report = {
                    "problems": [{"message": message, "sheet": "", "row": None, "column": ""}]
                }
                run.row.save(update_fields=["report"])
                service.fail(run.row, message)


@task()
def apply_import_task(import_id, user_id=None):
    """Apply a confirmed import in the name of who confirmed it (recorded on the import; jobs
    queued before it was pass `user_id`)."""
    with leased(TemplateImport, import_id) as run:
        if run is None:
            return
        user = run.row.applied_by or get_user_model().objects.filter(pk=user_id).first()
        with translation.override(person_language(user)):
            try:
                service.apply(run.row, user, progress=_rows(run))
            except Exception:  # noqa: BLE001 - recorded on the import; nothing was written
                logger.exception("Applying template import %s failed", import_id)
