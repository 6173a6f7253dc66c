"""Filter forms rendered faster, to the same HTML.

Django renders a `<select>` through a template included once per option (and once more per
option for its attributes): some 110 options in a list's filter form take as long as the
rest of the page. `QuickSelects` writes the HTML of those same templates in Python and
leaves every other template to the form's own renderer.
"""

from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _text(value):
    """`{{ value }}` in a template: localised, escaped unless safe."""
    return render_value_in_context(value, Context())


def _formatted(value):
    """`{{ value|stringformat:'s' }}`."""
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        return ""
    # stringformat is is_safe: what was safe stays so.
    return _text(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _option(option):
    """django/forms/widgets/select_option.html, with the line break that ends the file (an
    include keeps it; the renderer strips only the whole select's)."""
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def render_select(widget):
    """django/forms/widgets/select.html for the `widget` of a widget's context."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class QuickSelects:
    """A form renderer: `renderer`, except for selects whose options are plain options."""

    def __init__(self, renderer):
        self.renderer = renderer

    def __getattr__(self, name):
        return getattr(self.renderer, name)

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            option["template_name"] == OPTION
            for _name, options, _index in widget["optgroups"]
            for option in options
        ):
            return render_select(widget)
        return self.renderer.render(template_name, context, request=request)
