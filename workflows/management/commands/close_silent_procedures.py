"""manage.py close_silent_procedures: adopt silent procedures whose deadline has passed."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import TaskState

from workflows.models import SilentProcedureTaskState


class Command(BaseCommand):
    help = (
        "Adopt every silent procedure whose deadline has passed without objection. The task "
        "worker does this on time by itself; run this from cron where no worker runs."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        due = SilentProcedureTaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, deadline__lte=now
        )
        adopted = sum(1 for state in due if state.close_if_due(now))
        self.stdout.write(f"Adopted {adopted} silent procedure(s).")
