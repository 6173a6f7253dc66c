"""Pages of long lists that cost the same on page 1 and page 400.

By offset, the database orders and skips bare primary keys, and the page's rows, with their
annotations (partner counts) and prefetches (coverage flags), are then fetched by key: the
costly columns are computed for the rows shown, never for the rows skipped. By cursor, an
opaque token holds the last row's ordering values and the next page starts after them.
"""

import base64
import json
import math

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.db.models.query import ModelIterable


def rows_by_key(queryset, start, stop):
    """Rows `start` to `stop` of `queryset`, in its order (a list; for model querysets)."""
    keys = list(queryset.values_list("pk", flat=True)[start:stop])
    found = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [found[key] for key in keys if key in found]


def is_model_queryset(rows):
    """Whether `rows_by_key` can page `rows`: a queryset of model instances, not of values."""
    return isinstance(rows, QuerySet) and rows._iterable_class is ModelIterable


class KeyPaginator(Paginator):
    """Django's paginator, each page fetched by `rows_by_key`."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        if not is_model_queryset(self.object_list):
            return self._get_page(self.object_list[bottom:top], number, self)
        return self._get_page(rows_by_key(self.object_list, bottom, top), number, self)


def _after(fields, values):
    """The condition for rows after `values` in the order of `fields` ("-name" descending;
    PostgreSQL's NULLS LAST ascending, NULLS FIRST descending)."""
    (field, *rest), (value, *later) = fields, values
    name = field.lstrip("-")
    descending = field.startswith("-")
    tie = _after(rest, later) if rest else Q(pk__in=[])
    if value is None:
        same = Q(**{f"{name}__isnull": True}) & tie
        return same | Q(**{f"{name}__isnull": False}) if descending else same
    beyond = Q(**{f"{name}__lt" if descending else f"{name}__gt": value})
    if not descending:
        beyond |= Q(**{f"{name}__isnull": True})
    return beyond | (Q(**{name: value}) & tie)


def ordering_of(queryset):
    """The queryset's ordering, ending with the primary key so that every row has one place."""
    fields = [str(field) for field in queryset.query.order_by or queryset.model._meta.ordering]
    if not fields or fields[-1].lstrip("-") not in ("pk", "id"):
        fields.append("pk")
    return fields


def encode_cursor(values):
    """An opaque, URL-safe cursor for a row's ordering `values`."""
    text = json.dumps(values, cls=DjangoJSONEncoder, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


NOT_OURS = "This cursor is not one this list gave: start again without it."


def decode_cursor(cursor, queryset):
    """The ordering values a cursor holds, each as its field reads it; ValueError when it is
    not one of ours (whatever it holds: the database never sees a value of the wrong kind)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeError, RecursionError) as error:
        raise ValueError(NOT_OURS) from error
    fields = ordering_of(queryset)
    if not isinstance(values, list) or len(values) != len(fields):
        raise ValueError("This cursor belongs to another ordering: start again without it.")
    return [
        _ordering_value(queryset, field, value) for field, value in zip(fields, values, strict=True)
    ]


def _ordering_value(queryset, field, value):
    """`value` as the ordering `field` of `queryset` holds it; ValueError if it cannot be."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(NOT_OURS)
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(NOT_OURS)
    output_field = queryset.query.resolve_ref(field.lstrip("-")).output_field
    try:
        value = output_field.to_python(value)
    except (ValidationError, TypeError, ValueError, OverflowError) as error:
        raise ValueError(NOT_OURS) from error
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(NOT_OURS)
    return value


def rows_after(queryset, cursor, limit):
    """Up to `limit` rows of `queryset` after `cursor` (from the start when None), fetched by
    key, and the cursor of the next page (None on the last page)."""
    fields = ordering_of(queryset)
    rows = queryset.order_by(*fields)
    if cursor is not None:
        rows = rows.filter(_after(fields, decode_cursor(cursor, queryset)))
    return _with_next(rows, fields, rows_by_key(rows, 0, limit + 1), limit)


def _with_next(rows, fields, page, limit):
    """The first `limit` rows of `page` (fetched one longer) and the next page's cursor."""
    if len(page) <= limit:
        return page, None
    page = page[:limit]
    values = rows.filter(pk=page[-1].pk).values_list(*[f.lstrip("-") for f in fields]).get()
    return page, encode_cursor(list(values))


def rows_from(queryset, start, limit):
    """Up to `limit` rows of `queryset` from offset `start`, fetched by key, and the cursor of
    the next page (None on the last page)."""
    fields = ordering_of(queryset)
    rows = queryset.order_by(*fields)
    page = rows_by_key(rows, start, start + limit + 1)
    return _with_next(rows, fields, page, limit)
