"""A guard in front of every API v3 route, ours and Wagtail's: query parameters that Wagtail
8.0's own routes pass unchecked to the database get a 422 that says what to fix."""

import re

from wagtail.api.v3.errors import problem_response

from .common import MAX_OFFSET


def _problem(name, kind, message):
    return problem_response(
        status=422,
        detail="Validation failed",
        errors=[{"type": kind, "loc": ["query", name], "msg": message}],
    )


class QueryGuardMiddleware:
    """- `offset` above MAX_OFFSET: PostgreSQL refuses offsets past its bigint range (our lists
      bound it in their schema; Wagtail's pages, images and documents do not);
    - `site` as `host:port` with a port that is not a number: `/pages/find/` looks it up as is.
    """

    prefix = "/api/v3/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            problem = self.check(request.GET)
            if problem is not None:
                return problem
        return self.get_response(request)

    @staticmethod
    def check(params):
        offset = params.get("offset", "")
        if re.fullmatch(r"[0-9]+", offset) and (len(offset) > 12 or int(offset) > MAX_OFFSET):
            return _problem(
                "offset", "less_than_equal", f"Input should be less than or equal to {MAX_OFFSET}"
            )
        site = params.get("site", "")
        if ":" in site and not re.fullmatch(r"[0-9]{1,5}", site.split(":", 1)[1]):
            return _problem(
                "site", "site_format", "Give a site as its host name, or host:port with a number."
            )
        return None
