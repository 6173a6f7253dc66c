"""Uploaded templates are not kept for ever: those refused, failed or never confirmed are
deleted, record and file, IISG_UPLOAD_RETENTION_DAYS after their upload (a periodic job,
daily). Applied ones stay, as the source of what they wrote, in their private collection."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import TemplateImport

ABANDONED = (
    TemplateImport.Status.INVALID,
    TemplateImport.Status.FAILED,
    TemplateImport.Status.READY,
)


def delete_abandoned_uploads():
    """Delete the abandoned uploads past their retention; returns a line saying how many."""
    cutoff = timezone.now() - timedelta(days=settings.IISG_UPLOAD_RETENTION_DAYS)
    old = TemplateImport.objects.filter(uploaded_at__lt=cutoff, status__in=ABANDONED)
    deleted = 0
    for item in old.select_related("document").iterator():
        with transaction.atomic():
            # Wagtail removes a deleted document's file once the transaction commits.
            if item.document is not None:
                item.document.delete()
            item.delete()
        deleted += 1
    return (
        f"Deleted {deleted} upload(s) refused, failed or never confirmed more than "
        f"{settings.IISG_UPLOAD_RETENTION_DAYS} days ago."
    )
