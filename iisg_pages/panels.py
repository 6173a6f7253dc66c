"""Editor panels of the report: the warning that a draft's go-live date survives approval."""

from django.utils.functional import cached_property
from wagtail.admin.panels import Panel

from workflows.outcomes import go_live_warning_for


class GoLiveWarningPanel(Panel):
    """Shown at the top of a report's editor while the draft carries a go-live date still to
    come: once adopted, the report stays offline until then. Hidden otherwise."""

    @property
    def clean_name(self):
        return super().clean_name or "go_live_warning"

    class BoundPanel(Panel.BoundPanel):
        template_name = "iisg_pages/admin/go_live_warning_panel.html"

        @cached_property
        def message(self):
            return go_live_warning_for(getattr(self.instance, "go_live_at", None))

        def is_shown(self):
            return bool(self.message)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["message"] = self.message
            return context
