"""Filtered, searched, sorted and paginated lists with their CSV/XLSX exports."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

from needs_snippets.exports import ActiveFilter, Export
from needs_snippets.paging import KeyPaginator

from .rendering import QuickSelects, filter_fields

PER_PAGE = 25
EXPORT_FORMATS = ("csv", "xlsx")


def active_filters(filterset):
    """The filters of a bound, valid filterset that have a value, as the export names them."""
    filters = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = filterset.form.fields[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        filters.append(ActiveFilter(str(field.label), str(value)))
    return filters


def filter_problems(filterset):
    """What is wrong with an invalid filterset's values, one sentence per field."""
    form = filterset.form
    return [
        f"{form.fields[name].label if name in form.fields else _('Filter')}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]


class Listing:
    """One list of the members area, from the request's GET parameters.

    `sorts` maps a sort key to its ordering and label; `q` searches; `page` paginates;
    `export=csv|xlsx` returns every filtered row as a described spreadsheet. A filter value
    that is not one of the filter's own lists nothing, and its export is refused (400) with
    the same message the page shows: never the whole database under "no filter".
    """

    def __init__(self, request, rows, *, filterset=None, sorts=None, default_sort=None):
        self.request = request
        self.params = request.GET
        self.filterset = filterset
        self.filters, self.problems = [], []
        if filterset is not None:
            filterset.form.renderer = QuickSelects(filterset.form.renderer)
            if filterset.is_valid():
                rows, self.filters = filterset.qs, active_filters(filterset)
            else:
                rows, self.problems = rows.none(), filter_problems(filterset)
        self.query = self.params.get("q", "").strip()
        if self.query:
            rows = rows.matching(self.query)
        self.sorts = sorts or {}
        self.sort = (
            self.params.get("sort") if self.params.get("sort") in self.sorts else default_sort
        )
        if self.sort:
            rows = rows.order_by(*self.sorts[self.sort][0])
        self.rows = rows

    @property
    def export_format(self):
        value = self.params.get("export")
        return value if value in EXPORT_FORMATS else None

    def export(self, title, columns, headings, rows=None):
        if self.problems:
            return HttpResponseBadRequest(
                _("No export was made: %(problems)s Correct the filter, or clear all filters.")
                % {"problems": " ".join(self.problems)},
                content_type="text/plain; charset=utf-8",
            )
        export = Export(title, columns, headings, filters=self.filters, search_query=self.query)
        return export.response(self.rows if rows is None else rows, self.export_format)

    def page(self, per_page=PER_PAGE, shown=None):
        """The requested page of rows; `shown(rows)`, when given, is what the page fetches of
        them (e.g. fewer prefetches than the export's)."""
        paginator = KeyPaginator(self.rows if shown is None else shown(self.rows), per_page)
        return paginator.get_page(self.params.get("page"))

    def _export_url(self, spreadsheet_format):
        params = self.params.copy()
        params.pop("page", None)
        params["export"] = spreadsheet_format
        return f"?{params.urlencode()}"

    @property
    def csv_url(self):
        return self._export_url("csv")

    @property
    def xlsx_url(self):
        return self._export_url("xlsx")

    def filter_fields(self):
        """The HTML of the filter form's fields (`rendering.filter_fields`)."""
        return filter_fields(self.filterset)

    def sort_options(self):
        return [(key, label) for key, (ordering, label) in self.sorts.items()]

    @property
    def is_filtered(self):
        return bool(self.filters or self.query)

    def describe(self):
        """A sentence saying which filters apply, for the page and for screen readers."""
        parts = [f"{f.field_label}: {f.value}" for f in self.filters]
        if self.query:
            parts.append(_("search “%(q)s”") % {"q": self.query})
        return "; ".join(parts)
