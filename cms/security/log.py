"""The security log: one structured record per security event, for the deployer's log shipping.

Each record is written to the logger ``iisg.security`` (JSON lines on standard error in every
environment, see LOGGING in cms/settings/base.py) with these fields:

- ``event``: what happened, one of EVENTS;
- ``outcome``: "success", "failure" or "refused";
- ``user`` / ``user_id``: who (the account acted on when nobody is signed in, e.g. a failed
  sign-in names the username that was tried);
- ``address``: the client's address through the configured proxies;
- ``object``: what was acted on ("app.model:pk" or a path);
- further keys for the event (e.g. ``factor`` for factor changes, ``rows`` for exports).

Never a password, token, code, session key or secret: callers pass identifiers only, and
`security_event` drops any field named like one (SECRET_FIELDS).
"""

import logging

from .addresses import client_address

logger = logging.getLogger("iisg.security")

EVENTS = {
    "sign_in",
    "sign_in_failed",
    "locked_out",
    "sign_out",
    "second_factor",
    "second_factor_failed",
    "factor_added",
    "factor_removed",
    "factors_reset",
    "recovery_codes_generated",
    "password_changed",
    "password_reset",
    "session_expired",
    "token_created",
    "token_revoked",
    "token_used",
    "token_refused",
    "refused",
    "throttled",
    "export",
}

SECRET_FIELDS = {"password", "token", "secret", "code", "otp", "key", "session_key"}


def _describe(obj):
    if obj is None:
        return None
    if isinstance(obj, str):
        return obj
    meta = getattr(obj, "_meta", None)
    if meta is not None:
        return f"{meta.label_lower}:{obj.pk}"
    return str(obj)


def security_event(event, request=None, *, user=None, obj=None, outcome="success", **details):
    """Write one security event. `user` defaults to the request's signed-in user."""
    if event not in EVENTS:
        raise ValueError(f"Unknown security event {event!r}; add it to EVENTS.")
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    record = {
        "event": event,
        "outcome": outcome,
        "user": user.get_username() if hasattr(user, "get_username") else user,
        "user_id": getattr(user, "pk", None),
        "address": client_address(request) if request is not None else None,
        "object": _describe(obj),
        "path": request.path if request is not None else None,
    }
    for name, value in details.items():
        if name.lower() not in SECRET_FIELDS:
            record[name] = value
    level = logging.INFO if outcome == "success" else logging.WARNING
    logger.log(level, event, extra=record)


class RefusalLogMiddleware:
    """Every refusal (403) is a security event: who asked for what, from where."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            security_event("refused", request, obj=request.path, outcome="refused", status=403)
        return response


SPREADSHEET_TYPES = (
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


class ExportLogMiddleware:
    """Every spreadsheet the product hands out (exports, reports, consultation templates) is
    a security event: who took which export, with which filters, from where."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith(SPREADSHEET_TYPES):
            security_event(
                "export",
                request,
                obj=request.path,
                format="csv" if content_type.startswith("text/csv") else "xlsx",
                query=request.GET.urlencode()[:500],
            )
        return response
