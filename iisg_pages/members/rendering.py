"""Filter forms rendered faster, to the same HTML.

Django renders a `<select>` through a template included once per option (and once more per
option for its attributes): some 110 options in a list's filter form take as long as the
rest of the page. `QuickSelects` writes the HTML of those same templates in Python and
leaves every other template to the form's own renderer. `filter_fields` keeps the HTML of a
filter form's fields in each process's memory for the values last asked for.
"""

import threading

from cachetools import LRUCache
from django.db import transaction
from django.forms import ModelChoiceField
from django.template import Context
from django.template.base import render_value_in_context
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeData, mark_safe

from needs_snippets import choices
from needs_snippets.choices import KeptModelChoiceField

FIELD = "iisg_pages/includes/form_field.html"

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


def _asked(data, name):
    """The values of `name` in a form's data (a QueryDict, or {} when nothing was asked)."""
    return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])


_fields_lock = threading.Lock()
#: The HTML of filter forms' fields: (filterset class, reference data version, language,
#: values asked for) → HTML.
_fields_html = LRUCache(maxsize=256)


def filter_fields(filterset):
    """The HTML of `filterset`'s fields, each through FIELD. A filter form's fields depend on
    the values asked for, the language and the reference data's lists only
    (needs_snippets/choices.py) when every list of rows in it is kept there: the HTML is then
    kept, outside transactions, under those. A form with a list of its own is rendered
    afresh."""
    form, key = filterset.form, None
    if not transaction.get_connection().in_atomic_block and all(
        isinstance(field, KeptModelChoiceField)
        for field in form.fields.values()
        if isinstance(field, ModelChoiceField)
    ):
        values = tuple((name, tuple(_asked(form.data, name))) for name in form.fields)
        key = (type(filterset), choices.version(), translation.get_language(), values)
        with _fields_lock:
            html = _fields_html.get(key)
        if html is not None:
            return html
    html = mark_safe("".join(render_to_string(FIELD, {"field": field}) for field in form))  # noqa: S308
    if key is not None:
        with _fields_lock:
            _fields_html[key] = html
    return html
