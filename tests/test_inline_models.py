"""Inline rows (a snippet's or a page's modelcluster children) are sorted in memory by their
Meta.ordering whenever an edit form saves two or more: it may name fields only (an expression
there answers the editor with a server error)."""

import pytest
from django.apps import apps
from modelcluster.models import ClusterableModel, get_all_child_relations

APPS = ("cms", "iisg_pages", "needs_snippets", "workflows")
PARENTS = [
    model
    for model in apps.get_models()
    if issubclass(model, ClusterableModel) and model._meta.app_label in APPS
]


@pytest.mark.parametrize("parent", PARENTS, ids=lambda model: model.__name__)
def test_inline_rows_are_ordered_by_field_names(parent):
    for relation in get_all_child_relations(parent):
        ordering = relation.related_model._meta.ordering
        assert all(isinstance(key, str) for key in ordering), (
            f"{relation.related_model.__name__}.Meta.ordering: {ordering}"
        )
