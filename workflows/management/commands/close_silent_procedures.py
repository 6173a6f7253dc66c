"""manage.py close_silent_procedures: adopt silent procedures whose deadline has passed."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import TaskState

from workflows.models import SilentProcedureTaskState


class Command(BaseCommand):
    help = (
        "Remind the group a day before a silent procedure's deadline, and adopt every silent "
        "procedure whose deadline has passed without objection. The task worker does both on "
        "time by itself; run this from cron (e.g. hourly) where no worker runs."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        open_procedures = SilentProcedureTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS
        )
        reminded = sum(1 for state in open_procedures if state.remind_if_due(now))
        adopted = sum(
            1 for state in open_procedures.filter(deadline__lte=now) if state.close_if_due(now)
        )
        self.stdout.write(f"Reminded {reminded} and adopted {adopted} silent procedure(s).")
