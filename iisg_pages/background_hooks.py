"""Wagtail wiring of background work (imported by wagtail_hooks.py): on the dashboard, a
warning to everyone when no task worker is running (search indexing, PDFs, imports and
e-mails wait), and for the Secretariat the task workers and the last run of each periodic job.
"""

from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms.dashboard_panel import DashboardPanel
from needs_snippets.roles import SECRETARIAT

from .heartbeat import last_heartbeat, live_workers
from .periodic import last_runs


class NoTaskWorkerPanel(DashboardPanel):
    """Dashboard warning, first of all panels, while no task worker has a fresh heartbeat."""

    name = "iisg_no_task_worker"
    order = 10
    template_name = "iisg_pages/admin/no_task_worker_panel.html"


class BackgroundWorkPanel(Component):
    """Dashboard panel: the running task workers, and the last run of each periodic job with
    a warning when they stall."""

    name = "iisg_periodic_jobs"
    order = 250
    template_name = "iisg_pages/admin/periodic_jobs_panel.html"

    def get_context_data(self, parent_context):
        rows = last_runs()
        return {
            "rows": rows,
            "stalled": any(row["stalled"] for row in rows),
            "workers": list(live_workers()),
            "now": timezone.now(),
        }


@hooks.register("construct_homepage_panels")
def add_background_work_panels(request, panels):
    if not live_workers().exists():
        panels.append(NoTaskWorkerPanel(last_seen=last_heartbeat()))
    user = request.user
    if user.is_superuser or user.groups.filter(name=SECRETARIAT).exists():
        panels.append(BackgroundWorkPanel())
