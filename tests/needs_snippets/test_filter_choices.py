"""The filter forms' reference-data choices, kept in each process's memory: listed without a
query while nothing changed, afresh after a committed change (here at once, in another
process once its sync interval has passed), never kept from inside a transaction, and a
chosen row that is gone is refused."""

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from cms import versions
from needs_snippets import choices
from needs_snippets.filters import NeedFilterSet
from needs_snippets.models import Measure, Need
from tests.factories import MeasureFactory, PillarFactory

committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def listed(field, data=None):
    """(labels of `field`'s choices, queries made) of a fresh filter form."""
    filterset = NeedFilterSet(data or QueryDict(), queryset=Need.objects.all(), request=None)
    with CaptureQueriesContext(connection) as queries:
        labels = [label for value, label in filterset.form.fields[field].choices if value]
    return labels, len(queries)


@committed
def test_the_lists_are_read_once_and_again_after_a_change_here(settings):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 60
    PillarFactory(code="WBCTi", name="Counter-terrorism")
    first, queries = listed("pillar")
    assert "WBCTi" in first and queries == 1
    assert listed("pillar") == (first, 0)
    PillarFactory(code="WBBSi", name="Border security")
    again, queries = listed("pillar")
    assert set(again) == {*first, "WBBSi"} and queries == 1


@committed
def test_another_process_change_is_listed_after_the_sync_interval(settings):
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 60
    measure = MeasureFactory(title="Measure kept")
    assert any("Measure kept" in label for label in listed("measure")[0])
    # Another process renames it: its signal bumps the shared version, not this memory.
    Measure.objects.filter(pk=measure.pk).update(title="Measure renamed")
    versions.bump(choices.VERSION_KEY)
    assert any("Measure kept" in label for label in listed("measure")[0])  # within 60 s
    settings.IISG_PAGE_CACHE_SYNC_SECONDS = 0
    labels, queries = listed("measure")
    assert any("Measure renamed" in label for label in labels) and queries >= 1


@committed
def test_nothing_read_inside_a_transaction_is_kept():
    with transaction.atomic():
        PillarFactory(code="WBCSCi", name="Serious crime")
        assert listed("pillar")[1] == 1
        assert listed("pillar")[1] == 1
        transaction.set_rollback(True)
    labels, queries = listed("pillar")
    assert "WBCSCi" not in labels and queries == 1


@committed
def test_a_chosen_row_deleted_since_it_was_listed_is_refused():
    pillar = PillarFactory(code="WBCTi", name="Counter-terrorism")
    listed("pillar")
    pk = pillar.pk
    pillar.delete()
    filterset = NeedFilterSet(QueryDict(f"pillar={pk}"), queryset=Need.objects.all(), request=None)
    assert not filterset.is_valid()
    assert "pillar" in filterset.form.errors
