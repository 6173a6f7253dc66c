"""What the API's routes share (public and secure database): access, errors, parameters.

Routes answer in Wagtail API v3's style: lists are `{"count": N, "items": [...]}` pages of
`limit` (default 20, at most WAGTAILAPI_LIMIT_MAX) from `offset`; errors are
`application/problem+json` with a 422 naming each field at fault.
"""

import re
from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.utils.text import format_lazy
from ninja import Field
from pydantic import AfterValidator, BeforeValidator, StringConstraints
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.utils.forms import FormValidationError

from ..paging import is_model_queryset, rows_after, rows_by_key, rows_from
from ..permissions import can_use_members_area
from .auth import ExpiringBearerTokenAuth

#: Anonymous reads of published content; a token changes nothing on these routes.
PUBLIC = [ExpiringBearerTokenAuth(), AllowAnonymous()]
#: The secure database: a member's bearer token, created in the members area.
MEMBERS = ExpiringBearerTokenAuth()


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def not_true_or_false(value):
    """Refuse JSON's true and false where a number is asked (pydantic reads them as 1 and 0)."""
    if isinstance(value, bool):
        raise ValueError("Give a number here, not true or false.")
    return value


def written_as_a_day(value):
    """Refuse anything but the text YYYY-MM-DD where a day is asked (pydantic also reads a
    number, or a text of digits, as seconds since 1970)."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("Write the day as YYYY-MM-DD, e.g. 2026-03-31.")


#: A database id in a path, a query string or a body (PostgreSQL's bigint range).
Id = Annotated[int, BeforeValidator(not_true_or_false), Field(ge=1, le=2**63 - 1)]
#: A day in a query string or a body: YYYY-MM-DD.
Day = Annotated[date, BeforeValidator(written_as_a_day)]
#: The furthest `offset` a list accepts (PostgreSQL refuses offsets past its bigint range).
MAX_OFFSET = 10**9


class Pages(WagtailLimitOffsetPagination):
    """Wagtail's pages of `limit` (at most WAGTAILAPI_LIMIT_MAX) items from a bounded
    `offset`. Model rows are fetched by key (see `paging`): offset 9,000 costs what 0 does."""

    class Input(WagtailLimitOffsetPagination.Input):
        offset: int = Field(default=0, ge=0, le=MAX_OFFSET)

    def paginate_queryset(self, queryset, pagination, request, **params):
        if not is_model_queryset(queryset):
            return super().paginate_queryset(queryset, pagination, request, **params)
        page = super().paginate_queryset(queryset.none(), pagination, request, **params)
        start = pagination.offset
        rows = rows_by_key(queryset, start, start + pagination.limit)
        page.update({self.items_attribute: rows, "count": queryset.count()})
        return page


class RowPages(Pages):
    """`Pages` of database rows that also go by `cursor`: each page answers `next`, the cursor
    of the page that follows (null on the last); a page after a cursor costs what page 1
    does."""

    class Input(Pages.Input):
        cursor: Annotated[str, StringConstraints(max_length=2000)] | None = Field(
            default=None,
            description="Start after the row this cursor names: the `next` of the page before "
            "(`offset` is then ignored).",
        )

    class Output(Pages.Output):
        next: str | None = Field(
            default=None, description="The cursor of the next page; null on the last page."
        )

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = WagtailLimitOffsetPagination.paginate_queryset(
            self, queryset.none(), pagination, request, **params
        )
        try:
            if pagination.cursor is not None:
                rows, following = rows_after(queryset, pagination.cursor, pagination.limit)
            else:
                rows, following = rows_from(queryset, pagination.offset, pagination.limit)
        except ValueError as error:
            raise field_error(("query", "cursor"), error) from None
        page.update({self.items_attribute: rows, "count": queryset.count(), "next": following})
        return page


def encodable(value):
    """Text that can be stored: no lone surrogates (which JSON allows and UTF-8 does not) and
    no NUL characters (which JSON allows and PostgreSQL refuses)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("This text is not valid Unicode: remove the broken character.") from None
    if "\x00" in value:
        raise ValueError("This text contains a null character: remove it.")
    return value


#: Text from a request body.
BodyText = Annotated[str, AfterValidator(encodable)]
#: Free text from a query string: no NUL characters (PostgreSQL refuses them), bounded.
Text = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]
#: A code (pillar, area, partner): letters, digits, hyphens and underscores.
Code = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[\w-]+$")]


PROBLEMS = {
    400: "The request cannot be read, or `limit` is above the most allowed.",
    401: "No valid bearer token: create one in the members area.",
    403: "The token's user may not do this.",
    404: "Nothing here, or nothing this caller may know of.",
    409: "A concurrent request took what this one needed (an IATI identifier): read again.",
    412: "`If-Match` names a version that is no longer current: read the response again.",
    422: "A parameter or field is wrong: each error names it (`loc`) and says what to fix.",
}


def problems(*statuses):
    """OpenAPI `responses` for the problems a route may answer (a route's `openapi_extra`)."""
    schema = ProblemDetail.model_json_schema()
    return {
        "responses": {
            str(status): {
                "description": PROBLEMS[status],
                "content": {PROBLEM_JSON: {"schema": schema}},
            }
            for status in statuses
        }
    }


#: The problems of public lists and of public details, and of every members' route.
PUBLIC_LIST_PROBLEMS = problems(400, 422)
PUBLIC_DETAIL_PROBLEMS = problems(404, 422)
MEMBER_PROBLEMS = problems(400, 401, 403, 404, 422)
#: A new response: also 409, when a concurrent request took its IATI identifier.
CREATE_PROBLEMS = problems(400, 401, 403, 409, 422)
#: A change to a response: also 412, when `If-Match` names a version that is no longer current.
WRITE_PROBLEMS = problems(400, 401, 403, 404, 409, 412, 422)


def field_error(location, message):
    """A 422 problem naming the field at `location` (e.g. ("query", "pillar"))."""
    return FormValidationError({tuple(location): [(str(message), "invalid")]})


def unknown_code(location, value, known):
    """A 422 for a code that names nothing, listing the codes that do."""
    return field_error(
        location,
        format_lazy(
            "Unknown value “{value}”: use one of {known}.",
            value=value,
            known=", ".join(str(code) for code in known) or "(none yet)",
        ),
    )


def require_database_reader(request):
    """The token's user must be one who reads the secure database (403 otherwise)."""
    if not can_use_members_area(request.user):
        raise PermissionDenied(
            "This token's user may not read the secure database: only the IISG's members, "
            "Support Groups, Board and Secretariat may. Ask the Secretariat for access."
        )


def lookup(queryset, field, value, location):
    """The one object of `queryset` whose `field` is `value`, or a 422 naming `location`."""
    if value is None:
        return None
    found = queryset.filter(**{field: value}).first()
    if found is None:
        known = queryset.order_by(field).values_list(field, flat=True)
        raise unknown_code(location, value, known[:50])
    return found
