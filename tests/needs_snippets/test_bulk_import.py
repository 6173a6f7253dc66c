"""Applying a template in bulk: what the Secretariat finds afterwards (each entry's history
and revision, search), all or nothing, and writes whose number does not grow with the rows."""

import io
from datetime import date

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, Revision
from wagtail.search.backends import get_search_backend

from needs_snippets.consultation import applying, checking, layout, workbooks
from needs_snippets.models import Need, Response, ResponseLogEntry
from tests.factories import UserFactory
from tests.needs_snippets.filling import fill_as_albania, needs_template, xlsx

pytestmark = pytest.mark.django_db


def responses_file(data, rows, title="Bulk action", **values):
    """UNODC's responses template with `rows` new actions typed in."""
    _name, content = workbooks.responses_template(data["responses_cycle"], data["unodc"])
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[layout.RESPONSES_SHEET]
    for number in range(rows):
        sheet.append(layout.row_of(
            layout.RESPONSES_COLUMNS, title=f"{title} {number:03}",
            description="Training for prosecutors.", pillar="WBCTi",
            needs="WBCTi-PRE-OPE-01; WBCTi-PRE-LEG-01", beneficiaries="AL; XK",
            iati_status="Implementation", planned_start=date(2025, 1, 1),
            planned_end=date(2025, 12, 31), budget=50000, currency="EUR",
            sensitivity="IISG members", **values,
        ))  # fmt: skip
    return xlsx(workbook)


def checked(data, content):
    plan = checking.check(content, data["responses_cycle"])
    assert plan.is_valid, plan.problems[:3]
    return plan


def test_each_imported_need_has_its_history_and_revision(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    filled = xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data)))
    plan = checking.check(filled, cycle_data["cycle"])
    user = UserFactory(username="importer")
    with django_capture_on_commit_callbacks(execute=True):
        assert applying.apply(plan, user, "albania.xlsx") == 3
    rows = {change.label: change.row for change in plan.changes}
    new = Need.objects.get(title="Online radicalisation monitoring")
    entry = ModelLogEntry.objects.get(object_id=str(new.pk), action=applying.IMPORT_ACTION)
    assert (entry.user, entry.revision, entry.data["file"]) == (
        user,
        new.latest_revision,
        "albania.xlsx",
    )
    assert entry.data["row"] == rows["Online radicalisation monitoring"]
    content = new.latest_revision.content
    assert (content["title"], content["gap"]) == (
        "Online radicalisation monitoring",
        "Police lack the tools.",
    )
    assert [link["partner"] for link in content["partner_links"]] == [
        cycle_data["partners"]["AL"].pk
    ]
    assert content["sources"] == [cycle_data["package"].pk]
    assert new.has_unpublished_changes and not new.live
    history = secretariat_client.get(
        reverse(Need.snippet_viewset.get_url_name("history"), args=[new.pk])
    )
    assert "Imported from the template “albania.xlsx” (row" in history.content.decode()
    strategy = Need.objects.get(pk=cycle_data["needs"]["strategy"].pk)
    assert strategy.latest_revision.user == user
    assert strategy.get_latest_revision_as_object().gap == "No CVE strategy since 2020 in Albania."
    assert Revision.objects.filter(user=user).count() == 3


def test_an_imported_need_is_found_once_the_one_indexing_task_ran(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    filled = xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data)))
    plan = checking.check(filled, cycle_data["cycle"])
    search = get_search_backend()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        applying.apply(plan, UserFactory(), "albania.xlsx")
    assert not list(search.search("radicalisation", Need))  # no row indexed on its own
    assert len(callbacks) == 1  # one task for the whole file, when it commits
    callbacks[0]()
    assert [need.title for need in search.search("radicalisation", Need)] == [
        "Online radicalisation monitoring"
    ]


def test_responses_history_revisions_and_links(cycle_data, django_capture_on_commit_callbacks):
    plan = checked(cycle_data, responses_file(cycle_data, 3))
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        applying.apply(plan, user, "unodc.xlsx")
    partners, needs = cycle_data["partners"], cycle_data["needs"]
    created = [change for change in plan.changes if change.action == "create"]
    assert len(created) == 3
    for change in created:
        response = Response.objects.get(title=change.label)
        assert {n.pk for n in response.needs.all()} == {needs["returnees"].pk, needs["strategy"].pk}
        assert {p.pk for p in response.beneficiaries.all()} == {
            partners["AL"].pk,
            partners["XK"].pk,
        }
        content = response.latest_revision.content
        assert (content["title"], content["budget"]) == (change.label, "50000.00")
        assert sorted(link["need"] for link in content["need_links"]) == sorted(
            [needs["returnees"].pk, needs["strategy"].pk]
        )
        entry = ResponseLogEntry.objects.get(object_id=str(response.pk))
        assert (entry.data["file"], entry.data["row"]) == ("unodc.xlsx", change.row)
        assert (entry.member, entry.revision) == (cycle_data["unodc"], response.latest_revision)
    assert [hit.title for hit in get_search_backend().search("Bulk action 001", Response)][:1] == [
        "Bulk action 001"
    ]


def test_a_failing_late_row_leaves_nothing_written(cycle_data):
    plan = checked(cycle_data, responses_file(cycle_data, 30))
    plan.changes[-1].values["budget"] = "-1"  # the database refuses the last row
    before = (Response.objects.count(), Revision.objects.count(), ResponseLogEntry.objects.count())
    with pytest.raises(DatabaseError):
        applying.apply(plan, UserFactory(), "unodc.xlsx")
    after = (Response.objects.count(), Revision.objects.count(), ResponseLogEntry.objects.count())
    assert after == before


def test_applying_the_same_file_again_changes_nothing(cycle_data):
    content = responses_file(cycle_data, 20)
    applying.apply(checked(cycle_data, content), UserFactory(), "unodc.xlsx")
    before = (Response.objects.count(), Revision.objects.count(), ResponseLogEntry.objects.count())
    again = checked(cycle_data, content)
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 21, "conflict": 0}
    assert applying.apply(again, UserFactory(), "unodc.xlsx") == 0
    after = (Response.objects.count(), Revision.objects.count(), ResponseLogEntry.objects.count())
    assert after == before


def funded_file(data, title):
    """UNODC's responses template with the funding source of each action called `title…`
    changed."""
    _name, content = workbooks.responses_template(data["responses_cycle"], data["unodc"])
    workbook = load_workbook(io.BytesIO(content))
    at = {column.key: index for index, column in enumerate(layout.RESPONSES_COLUMNS)}
    for row in workbook[layout.RESPONSES_SHEET].iter_rows(min_row=2):
        if str(row[at["title"]].value or "").startswith(title):
            row[at["funding_source"]].value = "EU IPA III"
    return xlsx(workbook)


def queries_to_apply(data, content, user):
    plan = checked(data, content)
    with CaptureQueriesContext(connection) as queries:
        applying.apply(plan, user, "unodc.xlsx")
    return len(queries)


@pytest.mark.parametrize("action", ["create", "update"])
def test_the_queries_of_applying_do_not_grow_with_the_rows(cycle_data, action):
    user, counts = UserFactory(), []
    for rows, title in ((10, "Ten"), (50, "Fifty")):
        content = responses_file(cycle_data, rows, title)
        if action == "update":  # the rows written, then each changed
            applying.apply(checked(cycle_data, content), user, "unodc.xlsx")
            content = funded_file(cycle_data, title)
        counts.append(queries_to_apply(cycle_data, content, user))
    assert counts[0] == counts[1]
