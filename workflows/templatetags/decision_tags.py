"""Template helpers of the decision pages."""

from django import template

from ..outcomes import go_live_warning as warning_for

register = template.Library()


@register.filter
def go_live_warning(revision):
    """The warning that `revision` carries a go-live date, or an empty string."""
    return warning_for(revision) or ""
