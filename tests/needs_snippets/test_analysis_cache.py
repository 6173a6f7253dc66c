"""The coverage matrix kept in the shared cache under the analysis generation: a second read
is served from it, a committed change is seen at once by the next read, a transaction sees its
own changes, and readers who may see different responses never share a result."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from needs_snippets.analysis_cache import current_generation
from needs_snippets.models import (
    AnalysisGeneration,
    AnalysisPendingChange,
    Area,
    Measure,
    Member,
    Need,
    NeedPartner,
    Pillar,
    Response,
    analysis,
)
from needs_snippets.permissions import all_visible_responses
from tests.factories import (
    MappingCycleFactory,
    MemberFactory,
    NeedFactory,
    ResponseFactory,
    focal_point,
    wb_partners,
)
from tests.markers import postgres_only

pytestmark = [
    postgres_only("the generation is kept by PostgreSQL's triggers (CI runs them)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def region():
    """Committed: two needs of Albania and Serbia, an open response of UNODC and a restricted
    one of GIZ answering the first, and a focal point of each."""
    partners = wb_partners()
    unodc, giz = MemberFactory(name="UNODC"), MemberFactory(name="GIZ")
    cycle = MappingCycleFactory()
    first = NeedFactory(cycle=cycle, partners=[partners["AL"], partners["RS"]])
    second = NeedFactory(
        cycle=cycle, pillar=first.pillar, area=first.area, partners=[partners["AL"]]
    )
    ResponseFactory(reporting_member=unodc, needs=[first], beneficiaries=[partners["AL"]])
    ResponseFactory(
        reporting_member=giz,
        needs=[first],
        beneficiaries=[partners["RS"]],
        sensitivity="restricted",
    )
    return {
        "partners": partners,
        "needs": (first, second),
        "unodc": focal_point(unodc, "unodc-fp"),
        "giz": focal_point(giz, "giz-fp"),
    }


def cells(reader):
    """The coverage cells `reader` reads (None: the whole database), and the queries it took."""
    responses = None if reader is None else all_visible_responses(reader)
    with CaptureQueriesContext(connection) as queries:
        matrix = Need.objects.all().coverage_matrix(responses, with_confirmed=True)
    counted = {
        key: (cell.needs, cell.covered, cell.responses, cell.confirmed)
        for key, cell in matrix.cells.items()
    }
    return counted, [query["sql"] for query in queries.captured_queries]


def live_cells(monkeypatch, reader):
    with monkeypatch.context() as patch:
        patch.setattr(analysis, "summaries_maintained", lambda: False)
        return cells(reader)[0]


def counts_reach(queries):
    return any("needs_snippets_responsereach" in sql for sql in queries)


def test_a_second_read_comes_from_the_cache_and_a_committed_change_is_read_at_once(
    region, monkeypatch
):
    reader = region["unodc"]
    first_read, queries = cells(reader)
    assert counts_reach(queries)
    second_read, queries = cells(reader)
    assert second_read == first_read
    assert not counts_reach(queries), "the second read counted the cells again"
    assert len(queries) <= 2  # the summaries' refresh and the generation

    albania = region["partners"]["AL"]
    NeedPartner.objects.filter(need=region["needs"][0], partner=albania).update(
        status=NeedPartner.Status.MET
    )
    after, queries = cells(reader)
    assert counts_reach(queries)
    assert after != first_read
    assert after == live_cells(monkeypatch, reader)


def test_with_the_cache_off_every_read_counts_afresh(region, settings):
    settings.IISG_ANALYSIS_CACHE_SECONDS = 0
    for _read in range(2):
        assert counts_reach(cells(region["unodc"])[1])


def test_a_committed_response_is_counted_by_the_next_read(region, monkeypatch):
    before, _ = cells(None)
    serbia = region["partners"]["RS"]
    ResponseFactory(
        reporting_member=Member.objects.get(name="UNODC"),
        needs=[region["needs"][1]],
        beneficiaries=[serbia, region["partners"]["AL"]],
    )
    after, _ = cells(None)
    assert after != before
    assert after == live_cells(monkeypatch, None)


def test_readers_who_see_different_responses_never_share_a_result(region, monkeypatch):
    """GIZ's restricted response answers the first need for Serbia: GIZ and the Secretariat
    count it, UNODC does not, whichever of them reads first."""
    serbia, first = region["partners"]["RS"], region["needs"][0]
    key = (serbia.pk, first.pillar_id, first.area_id)
    for _round in range(2):  # the second round reads what the first one kept
        giz, _ = cells(region["giz"])
        unodc, _ = cells(region["unodc"])
        everyone, _ = cells(None)
        assert giz[key][1:3] == (1, 1)
        assert everyone[key][1:3] == (1, 1)
        assert unodc[key][1:3] == (0, 0)
    assert unodc == live_cells(monkeypatch, region["unodc"])


def test_a_transaction_reads_its_own_changes_not_the_kept_result(region, monkeypatch):
    reader = region["giz"]
    kept, _ = cells(reader)
    with transaction.atomic():
        Response.objects.filter(reporting_member__name="GIZ").delete()
        assert current_generation() is None
        inside, queries = cells(reader)
        assert counts_reach(queries)
        assert inside != kept
        assert inside == live_cells(monkeypatch, reader)
        transaction.set_rollback(True)
    assert cells(reader)[0] == kept
    assert not AnalysisPendingChange.objects.exists()


def token():
    return AnalysisGeneration.objects.get().token


def test_every_table_the_analyses_read_changes_the_generation_when_committed(region):
    first = region["needs"][0]
    writes = {
        "need": lambda: Need.objects.filter(pk=first.pk).update(title="Renamed"),
        "need partner": lambda: NeedPartner.objects.filter(need=first).update(location="Tirana"),
        "measure": lambda: Measure.objects.filter(pk=first.measure_id).update(title="Renamed"),
        "member": lambda: Member.objects.filter(name="UNODC").update(short_name="U"),
        "pillar": lambda: Pillar.objects.filter(pk=first.pillar_id).update(name="Renamed"),
        "area": lambda: Area.objects.filter(pk=first.area_id).update(name="Renamed"),
        "response (its summary rows)": lambda: Response.objects.filter(
            reporting_member__name="UNODC"
        ).update(sensitivity="restricted"),
    }
    for what, write in writes.items():
        before = token()
        write()
        assert token() != before, f"a change of a {what} left the generation as it was"
        assert current_generation() == token()
    before = token()
    Response.objects.update(title="Retitled")  # the analyses do not read titles
    with transaction.atomic():
        Need.objects.update(title="Rolled back")
        transaction.set_rollback(True)
    assert token() == before
    assert not AnalysisPendingChange.objects.exists()
