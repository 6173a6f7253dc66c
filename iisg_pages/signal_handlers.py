"""What follows publishing a report: freeze its edition, queue its PDF."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from wagtail.log_actions import log
from wagtail.signals import page_published, workflow_approved

from needs_snippets.roles import MEMBERS

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


def input_into_secure_database(sender, instance, user=None, **kwargs):
    """The Board approved a report: its cycle's needs become approved and members are told."""
    report = instance.content_object
    report = getattr(report, "specific", report)
    if not isinstance(report, ReportPage):
        return
    approved = report.cycle.enter_database_input(user=user)
    transaction.on_commit(lambda: notify_members_of_approval(report, approved))


def notify_members_of_approval(report, approved):
    """Email every active member account (in blind copy) with a link to the report."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=MEMBERS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + report.url
    EmailMessage(
        subject=f"IISG: {report.title} is approved",
        body=(
            f"The IISG Board has approved the {report.title}.\n\n"
            f"Its {approved} needs are now in the secure database, and the report is "
            f"published at {link}\n\n"
            "IISG Secretariat"
        ),
        bcc=recipients,
    ).send()
    log(
        instance=report,
        action="iisg.notification.sent",
        data={"to": "members", "count": len(recipients), "subject": "report approved"},
    )


def register_signal_handlers():
    page_published.connect(freeze_published_report, sender=ReportPage)
    workflow_approved.connect(input_into_secure_database)
