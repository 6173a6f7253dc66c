"""Error pages that need no database. With the database unreachable (anywhere: a middleware
or a view), a static 503 that says to try again in a minute, which the API's middleware turns
into problem+json; any other unexpected error, the site's 500 page. Both render without a
request context, so they touch neither the database, the session nor the user; the next
request after the database is back is served as usual."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 60


def database_unreachable(exception):
    """True when `exception`, or what caused it, is the database being unreachable."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def server_error(request):
    """handler500: Django calls it while handling the exception, so it can see which one."""
    if database_unreachable(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(render_to_string("500.html"))
