"""Admin panels every app's models use in place of Wagtail's own.

`InlinePanel` and `MultipleChooserPanel`: Wagtail's, whose rows are read by `ChildFormSet`.
django-modelcluster's child formset reads a posted row id with the id field's `to_python` and
lets its ValidationError through: a form sent back with a row id that is no id (tampered, or
garbled on the way), or with none, answered 500. Here that row is read as no row of the
object's, and the form says what is wrong with it (its id field refuses the value), as Django's
own model formsets do.
"""

from django.core.exceptions import ValidationError
from modelcluster.forms import BaseChildFormSet
from wagtail.admin import panels


class ChildFormSet(BaseChildFormSet):
    def _construct_form(self, i, **kwargs):
        key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
        if self.is_bound and i < self.initial_form_count() and key not in self.data:
            self.data = self.data.copy()
            self.data[key] = "missing"  # a row sent without its id: its id field refuses it
        return super()._construct_form(i, **kwargs)

    def _get_to_python(self, field):
        to_python = super()._get_to_python(field)

        def row_id(value):
            try:
                return to_python(value)
            except ValidationError:
                return None  # no row has it: the row's own id field says what is wrong

        return row_id


class ChildFormSetMixin:
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ChildFormSet
        return options


class InlinePanel(ChildFormSetMixin, panels.InlinePanel):
    pass


class MultipleChooserPanel(ChildFormSetMixin, panels.MultipleChooserPanel):
    pass
