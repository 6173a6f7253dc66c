"""What follows publishing a report: freeze its edition, queue its PDF."""

from django.db import transaction
from wagtail.signals import page_published

from .models import ReportPage, ReportPDF
from .report_data import capture


@transaction.atomic
def freeze_published_report(sender, instance, revision, **kwargs):
    """Capture the needs the report shows into the page and the published revision.

    Wagtail also sends page_published when publication is only scheduled; the edition is
    captured when the page goes live.
    """
    if not instance.live:
        return
    snapshot = capture(instance.cycle)
    ReportPage.objects.filter(pk=instance.pk).update(edition_snapshot=snapshot)
    instance.edition_snapshot = snapshot
    revision.content["edition_snapshot"] = snapshot
    revision.save(update_fields=["content"])
    ReportPDF.objects.for_revision(instance, revision, frozen=True)


def register_signal_handlers():
    page_published.connect(freeze_published_report, sender=ReportPage)
