"""Background jobs (PDF renderings, imports) as the tests leave them: a job whose worker
stopped while running it."""

from datetime import timedelta

from django.utils import timezone


def stopped_worker(row, minutes=3, attempts=1, **changes):
    """Make job `row` look like its worker stopped `minutes` ago during run `attempts`."""
    type(row).objects.filter(pk=row.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=minutes), attempts=attempts, **changes
    )
    row.refresh_from_db()
    return row
