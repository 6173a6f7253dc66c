"""Templates filled from an old download: rows whose entries changed in the database since are
conflicts, listed with who changed them and left alone unless the Secretariat chooses to apply
them; templates from before row versions are compared by content; an admin save while an
import is applied is never overwritten by it, and nor is the edition the Board votes on."""

import html

import pytest
from django.urls import reverse

from needs_snippets.consultation import applying, layout, service
from needs_snippets.models import MappingCycle, Need, TemplateImport
from tests.admin_forms import opened_form
from tests.connections import OnItsOwnConnection
from tests.factories import UserFactory
from tests.markers import postgres_only
from tests.needs_snippets import filling
from tests.workflow_steps import adoption_holding_the_cycle

pytestmark = pytest.mark.django_db


def stale_template(client, data):
    """Albania's template, downloaded; then the Secretariat corrects one need in the admin."""
    workbook = filling.needs_template(client, data)
    strategy = data["needs"]["strategy"]
    strategy.gap = "Corrected by the Secretariat after the download."
    strategy.save_revision(user=UserFactory(username="sara", first_name="Sara", last_name="K"))
    rows, gap = filling.rows_by_code(workbook[layout.NEEDS_SHEET]), filling.NEEDS_AT["gap"]
    rows["WBCTi-PRE-LEG-01"][gap].value = "Albania's gap, typed before the correction."
    rows["WBCTi-PRE-OPE-01"][gap].value = "Albania's view of the returnees gap."
    return workbook


@pytest.fixture
def stale_import(secretariat_client, cycle_data, django_capture_on_commit_callbacks):
    """The stale template uploaded by the Secretariat: its result page and its import."""
    workbook = stale_template(secretariat_client, cycle_data)
    return filling.upload(
        secretariat_client,
        cycle_data["cycle"],
        filling.xlsx(workbook),
        capture=django_capture_on_commit_callbacks,
    )


