"""`manage.py seed_bench` makes synthetic data at scale and replaces its own earlier data."""

import io

import pytest
from django.core.management import CommandError, call_command

from needs_snippets.models import Need, Response
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def test_seed_bench_makes_and_replaces_synthetic_data():
    real = NeedFactory(reference_code="REAL-1")
    call_command("seed_bench", needs=30, responses=150, stdout=io.StringIO())
    assert Need.objects.filter(cycle__edition="synthetic").count() == 30
    assert Response.objects.count() == 150
    assert Need.objects.regional().exists() and Need.objects.gaps().count() < 30

    call_command("seed_bench", needs=10, responses=50, stdout=io.StringIO())
    assert Need.objects.filter(cycle__edition="synthetic").count() == 10
    assert Response.objects.count() == 50
    assert Need.objects.filter(pk=real.pk).exists()


def test_seed_bench_says_what_to_fix():
    with pytest.raises(CommandError, match="at least one need"):
        call_command("seed_bench", needs=0, responses=10, stdout=io.StringIO())
