"""Adopted editions of the Biennial Needs Mapping report: what protects them, and the one way
out (a superuser's emergency unpublication, with a reason, told to the Board).

Contract:

- A report is *adopted* once the Board has approved some revision of it through its approval
  workflow (`ReportPage.is_adopted`). An adopted edition is changed only by the Board: a
  correction is a new revision through the same workflow (a corrigendum).
- Nobody unpublishes, deletes or moves an adopted edition, nor deletes or moves a page above
  it, through the admin's page actions or bulk actions: the permission tester hides the
  buttons (iisg_pages/permissions.py), and the `before_*` hooks (iisg_pages/adoption_hooks.py)
  refuse with `ADOPTED_REFUSAL` whatever got past it.
- A copy of any report is a draft: never published on copying, never a live alias.
- A superuser may unpublish an adopted edition in an emergency only (`emergency_unpublish`):
  the reason is logged (`EMERGENCY_UNPUBLISH`) and every Board member is e-mailed.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.forms.pages import CopyForm
from wagtail.log_actions import log

from cms.letters import send_to_people
from needs_snippets.roles import BOARD

ADOPTED_REFUSAL = _(
    "An adopted edition is changed only by the Board: submit a corrigendum through the "
    "approval workflow."
)
TRANSLATION_REFUSAL = _(
    "A report's translation is published once the Board has adopted the English edition and "
    "it is live: publish it after that."
)
COPY_REFUSAL = _(
    "A copy of a report is a draft: it is published by its approval workflow only. Copy it "
    "without publishing it."
)
EMERGENCY_UNPUBLISH = "iisg.report.emergency_unpublish"


class ReportCopyForm(CopyForm):
    """Wagtail's copy form without "publish copies" and "alias": a report's copy is a draft."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)


def adopted_reports_among(pages, with_descendants=False):
    """The adopted reports among `pages` (and, with `with_descendants`, below them)."""
    from .models import ReportPage

    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    reports = ReportPage.objects.none()
    for page in pages:
        if with_descendants:
            reports |= ReportPage.objects.descendant_of(page, inclusive=True)
        else:
            reports |= ReportPage.objects.filter(pk=page.pk)
    return list(reports.adopted())


def reports_among(pages, with_descendants=False):
    """Whether any of `pages` (or, with `with_descendants`, a page below one) is a report."""
    from .models import ReportPage

    for page in pages:
        candidates = (
            ReportPage.objects.descendant_of(page, inclusive=True)
            if with_descendants
            else ReportPage.objects.filter(pk=page.pk)
        )
        if candidates.exists():
            return True
    return False


def board_recipients():
    """The ids of the Board's accounts with an e-mail address: the active holders of its
    seats when seats are recorded (needs_snippets.BoardSeat), else the active members of the
    "Board" group."""
    from needs_snippets.models import BoardSeat

    users = get_user_model().objects.none()
    seats = list(BoardSeat.objects.all())
    if seats:
        for seat in seats:
            users |= seat.active_holders()
    else:
        users = get_user_model().objects.filter(groups__name=BOARD, is_active=True)
    return sorted(set(users.exclude(email="").values_list("pk", flat=True)))


def scheduled_revisions(report):
    """Revisions of `report` waiting for their go-live date (the periodic job publishes them)."""
    return report.revisions.filter(approved_go_live_at__isnull=False)


def can_be_unpublished_in_emergency(report):
    """An adopted report that is live, or scheduled to go live."""
    return report.is_adopted and (report.live or scheduled_revisions(report).exists())


@transaction.atomic
def emergency_unpublish(report, user, reason):
    """Take the adopted `report` offline in an emergency: only a superuser, only with a
    reason. Unpublishes it if live and cancels any scheduled go-live (else the clock would
    put it back online). Logs `EMERGENCY_UNPUBLISH` with the reason and, once committed,
    e-mails every Board member. Raises PermissionDenied for anyone else, ValueError without
    a reason."""
    reason = (reason or "").strip()
    if not (user and user.is_active and user.is_superuser):
        raise PermissionDenied(gettext("Only a superuser may unpublish an adopted edition."))
    if not reason:
        raise ValueError("An emergency unpublication needs a reason.")
    revision = report.live_revision
    cancelled = scheduled_revisions(report).update(approved_go_live_at=None)
    if report.live:
        UnpublishPageAction(report, user=user).execute(skip_permission_checks=True)
    log(
        instance=report,
        action=EMERGENCY_UNPUBLISH,
        user=user,
        data={"reason": reason, "cancelled_scheduled_publications": cancelled},
        revision=revision,
    )
    recipients = board_recipients()
    transaction.on_commit(lambda: _tell_the_board(report, user, reason, recipients))


def _tell_the_board(report, user, reason, recipients):
    if not recipients:
        return
    history = reverse("wagtailadmin_pages:history", args=[report.pk])
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + history
    when = timezone.localtime()

    def compose():
        subject = gettext("IISG: %(title)s was unpublished in an emergency") % {
            "title": report.title
        }
        body = gettext(
            "%(who)s unpublished the adopted edition of the %(title)s on %(when)s, in an "
            "emergency.\n\nReason given:\n%(reason)s\n\nIt is offline until the Board adopts it "
            "again through the approval workflow. History: %(link)s\n\nIISG Hub"
        ) % {
            "who": user.get_full_name() or user.get_username(),
            "title": report.title,
            "when": date_format(when, "DATETIME_FORMAT"),
            "reason": reason,
            "link": link,
        }
        return subject, body

    send_to_people(recipients, compose)
    log(
        instance=report,
        action="iisg.notification.sent",
        data={"to": "board", "count": len(recipients), "subject": "emergency unpublication"},
    )
