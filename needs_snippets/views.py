"""Admin listing views of the secure database: prefetching, described exports."""

from wagtail.snippets.views.snippets import IndexView

from .exports import DescribedExportMixin


class NeedIndexView(DescribedExportMixin, IndexView):
    export_title = "Needs"
    export_filename = "iisg-needs"


class ResponseIndexView(DescribedExportMixin, IndexView):
    export_title = "Responses"
    export_filename = "iisg-responses"
