"""A guard in front of every API v3 route, ours and Wagtail's."""

from wagtail.api.v3.errors import problem_response

from .common import MAX_OFFSET


class BoundedOffsetMiddleware:
    """`offset` past MAX_OFFSET gets a 422 that says so, on every API route.

    Our lists bound it in their schema; Wagtail 8.0's own lists (pages, images, documents)
    pass any offset to PostgreSQL, which answers one past its bigint range with an error.
    """

    prefix = "/api/v3/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offset = request.GET.get("offset", "")
        if request.path.startswith(self.prefix) and offset.isdigit() and int(offset) > MAX_OFFSET:
            return problem_response(
                status=422,
                detail="Validation failed",
                errors=[
                    {
                        "type": "less_than_equal",
                        "loc": ["query", "offset"],
                        "msg": f"Input should be less than or equal to {MAX_OFFSET}",
                    }
                ],
            )
        return self.get_response(request)
