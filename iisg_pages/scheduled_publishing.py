"""Wagtail's scheduled publishing (its `publish_scheduled` command), as the periodic job of
that name runs it: object by object, each in a transaction of its own, so that one object that
cannot change holds up nothing else due."""

import logging
from collections import Counter

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from needs_snippets.locks import ApprovedNeedIsReadOnly, NeedsLockedByTheBoard

logger = logging.getLogger(__name__)


class ScheduledPublishingFailed(Exception):
    """Some due objects failed to go live or to expire (each is logged with its error); all
    the others did. The next run tries them again."""


def publish_due():
    """Unpublish the live objects past their expiry, then publish the revisions past their
    go-live time; returns what it did, in a line. A need of a cycle under the Board's vote
    (Need.save refuses to change it) keeps its schedule and is passed over until the vote
    ends; the schedule of a need the Board approved is dropped, as it stays as adopted. Raises
    ScheduledPublishingFailed, once all the rest is done, when anything else failed."""
    now = timezone.now()
    done = Counter()
    for item in _expiring(now):
        expire = {"set_expired": True, "log_action": "wagtail.unpublish.scheduled"}
        outcome = _apply("expired", item.unpublish, **expire)
        if outcome == "dropped":
            type(item).objects.filter(pk=item.pk).update(expire_at=None)
        done[outcome] += 1
    going_live = Revision.objects.filter(approved_go_live_at__lt=now)
    for revision in going_live.order_by("approved_go_live_at"):
        outcome = _apply("published", revision.publish, log_action="wagtail.publish.scheduled")
        if outcome == "dropped":
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        done[outcome] += 1
    said = f"{done['published']} published, {done['expired']} expired"
    if done["held"]:
        said += f", {done['held']} held by the Board's vote"
    if done["dropped"]:
        said += f", {done['dropped']} dropped (needs the Board approved as they were)"
    if done["failed"]:
        raise ScheduledPublishingFailed(f"{said}, {done['failed']} failed (see the log)")
    return said


def _expiring(now):
    """The live pages and snippets past their expiry, each model's oldest first."""
    models = [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    for model in models:
        yield from model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")


def _apply(outcome, action, **options):
    """Run `action(**options)` in its own transaction: `outcome` when it ran, "held" when the
    Board's vote refused it, "dropped" when the Board's approval did, "failed" (logged) when
    it raised anything else."""
    try:
        with transaction.atomic():
            action(**options)
    except NeedsLockedByTheBoard:
        return "held"
    except ApprovedNeedIsReadOnly:
        return "dropped"
    except Exception:  # noqa: BLE001 (logged, and the job fails once the rest is done)
        logger.exception("Scheduled publishing: %r could not be %s", action.__self__, outcome)
        return "failed"
    return outcome
