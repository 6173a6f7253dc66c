"""Template imports in the background, for the admin (progress in the import's rows)."""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from ..models import TemplateImport
from . import service

logger = logging.getLogger(__name__)


@task()
def check_import_task(import_id):
    service.check(TemplateImport.objects.get(pk=import_id))


@task()
def apply_import_task(import_id, user_id):
    template_import = TemplateImport.objects.get(pk=import_id)
    try:
        service.apply(template_import, get_user_model().objects.get(pk=user_id))
    except Exception:  # noqa: BLE001 - recorded on the import (failed, nothing written)
        logger.exception("Applying template import %s failed", import_id)
