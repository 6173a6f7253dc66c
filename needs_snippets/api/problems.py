"""Every answer of the API that is an error reads as problem+json (RFC 9457), whoever made it:
a route that does not exist (404), a method a route lacks (405), a body over
IISG_API_MAX_BODY_SIZE (413, before it is read), an unexpected error (500) or an unreachable
database (503, with Retry-After; the next request after the database is back succeeds)."""

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import Http404
from wagtail.api.v3.errors import PROBLEM_JSON, problem_response

logger = logging.getLogger(__name__)

HTTP_ANSWERS = (Http404, PermissionDenied, BadRequest, SuspiciousOperation)

DETAILS = {
    404: "There is nothing at this address: see the OpenAPI document at /api/v3/openapi.json.",
    405: "This route does not take this method: see the OpenAPI document at /api/v3/openapi.json.",
    503: "The database cannot be reached: try again in a minute.",
}


class APIProblemsMiddleware:
    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        too_large = self._too_large(request)
        if too_large is not None:
            return too_large
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            (PROBLEM_JSON, "application/json")
        ):
            problem = problem_response(
                status=response.status_code, detail=DETAILS.get(response.status_code, "")
            )
            for header in ("Allow", "Retry-After"):
                if header in response:
                    problem[header] = response[header]
            return problem
        return response

    @staticmethod
    def _too_large(request):
        limit = settings.IISG_API_MAX_BODY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return problem_response(
                status=413,
                detail=f"The request body is {length} bytes; the API takes at most {limit}.",
            )
        return None

    def process_exception(self, request, exception):
        """Unexpected errors of a view: 503 when the database is unreachable, else 500.
        Django's own answers (404, 403, 400) are left to Django, then read as problems."""
        if not request.path.startswith(self.prefix) or isinstance(exception, HTTP_ANSWERS):
            return None
        if isinstance(exception, (OperationalError, InterfaceError)):
            response = problem_response(status=503, detail=DETAILS[503])
            response["Retry-After"] = "60"
            return response
        logger.error("API error on %s", request.path, exc_info=exception)
        return problem_response(status=500, detail="Something went wrong on our side.")
