"""What follows the decisions on a report: its edition frozen when the Board's vote starts,
its cycle moved with the decisions, its PDF queued when it is published."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.models import TaskState
from wagtail.signals import (
    page_published,
    task_approved,
    task_cancelled,
    task_rejected,
    task_submitted,
    workflow_approved,
)

from . import page_cache
from .adoption import ADOPTED_REFUSAL, TRANSLATION_REFUSAL
from .models import ReportPage, ReportPDF
from .notifications import PUBLISHED_NOTICE, notify_members_of_publication
from .report_data import capture


def report_under(task_state):
    """The report a seats-counted task state decides on, or None."""
    if not getattr(task_state.task.specific, "decides_by_seats", False):
        return None
    content = task_state.workflow_state.content_object
    content = getattr(content, "specific", content)
    return content if isinstance(content, ReportPage) else None


@transaction.atomic
def freeze_edition_for_the_board(sender, instance, user=None, **kwargs):
    """The Board's vote starts on a revision of a report: lock the cycle's needs, move the
    cycle to the Board's phase and freeze the figures it shows into that revision. What each
    seat sees is what is adopted: the cycle's row lock is taken first, so a need write still
    in progress commits before the needs are read, and a later one is refused."""
    report = report_under(instance)
    if report is None:
        return
    report.cycle.enter_board_approval(user=user)
    revision = instance.revision
    revision.content["edition_snapshot"] = {**capture(report.cycle), "revision_id": revision.pk}
    revision.save(update_fields=["content"])


def end_of_the_board_vote(sender, instance, user=None, **kwargs):
    """A Board vote on a report ended without adoption: its cycle's needs are unlocked."""
    report = report_under(instance)
    if report is not None and instance.status != TaskState.STATUS_APPROVED:
        report.cycle.end_board_decision(user=user, outcome=instance.status)


@transaction.atomic
def freeze_published_report(sender, instance, revision, **kwargs):
    """The live page shows the edition frozen for the revision it publishes (taken when the
    Board's vote started); a revision without its own (published outside the Board's vote, or
    a translation) is frozen now, once: publishing the same revision again never changes its
    edition. The published edition's PDF is queued.

    Wagtail also sends page_published when publication is only scheduled; the edition is
    taken when the page goes live.
    """
    if not instance.live:
        return
    snapshot = (revision.content or {}).get("edition_snapshot") or {}
    if snapshot.get("revision_id") != revision.pk:  # a copy carried over from the page
        snapshot = {**_edition_now(instance), "revision_id": revision.pk}
        revision.content["edition_snapshot"] = snapshot
        revision.save(update_fields=["content"])
    ReportPage.objects.filter(pk=instance.pk).update(edition_snapshot=snapshot)
    instance.edition_snapshot = snapshot
    ReportPDF.objects.for_revision(instance, revision, frozen=True)


def _edition_now(report):
    """The edition a revision published now shows: the database's, or for a translation the
    English edition live now (its `translates_revision_id` names which)."""
    if not report.is_translation:
        return capture(report.cycle)
    if not report.original_is_adopted_and_live:
        raise PermissionDenied(str(TRANSLATION_REFUSAL))
    original = report.original
    return {**original.edition_snapshot, "translates_revision_id": original.live_revision_id}


def input_into_secure_database(sender, instance, user=None, **kwargs):
    """The Board adopted a report: the needs of its frozen edition become approved and its
    cycle moves to database input. Members are told when the report goes live
    (iisg_pages.notifications), which may be later than the adoption (a go-live date)."""
    report = instance.content_object
    report = getattr(report, "specific", report)
    if not isinstance(report, ReportPage):
        return
    report.refresh_from_db(fields=["edition_snapshot"])
    need_ids = [row["id"] for row in (report.edition_snapshot or {}).get("needs", [])]
    report.cycle.enter_database_input(need_ids, user=user)


def adopted_editions_are_never_deleted(sender, instance, **kwargs):
    """Whatever the path (a shell, a cascade from above), an adopted edition is not deleted:
    only the Board changes it, through a corrigendum."""
    if instance.is_adopted:
        raise PermissionDenied(str(ADOPTED_REFUSAL))


def register_signal_handlers():
    page_cache.connect()
    page_published.connect(freeze_published_report, sender=ReportPage)
    page_published.connect(
        notify_members_of_publication, sender=ReportPage, dispatch_uid=PUBLISHED_NOTICE
    )
    task_submitted.connect(freeze_edition_for_the_board)
    for ended in (task_approved, task_rejected, task_cancelled):
        ended.connect(end_of_the_board_vote)
    workflow_approved.connect(input_into_secure_database)
    pre_delete.connect(adopted_editions_are_never_deleted, sender=ReportPage)
