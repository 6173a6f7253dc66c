"""The filter forms' lists of reference data (editions, pillars, axes, objectives, measures,
areas, partners), kept in each process's memory.

A list page's filter form offers some hundred of those rows; reading them took a query and a
model instance per row on every page. `KeptModelChoiceFilter` lists the same choices from
memory, kept under the reference data's version: a counter in the shared cache (cms/versions.py)
that every save or delete of those models increments when its transaction commits (`connect`).
The process that makes the change sees it at once; the others read the version at most every
IISG_PAGE_CACHE_SYNC_SECONDS (1 s), like the page cache's purge. A list is kept only when read
outside a transaction, so what is kept was committed, and a version read before a commit
never keeps rows from after it for long. A write that sends no signal (QuerySet.update,
bulk_create) of a field these lists show calls `changed()`.

Only for lists that are the same for every reader: a queryset that depends on who asks must
use django-filter's own ModelChoiceFilter. Validating a chosen value still queries the
queryset, so a row deleted a moment ago is refused, not accepted from memory.
"""

import threading
import time

import django_filters
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIteratorValue
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from cms import versions

VERSION_KEY = "iisg:reference-data:version"
#: The models whose rows the lists show (app label needs_snippets).
REFERENCE_MODELS = ("MappingCycle", "Pillar", "Axis", "Objective", "Measure", "Area", "Member")

_lock = threading.Lock()
#: (queryset's SQL, field class) → (version, [(pk, label)]).
_lists = {}
#: The version as this process read it last, and when (time.monotonic()).
_last_read = (None, float("-inf"))


def version():
    """The reference data's version, read again once IISG_PAGE_CACHE_SYNC_SECONDS old."""
    global _last_read
    value, read_at = _last_read
    if time.monotonic() - read_at >= settings.IISG_PAGE_CACHE_SYNC_SECONDS:
        value = versions.read(VERSION_KEY)
        _last_read = (value, time.monotonic())
    return value


def changed(**_signal_arguments):
    """Reference data changed: every process lists it afresh once the change commits."""
    transaction.on_commit(_bump, robust=True)


def _bump():
    versions.bump(VERSION_KEY)
    forget_local()


def forget_local():
    """This process reads the version and the lists again."""
    global _last_read
    with _lock:
        _last_read = (None, float("-inf"))
        _lists.clear()


def connect():
    for name in REFERENCE_MODELS:
        model = apps.get_model("needs_snippets", name)
        for signal in (post_save, post_delete):
            signal.connect(changed, sender=model, dispatch_uid=f"iisg-choices-{name}-{signal}")


def kept_choices(queryset, field):
    """[(pk, label)] of `queryset` as `field` labels its rows, from memory when kept under
    the current version."""
    key = (str(queryset.query), type(field))
    current = version()
    with _lock:
        kept = _lists.get(key)
    if kept is not None and kept[0] == current:
        return kept[1]
    choices = [(row.pk, field.label_from_instance(row)) for row in queryset.all()]
    if not transaction.get_connection(queryset.db).in_atomic_block:
        with _lock:
            _lists[key] = (current, choices)
    return choices


class KeptChoiceIterator(ModelChoiceIterator):
    """django-filter's iterator (the empty and null choices first), the rows from memory."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for pk, label in kept_choices(self.queryset, self.field):
            yield ModelChoiceIteratorValue(pk, None), label

    def __len__(self):
        extra = (self.field.empty_label is not None) + (self.field.null_label is not None)
        return len(kept_choices(self.queryset, self.field)) + extra

    def __bool__(self):
        return len(self) > 0


class KeptModelChoiceField(ModelChoiceField):
    iterator = KeptChoiceIterator


class KeptModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter over reference data whose choices come from memory."""

    field_class = KeptModelChoiceField


class KeptEditionModelChoiceField(KeptModelChoiceField):
    """Rows of several editions (objectives, measures: the same code in each), each labelled
    with its edition."""

    def label_from_instance(self, obj):
        return f"{obj.cycle.edition} · {obj}"


class KeptEditionModelChoiceFilter(KeptModelChoiceFilter):
    """A KeptModelChoiceFilter over rows of several editions, told apart by their edition
    (its queryset selects the cycle)."""

    field_class = KeptEditionModelChoiceField
