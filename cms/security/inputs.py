"""Query strings that no view should see: a NUL or other control character (PostgreSQL refuses
NUL in text, and no search or filter needs control characters) or a value longer than
IISG_MAX_QUERY_VALUE_LENGTH. They are refused with a message that says what to fix: on the API
a 422 problem+json naming the parameter, as its other validation errors do; elsewhere a 400
with the site's page. A Content-Length that is not a number (which a proxy would normally have
refused) is a 400 too, before anything reads the body."""

import re

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response

#: C0 controls and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def query_problem(params):
    """The first parameter of a QueryDict that cannot be used and what is wrong with it, in
    words, as (name, message); None when all can be used."""
    limit = settings.IISG_MAX_QUERY_VALUE_LENGTH
    for name, values in params.lists():
        for text in (name, *values):
            if CONTROL.search(text):
                return name, _(
                    "The parameter “%(name)s” contains a control character (such as a null "
                    "byte): remove it."
                ) % {"name": name[:50]}
            if len(text) > limit:
                return name, _(
                    "The parameter “%(name)s” is longer than %(limit)s characters: shorten it."
                ) % {"name": name[:50], "limit": limit}
    return None


class QueryInputMiddleware:
    """Refuses requests whose query string, or Content-Length, a view could not safely use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isascii() or not length.isdigit():
            message = _("The Content-Length header is not a number of bytes: send the body again.")
            if request.path.startswith("/api/"):
                return problem_response(status=400, detail=message)
            return render(request, "400.html", {"problem": message}, status=400)
        problem = query_problem(request.GET)
        if problem is None:
            return self.get_response(request)
        name, message = problem
        if request.path.startswith("/api/"):
            return problem_response(
                status=422,
                detail="Validation failed",
                errors=[{"type": "query_value", "loc": ["query", name[:50]], "msg": message}],
            )
        return render(request, "400.html", {"problem": message}, status=400)
