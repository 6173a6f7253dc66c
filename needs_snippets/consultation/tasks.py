"""Template imports in the background, for the admin (progress in the import's rows).

A failure is recorded on the import, never left "being checked" or "being applied": nothing
was written (applying is one transaction).
"""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from ..models import TemplateImport
from . import service

logger = logging.getLogger(__name__)

UNREADABLE = (
    "The file could not be read to the end. Download the template again, copy your entries "
    "into it and save it as .xlsx."
)


def _failed(import_id, message):
    TemplateImport.objects.filter(pk=import_id).update(
        status=TemplateImport.Status.FAILED,
        report={"problems": [{"message": message, "sheet": "", "row": None, "column": ""}]},
    )


@task()
def check_import_task(import_id):
    try:
        service.check(TemplateImport.objects.get(pk=import_id))
    except Exception:  # noqa: BLE001 - recorded on the import
        logger.exception("Checking template import %s failed", import_id)
        _failed(import_id, UNREADABLE)


@task()
def apply_import_task(import_id, user_id):
    try:
        service.apply(
            TemplateImport.objects.get(pk=import_id), get_user_model().objects.get(pk=user_id)
        )
    except Exception:  # noqa: BLE001 - recorded on the import; the transaction wrote nothing
        logger.exception("Applying template import %s failed", import_id)
        _failed(import_id, "Applying failed and nothing was written; the error is in the log.")
