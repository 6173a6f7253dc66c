"""Admin listing views of the secure database: prefetching, described exports."""

from wagtail.snippets.views.snippets import IndexView

from .exports import DescribedExportMixin


class NeedIndexView(DescribedExportMixin, IndexView):
    export_title = "Needs"


class ResponseIndexView(DescribedExportMixin, IndexView):
    export_title = "Responses"
