"""The locks on a cycle's needs: while the Board votes on the cycle's report, and once the
Board has adopted it (its needs are approved and read-only)."""

from django.contrib import messages
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.locks import BaseLock

#: What is said wherever a change to a need the Board approved is refused.
APPROVED_NEED_IS_READ_ONLY = gettext_lazy(
    "The Board approved this need with its cycle's report: it is read-only. "
    "Record changes in the next cycle."
)


class BoardDecisionLock(BaseLock):
    """Nobody edits a need of a cycle under Board decision: what each seat sees is what
    is adopted. The lock ends when the vote ends or is withdrawn."""

    def for_user(self, user):
        return True

    def get_message(self, user):
        return _(
            "The Board is voting on the report of this need's cycle: its needs are locked "
            "until the vote ends or the Secretariat withdraws it."
        )

    def get_locked_by(self, user):
        return _("Locked by the Board's vote")

    def get_description(self, user):
        return self.get_message(user)


class NeedWriteRefused(Exception):
    """A need write refused by the Board's decision on its cycle's report: `need` is the
    need, the message says why. Not a PermissionDenied: the admin's views answer that with a
    bare "Sorry, you do not have permission", where this reaches BoardLockRefusalMiddleware
    (and the edit form, which shows it: RefuseStaleEdits). `shown_on`: the need's admin view
    that answers with the message."""

    shown_on = "edit"

    def __init__(self, need, message):
        super().__init__(message)
        self.need = need


class NeedsLockedByTheBoard(NeedWriteRefused):
    """A need write refused because the Board votes on its cycle's report."""

    def __init__(self, need):
        super().__init__(need, BoardDecisionLock(need).get_message(None))


class ApprovedNeedIsReadOnly(NeedWriteRefused):
    """A write on a need the Board approved (a revision published on it, say one saved
    before the adoption, or its unpublication): refused, the adopted need stays as adopted."""

    shown_on = "inspect"  # an approved need has no edit form

    def __init__(self, need):
        super().__init__(need, str(APPROVED_NEED_IS_READ_ONLY))


class BoardLockRefusalMiddleware:
    """An admin action refused by NeedWriteRefused, whichever view it came through
    (unpublishing, a workflow's approval that publishes, a bulk action), answers with the
    reason on the need's page (NeedWriteRefused.shown_on, or its inspect view for those who may
    not change it) rather than a bare 403; nothing was written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, NeedWriteRefused):
            return None
        message = str(exception)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"success": False, "error_message": message}, status=409)
        messages.error(request, message)
        need, shown_on = exception.need, exception.shown_on
        policy = need.snippet_viewset.permission_policy
        if shown_on == "edit" and not policy.user_has_permission_for_instance(
            request.user, "change", need
        ):
            shown_on = "inspect"  # a Support Group's reviewer, say, reads the need
        return redirect(need.snippet_viewset.get_url_name(shown_on), need.pk)


def board_vote_since(cycle_id):
    """When the Board's vote on cycle `cycle_id`'s report started, or None when it is not
    voting. Inside a transaction, the cycle's row stays share-locked to its end: a vote cannot
    start, and freeze the edition, until a need write that found the cycle open has committed
    (the vote takes the row's update lock first: MappingCycle.enter_board_approval)."""
    from .models import MappingCycle

    table = connection.ops.quote_name(MappingCycle._meta.db_table)
    locking = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT board_decision_since FROM {table} WHERE id = %s{locking}",  # noqa: S608 (quoted name)
            [cycle_id],
        )
        row = cursor.fetchone()
    return row[0] if row else None
