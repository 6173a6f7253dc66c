"""Sessions that end: after IISG_SESSION_IDLE_STAFF (or _MEMBERS) without a request, and
IISG_SESSION_MAX_AGE after signing in whatever the activity. Django rotates the session key at
sign-in and ends a person's other sessions when their password changes (the session hash)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.security.log import security_event

from .roles import is_staff_role

SIGNED_IN_AT = "iisg_signed_in_at"
LAST_SEEN = "iisg_last_seen"
#: The last-seen time is written at most this often, so that most requests save no session.
LAST_SEEN_RESOLUTION = 60


def start(session):
    """Mark the session as signed in now (called at sign-in)."""
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now


def idle_limit(user):
    idle = (
        settings.IISG_SESSION_IDLE_STAFF
        if is_staff_role(user)
        else settings.IISG_SESSION_IDLE_MEMBERS
    )
    return idle.total_seconds()


class SessionLimitsMiddleware:
    """Signs out a session that was idle too long or is older than the absolute limit, and
    sends the person to sign in again (back to the page they asked for)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # The API authenticates by token and ignores sessions.
        if user.is_authenticated and not request.path.startswith("/api/"):
            ended = self._check(request, user)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request, user):
        session, now = request.session, time.time()
        if SIGNED_IN_AT not in session:
            start(session)
            return None
        if now - session[SIGNED_IN_AT] > settings.IISG_SESSION_MAX_AGE.total_seconds():
            reason = _("Your session ended %(hours)s hours after you signed in.") % {
                "hours": int(settings.IISG_SESSION_MAX_AGE.total_seconds() // 3600)
            }
            return self._end(request, user, reason, "max_age")
        limit = idle_limit(user)
        if now - session.get(LAST_SEEN, now) > limit:
            reason = _("You were signed out after %(minutes)s minutes without activity.") % {
                "minutes": int(limit // 60)
            }
            return self._end(request, user, reason, "idle")
        if now - session.get(LAST_SEEN, 0) >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now
        return None

    def _end(self, request, user, reason, limit):
        security_event("session_expired", request, user=user, outcome="refused", limit=limit)
        logout(request)
        messages.info(request, reason + " " + _("Please sign in again."))
        login_url = reverse("account_login")
        if request.method == "GET":
            return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        return redirect(login_url)


def end_sessions_of(user):
    """End every stored session of `user` (database sessions). Returns how many."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
