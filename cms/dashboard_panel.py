"""The base of the admin dashboard's panels that show what was worked out when they were added."""

from wagtail.admin.ui.components import Component


class DashboardPanel(Component):
    """A dashboard panel rendering its `template_name` with the context it is made with;
    subclasses name the panel, its `order` and its template, which frames its content with
    the shared `cms/dashboard_panel.html`."""

    def __init__(self, **context):
        self.context = context

    def get_context_data(self, parent_context):
        return self.context
