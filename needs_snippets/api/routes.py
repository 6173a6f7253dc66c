"""How the API declares its read routes: each GET route answers one schema, documents the
problems it may answer, and pages what it lists. A router's `ReadRoutes` says which problems
its routes document and who may call them, so that each route says only what is its own."""

from functools import wraps

from ninja.pagination import paginate

from .common import (
    MEMBER_PROBLEMS,
    PUBLIC_DETAIL_PROBLEMS,
    PUBLIC_LIST_PROBLEMS,
    Pages,
    RowPages,
    require_database_reader,
)


def reader(view):
    """Only users who read the secure database get past (403 for the others)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_database_reader(request)
        return view(request, *args, **kwargs)

    return wrapper


class ReadRoutes:
    """Declares GET routes on `router`: `list` routes answer pages of an item (`Pages`),
    `rows` routes pages of database rows that also go by cursor (`RowPages`), both documenting
    `list_problems`; `one` routes answer a single object and document `one_problems`. `guard`,
    when given, wraps every view (it runs once the parameters are read)."""

    def __init__(self, router, list_problems, one_problems, guard=None):
        self.router = router
        self.list_problems, self.one_problems = list_problems, one_problems
        self.guard = guard

    @classmethod
    def public(cls, router):
        """Routes anybody may read: lists answer 400 and 422, single objects 404 and 422."""
        return cls(router, PUBLIC_LIST_PROBLEMS, PUBLIC_DETAIL_PROBLEMS)

    @classmethod
    def members(cls, router):
        """Routes of the secure database: for its readers only (403 for the others)."""
        return cls(router, MEMBER_PROBLEMS, MEMBER_PROBLEMS, guard=reader)

    def list(self, path, item, operation_id, summary):
        """Decorator: the view at `path` answers pages of `item`s, by `limit` and `offset`."""
        return self._get(path, list[item], operation_id, summary, self.list_problems, Pages)

    def rows(self, path, item, operation_id, summary):
        """Decorator: the view at `path` answers pages of `item`s (its queryset's rows), by
        `limit` and `offset` or `cursor`, each page naming the `next` cursor."""
        return self._get(path, list[item], operation_id, summary, self.list_problems, RowPages)

    def one(self, path, response, operation_id, summary):
        """Decorator: the view at `path` answers one `response`."""
        return self._get(path, response, operation_id, summary, self.one_problems, None)

    def _get(self, path, response, operation_id, summary, problems, pages):
        def declare(view):
            if self.guard is not None:
                view = self.guard(view)
            if pages is not None:
                view = paginate(pages)(view)
            return self.router.get(
                path,
                response=response,
                operation_id=operation_id,
                summary=summary,
                openapi_extra=problems,
            )(view)

        return declare
