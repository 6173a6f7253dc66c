"""manage.py close_silent_procedures: adopt silent procedures whose deadline has passed."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import TaskState

from workflows.models import SilentProcedureTaskState

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Remind the group a day before a silent procedure's deadline, and adopt every silent "
        "procedure whose deadline has passed without objection. The task worker does both on "
        "time by itself; run this from cron (e.g. hourly) where no worker runs. A procedure "
        "that fails is logged and holds up none of the others; the command then fails."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        self.failed = []
        open_procedures = SilentProcedureTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS
        )
        reminded = self.each(open_procedures, "remind_if_due", now)
        adopted = self.each(open_procedures.filter(deadline__lte=now), "close_if_due", now)
        said = f"Reminded {reminded} and adopted {adopted} silent procedure(s)."
        if self.failed:
            raise CommandError(f"{said} Failed (see the log): {', '.join(self.failed)}.")
        self.stdout.write(said)

    def each(self, procedures, step, now):
        """How many of `procedures` their `step` (remind_if_due, close_if_due: each in its own
        transaction) acted on; one that raises is logged, named in self.failed, passed over."""
        done = 0
        for procedure in procedures:
            try:
                done += bool(getattr(procedure, step)(now))
            except Exception:  # noqa: BLE001 (logged; the command fails once the rest is done)
                logger.exception("Silent procedure %s: %s failed", procedure.pk, step)
                self.failed.append(f"procedure {procedure.pk} ({step})")
        return done
