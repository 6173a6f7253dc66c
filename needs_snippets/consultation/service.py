"""A template import from upload to applied changes, as the admin and the command run it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.security.uploads import normalised_filename

from ..locks import board_vote_since
from ..models import Member, Need, NeedReview, Response, TemplateImport
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
        queued_at=timezone.now(),
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
    plan = checking.check(
        read(template_import),
        template_import.cycle,
        progress=progress,
        overwrite_conflicts=template_import.overwrite_conflicts,
    )
    template_import.report = plan.as_report()
    template_import.kind = plan.kind
    template_import.cycle_id = plan.cycle_id or template_import.cycle_id
    template_import.pillar_id = plan.pillar_id
    template_import.member_id = plan.member_id
    template_import.status = (
        TemplateImport.Status.READY if plan.is_valid else TemplateImport.Status.INVALID
    )
    template_import.save(update_fields=[*CHECKED_FIELDS, "status"])
    return plan


CHECKED_FIELDS = ("report", "kind", "cycle", "pillar", "member")


def claim(template_import, user):
    """Mark a checked import as being applied, confirmed by `user`; False when it is not
    waiting for that (already applied, being applied, or not valid). One confirmation applies
    once."""
    return bool(
        TemplateImport.objects.filter(
            pk=template_import.pk, status=TemplateImport.Status.READY
        ).update(status=TemplateImport.Status.APPLYING, rows_done=0, applied_by=user)
    )


#: Why a needs template's import waits: said on its page, and to a confirmation refused.
BOARD_VOTING = _(
    "The Board is voting on this cycle's report: its needs are locked until the vote ends or "
    "the Secretariat withdraws it. This import stays checked: apply it after that."
)


def board_lock(template_import):
    """Why the import cannot be applied (or checked again) now, or None: a needs template's
    import waits while the Board votes on its cycle's report, the needs being locked (as a
    need's save is refused then, see locks.NeedsLockedByTheBoard). It stays as it is: a
    checked one is applied once the vote ends, if it still writes what was confirmed."""
    cycle = template_import.cycle
    if template_import.kind == TemplateImport.Kind.NEEDS and cycle and cycle.board_decision_since:
        return BOARD_VOTING
    return None


def confirm(template_import, user):
    """The Secretariat's confirmation and the job that applies it, in one transaction: both
    happen or neither does (the job is enqueued when the transaction commits). False when the
    import is not waiting for a confirmation."""
    with transaction.atomic():
        if not claim(template_import, user):
            return False
        template_import.refresh_from_db()
        template_import.queue()
    return True


def overwrite_conflicts(template_import):
    """The Secretariat chooses to apply a checked import's conflicting rows too: the file is
    checked again with them as updates, for a new confirmation. False when the import is not
    waiting for a confirmation."""
    return template_import.queue_again_if(
        TemplateImport.Status.READY, status=TemplateImport.Status.CHECKING,
        overwrite_conflicts=True, rows_done=0, rows_total=0,
    )  # fmt: skip


def retry(template_import):
    """Check a failed import's file again, as a new run (the Secretariat confirms again after).
    False when the import has not failed."""
    return template_import.queue_again_if(
        TemplateImport.Status.FAILED, status=TemplateImport.Status.CHECKING, rows_done=0,
        rows_total=0,
    )  # fmt: skip


def apply(template_import, user, progress=None):
    """Write the changes the Secretariat confirmed, all or nothing: the file is checked again,
    and if the database changed since what it would write changed too, nothing is written
    and the import waits for a new confirmation of its new report. Returns the applied plan,
    or None.

    One transaction holds the row locks of what the import may change (`_lock_scope`), the
    check again, the write and the import's new status: an admin or API save of one of those
    entries either comes first, and the check sees it, or waits and is then refused as made
    on an older version; and a worker stopped at any point leaves either all of it or none."""
    progress = progress or _progress(template_import)
    confirmed = (template_import.report or {}).get("fingerprint")
    try:
        with transaction.atomic():
            if _lock_scope(template_import):
                # The Board's vote started after the confirmation: nothing is written, and the
                # import waits, checked, for the vote to end (its page says why).
                template_import.status = TemplateImport.Status.READY
                template_import.save(update_fields=["status"])
                return None
            plan = checking.check(
                read(template_import),
                template_import.cycle,
                overwrite_conflicts=template_import.overwrite_conflicts,
            )
            if not plan.is_valid or plan.fingerprint() != confirmed:
                template_import.report = {**plan.as_report(), "changed_since_check": plan.is_valid}
                template_import.status = (
                    TemplateImport.Status.READY if plan.is_valid else TemplateImport.Status.INVALID
                )
                template_import.save(update_fields=["report", "status"])
                return None
            applying.apply(plan, user, template_import.filename, progress=progress)
            template_import.report = plan.as_report()
            template_import.status = TemplateImport.Status.APPLIED
            template_import.applied_by = user
            template_import.applied_at = timezone.now()
            template_import.save(update_fields=["report", "status", "applied_by", "applied_at"])
    except Exception:
        fail(template_import, APPLY_FAILED)
        raise
    return plan


def _lock_scope(template_import):
    """Lock the rows the checked import may change, in the order the other writers take them:
    the member, then its responses (responses templates; as the IATI import does), or the
    cycle (share-locked), then the needs of its pillar in it, then the member's validations
    of them (review templates), each in id order. True when the import must wait: a needs
    template's while the Board votes on the cycle's report (`board_lock`)."""
    if template_import.kind == TemplateImport.Kind.RESPONSES:
        _locked(Member.objects.filter(pk=template_import.member_id))
        _locked(Response.objects.filter(reporting_member_id=template_import.member_id))
        return False
    # From here, the vote cannot start (and freeze the needs) until the import has committed.
    # The cycle first, then its needs, as the Board's adoption takes them.
    voting = board_vote_since(template_import.cycle_id)
    if voting and template_import.kind == TemplateImport.Kind.NEEDS:
        return True
    needs = Need.objects.filter(
        cycle_id=template_import.cycle_id, pillar_id=template_import.pillar_id
    )
    _locked(needs)
    if template_import.kind == TemplateImport.Kind.REVIEW:
        _locked(NeedReview.objects.filter(member_id=template_import.member_id, need__in=needs))
    return False


def _locked(rows):
    list(rows.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))


APPLY_FAILED = _("Applying failed and nothing was written; the error is in the worker's log.")


def fail(template_import, reason):
    """Record the import failed with `reason`, keeping its report."""
    template_import.status = TemplateImport.Status.FAILED
    template_import.failure_reason = reason
    template_import.save(update_fields=["status", "failure_reason"])
