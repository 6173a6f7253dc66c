"""The search and reference indexes of the entries an import wrote: one task, enqueued when
the import's transaction commits (the bulk writes send no per-row signals)."""

import logging
from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django_tasks import task
from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from wagtail.models import ReferenceIndex

logger = logging.getLogger(__name__)


def index_after_commit(instances):
    """Enqueue one task indexing `instances` once the transaction commits (none if it
    rolls back)."""
    entries = defaultdict(list)
    for instance in instances:
        entries[instance._meta.label_lower].append(instance.pk)
    if entries:
        transaction.on_commit(lambda: index_entries_task.enqueue(dict(entries)))


@task()
def index_entries_task(entries):
    """Index `entries` ({"app_label.model_name": [pk, …]}) for search, as each entry's own
    save would have, and for references (where a document or member is used)."""
    for label, pks in entries.items():
        model = apps.get_model(label)
        if issubclass(model, index.Indexed) and getattr(model, "search_auto_update", True):
            _search_index(model, list(model.get_indexed_objects().filter(pk__in=pks)))
        if ReferenceIndex.is_indexed(model):
            for instance in model._default_manager.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(instance)


def _search_index(model, objects):
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            # As modelsearch does for one object: an external service's failure is logged,
            # the database backend's raised.
            logger.exception("Indexing %s imported %s in %r failed", len(objects), model, name)
            if not backend.catch_indexing_errors:
                raise
