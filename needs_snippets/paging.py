"""Pages of long lists that cost the same on page 1 and page 400.

The database orders and skips bare primary keys (an index-only walk), and the page's rows,
with their annotations (partner counts) and prefetches (coverage flags), are then fetched by
key: the costly columns are computed for the rows shown, never for the rows skipped.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
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
