"""manage.py worker: the task worker (django-tasks-db's `db_worker`, same options) with a
heartbeat, so that /healthz and the admin dashboard know whether any worker is running."""

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from iisg_pages.heartbeat import Heartbeat


class Command(DBWorkerCommand):
    help = (
        "Run the task worker (search indexing, report PDFs, template imports, e-mails) until "
        "stopped, recording a heartbeat every 30 s. Options as db_worker's."
    )

    def handle(self, *args, worker_id, **options):
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stop()