def test_a_stale_template_leaves_later_changes_alone_unless_the_secretariat_chooses(
    secretariat_client, cycle_data, stale_import, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page, item = stale_import
    assert item.report["counts"] == {"create": 0, "update": 1, "unchanged": 1, "conflict": 1}
    text = page.content.decode()
    assert "1 row changed in the database since the template was downloaded" in text
    assert "Changed by Sara K on" in text and "left as it is in the database" in text
    assert "in conflict, left alone: <strong>1</strong>" in text

    item = filling.confirm(secretariat_client, item, capture)
    assert item.status == TemplateImport.Status.APPLIED
    strategy, returnees = cycle_data["needs"]["strategy"], cycle_data["needs"]["returnees"]
    strategy.refresh_from_db()
    returnees.refresh_from_db()
    corrected = strategy.get_latest_revision_as_object()
    assert corrected.gap == "Corrected by the Secretariat after the download."
    assert returnees.get_latest_revision_as_object().gap == "Albania's view of the returnees gap."


def test_the_secretariat_may_apply_the_conflicting_rows_too(
    secretariat_client, cycle_data, stale_import, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _page, item = stale_import
    with capture(execute=True):
        secretariat_client.post(reverse("overwrite_template_import_conflicts", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == TemplateImport.Status.READY and item.overwrite_conflicts
    assert item.report["counts"]["update"] == 2 and item.report["counts"]["conflict"] == 0
    filling.confirm(secretariat_client, item, capture)
    strategy = cycle_data["needs"]["strategy"]
    strategy.refresh_from_db()
    assert strategy.get_latest_revision_as_object().gap == (
        "Albania's gap, typed before the correction."
    )


def test_a_template_from_before_row_versions_is_compared_by_content(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    workbook = stale_template(secretariat_client, cycle_data)
    sheet = workbook[layout.NEEDS_SHEET]
    version = len(layout.NEEDS_COLUMNS) + 1
    assert sheet.cell(row=1, column=version).value == "Row version (do not edit)"
    assert sheet.column_dimensions[layout.column_letter(version - 1)].hidden
    sheet.delete_cols(version)
    _page, item = filling.upload(secretariat_client, cycle_data["cycle"], filling.xlsx(workbook),
                                 capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert item.report["counts"] == {"create": 0, "update": 2, "unchanged": 1, "conflict": 0}


def test_a_fresh_template_applied_twice_has_no_conflicts(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    filled = filling.xlsx(
        filling.fill_as_albania(filling.needs_template(secretariat_client, cycle_data))
    )
    _page, item = filling.upload(secretariat_client, cycle_data["cycle"], filled, capture=capture)
    assert item.report["counts"]["conflict"] == 0
    filling.confirm(secretariat_client, item, capture)
    # The same file again: the entries it wrote are newer than its versions, and equal to it.
    _page, again = filling.upload(secretariat_client, cycle_data["cycle"], filled, capture=capture)
    assert again.report["counts"]["conflict"] == 0
    assert again.report["counts"]["update"] == 0


@pytest.fixture
def saved_in_the_admin(cycle_data):
    """The needs as the admin leaves them: each with a revision (an admin form then knows the
    version it was opened on)."""
    for need in cycle_data["needs"].values():
        need.save_revision(user=UserFactory(username="author"))


def apply_as_it_starts(checked_import, other, monkeypatch):
    """Applies the checked import, starting `other` (an OnItsOwnConnection) just before the
    import writes and giving it three seconds first: whether it was still waiting then."""
    write, waiting = applying.apply, []

    def write_as_the_other_starts(*args, **kwargs):
        other.start()
        waiting.append(other.waits(3))  # done by now, unless it waits for the import's locks
        return write(*args, **kwargs)

    monkeypatch.setattr(applying, "apply", write_as_the_other_starts)
    assert service.apply(checked_import, checked_import.uploaded_by) is not None
    return waiting == [True]


@postgres_only("the admin's save and the import's write on two connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_admin_save_while_an_import_is_applied_is_refused_not_overwritten(
    secretariat_client, cycle_data, saved_in_the_admin, checked_import, monkeypatch
):
    """The admin's form was opened before the import wrote: its save, sent after the import
    checked the file again and before it wrote, waits for the import and is then refused."""
    strategy = cycle_data["needs"]["strategy"]  # the file changes its gap
    url = reverse(Need.snippet_viewset.get_url_name("edit"), args=[strategy.pk])
    form = {**opened_form(secretariat_client, url), "title": "Renamed during the import"}
    admin = OnItsOwnConnection(secretariat_client.post, url, form)

    assert apply_as_it_starts(checked_import, admin, monkeypatch)

    answer = admin.outcome()
    assert answer.status_code == 200
    assert "since you opened it: your changes were not saved" in answer.content.decode()
    latest = Need.objects.get(pk=strategy.pk).get_latest_revision_as_object()
    assert latest.gap == "No CVE strategy since 2020 in Albania."
    assert latest.title == strategy.title
    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.APPLIED


def test_an_import_confirmed_as_the_board_starts_voting_writes_nothing(checked_import, cycle_data):
    """The Secretariat confirmed the import, and the Board's vote on the cycle's report starts
    before the worker writes it: the needs stay as the vote froze them, and the import waits,
    checked (the file is not at fault), for the vote to end."""
    cycle = checked_import.cycle  # as the worker has it, read before the vote started
    gaps = dict(Need.objects.values_list("reference_code", "gap"))
    report = checked_import.report
    cycle_data["cycle"].enter_board_approval()

    assert service.apply(checked_import, checked_import.uploaded_by) is None

    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.READY
    assert checked_import.report == report
    assert dict(Need.objects.values_list("reference_code", "gap")) == gaps
    assert cycle.board_decision_since is None  # the worker's copy did not know


def test_an_import_waits_while_the_board_votes_and_is_applied_after(
    secretariat_client, checked_import, cycle_data, django_capture_on_commit_callbacks
):
    """While the Board votes on the cycle's report, the import's page says why it cannot be
    applied and offers no Apply; an apply sent anyway is refused with that reason. Once the
    vote is withdrawn, the same import is applied."""
    capture = django_capture_on_commit_callbacks
    cycle = cycle_data["cycle"]
    cycle.enter_board_approval()
    page = secretariat_client.get(reverse("template_import", args=[checked_import.pk]))
    text = html.unescape(page.content.decode())
    assert "The Board is voting on this cycle's report" in text
    assert "apply it after that" in text
    assert "Apply these changes" not in text
    assert "WBCTi · Albania" in text  # which template it is

    answer = secretariat_client.post(
        reverse("apply_template_import", args=[checked_import.pk]), follow=True
    )
    assert "The Board is voting on this cycle's report" in html.unescape(answer.content.decode())
    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.READY
    overwrite = reverse("overwrite_template_import_conflicts", args=[checked_import.pk])
    secretariat_client.post(overwrite)
    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.READY
    assert not checked_import.overwrite_conflicts
    strategy = Need.objects.get(pk=cycle_data["needs"]["strategy"].pk)
    assert strategy.latest_revision is None  # nothing written
    # A file uploaded during the vote is refused, its page still naming which template it is.
    fresh = filling.xlsx(filling.needs_template(secretariat_client, cycle_data))
    page, refused = filling.upload(secretariat_client, cycle, fresh, capture=capture)
    assert refused.status == TemplateImport.Status.INVALID
    assert "WBCTi · Albania" in html.unescape(page.content.decode())

    cycle.end_board_decision(outcome="withdrawn")
    page = secretariat_client.get(reverse("template_import", args=[checked_import.pk]))
    assert "Apply these changes" in page.content.decode()
    assert filling.confirm(secretariat_client, checked_import, capture).status == (
        TemplateImport.Status.APPLIED
    )
    strategy.refresh_from_db()
    assert strategy.get_latest_revision_as_object().gap == "No CVE strategy since 2020 in Albania."


@postgres_only("the import's write and the vote's start on two connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_board_vote_waits_for_an_import_being_written(checked_import, cycle_data, monkeypatch):
    """The Board's vote starts while a checked import is being written: the vote waits for
    it, so the edition it freezes holds what the import wrote, never half of it."""
    cycle = cycle_data["cycle"]
    vote = OnItsOwnConnection(lambda: MappingCycle.objects.get(pk=cycle.pk).enter_board_approval())

    assert apply_as_it_starts(checked_import, vote, monkeypatch)  # the import shares the cycle
    vote.outcome()

    checked_import.refresh_from_db()
    assert checked_import.status == TemplateImport.Status.APPLIED
    cycle.refresh_from_db()
    assert cycle.board_decision_since is not None
    strategy = Need.objects.get(pk=cycle_data["needs"]["strategy"].pk)
    assert strategy.get_latest_revision_as_object().gap == "No CVE strategy since 2020 in Albania."


@postgres_only("the import and the adoption on two connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_applied_as_the_board_adopts_waits_and_neither_fails(
    checked_import, cycle_data, monkeypatch
):
    """The Board's adoption holds the cycle and then approves its needs; an import applied in
    that instant takes the same locks in the same order, so it waits (a deadlock, with one
    of them failing, when it took the needs first)."""
    cycle = cycle_data["cycle"]
    cycle.enter_board_approval()
    need_ids = list(Need.objects.filter(cycle=cycle).values_list("pk", flat=True))
    board = adoption_holding_the_cycle(monkeypatch, cycle, need_ids)
    service.apply(checked_import, checked_import.uploaded_by)

    assert board.outcome() > 0  # needs approved, no deadlock
    cycle.refresh_from_db()
    assert cycle.board_decision_since is None
    checked_import.refresh_from_db()
    assert checked_import.status != TemplateImport.Status.FAILED


#: What a spreadsheet may make of a row's version: a number turned into text, an emptied cell,
#: something typed over it.
RETYPED_VERSIONS = {
    "as text": (str, "Changed by Sara K on"),
    "emptied": (lambda version: None, "The row's “Row version (do not edit)” cell is empty"),
    "typed over": (
        lambda version: "v2",
        "The row's “Row version (do not edit)” cell holds “v2”, not the number",
    ),
}


@pytest.mark.parametrize("retyped", RETYPED_VERSIONS)
def test_a_stale_needs_row_whose_version_was_retyped_is_still_left_alone(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks, retyped
):
    capture = django_capture_on_commit_callbacks
    retype, said = RETYPED_VERSIONS[retyped]
    workbook = stale_template(secretariat_client, cycle_data)
    row = filling.rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-LEG-01"]
    version = row[len(layout.NEEDS_COLUMNS)]
    version.value = retype(version.value)
    page, item = filling.upload(
        secretariat_client, cycle_data["cycle"], filling.xlsx(workbook), capture=capture
    )
    assert item.report["counts"] == {"create": 0, "update": 1, "unchanged": 1, "conflict": 1}
    assert said in html.unescape(page.content.decode())

    filling.confirm(secretariat_client, item, capture)
    strategy = Need.objects.get(pk=cycle_data["needs"]["strategy"].pk)
    latest = strategy.get_latest_revision_as_object()
    assert latest.gap == "Corrected by the Secretariat after the download."


@pytest.mark.parametrize("retyped", RETYPED_VERSIONS)
def test_a_stale_responses_row_whose_version_was_retyped_is_still_left_alone(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks, retyped
):
    capture = django_capture_on_commit_callbacks
    retype, _said = RETYPED_VERSIONS[retyped]
    cycle, training = cycle_data["responses_cycle"], cycle_data["training"]
    training.save_revision(user=UserFactory(username="sara", first_name="Sara", last_name="K"))
    url = reverse("cycle_responses_template", args=[cycle.pk, cycle_data["unodc"].pk])
    workbook = filling.download(secretariat_client, url)
    training.title = "Prison deradicalisation training, renamed after the download"
    training.save()
    training.save_revision(user=UserFactory(username="omar"))
    sheet = workbook[layout.RESPONSES_SHEET]
    sheet["C2"] = "UNODC's description, typed on the old download."
    version = sheet.cell(row=2, column=len(layout.RESPONSES_COLUMNS) + 1)
    assert version.value  # the version downloaded
    version.value = retype(version.value)
    _page, item = filling.upload(
        secretariat_client, cycle, filling.xlsx(workbook), "unodc.xlsx", capture
    )
    assert item.report["counts"] == {"create": 0, "update": 0, "unchanged": 0, "conflict": 1}

    filling.confirm(secretariat_client, item, capture)
    training.refresh_from_db()
    assert training.title == "Prison deradicalisation training, renamed after the download"
    assert training.description != "UNODC's description, typed on the old download."


def test_a_file_whose_only_difference_is_a_conflict_says_so(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    """The report does not say the file matches the database when a row differs from it only
    as a conflict: it says nothing is written because of that, and names the columns."""
    capture = django_capture_on_commit_callbacks
    workbook = stale_template(secretariat_client, cycle_data)
    row = filling.rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"]
    row[filling.NEEDS_AT["gap"]].value = cycle_data["needs"]["returnees"].gap  # as it was
    page, item = filling.upload(
        secretariat_client, cycle_data["cycle"], filling.xlsx(workbook), capture=capture
    )
    assert item.report["counts"] == {"create": 0, "update": 0, "unchanged": 2, "conflict": 1}
    text = html.unescape(page.content.decode())
    assert "every row matches the database" not in text
    assert "Nothing will be written: the only rows that differ from the database are the " in text
    assert "<td>WBCTi-PRE-LEG-01</td><td>Gap</td>" in text

    item = filling.confirm(secretariat_client, item, capture)
    page = secretariat_client.get(reverse("template_import", args=[item.pk]))
    text = html.unescape(page.content.decode())
    assert "every row matches the database" not in text
    assert "Nothing was written: the only rows that differed from the database were " in text


def test_the_fields_a_row_changes_are_named_by_their_columns(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    workbook = filling.fill_as_albania(filling.needs_template(secretariat_client, cycle_data))
    row = filling.rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"]
    row[filling.NEEDS_AT["partner_status"]].value = "Being addressed"
    page, _item = filling.upload(
        secretariat_client, cycle_data["cycle"], filling.xlsx(workbook),
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    text = html.unescape(page.content.decode())
    assert "<td>WBCTi-RES-OPE-01</td><td>Identified by your institutions</td>" in text
    assert (
        "<td>WBCTi-PRE-OPE-01</td><td>Your status, Your state of play, Where, for you, "
        "Due, for you</td>" in text
    )
    assert "<td>WBCTi-PRE-LEG-01</td><td>Gap</td>" in text
    start = text.index('id="import-changes"')
    table = text[start : text.index("</table>", start)]
    assert "partners" not in table and "detail" not in table
