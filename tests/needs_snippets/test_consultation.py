"""Running the mapping cycle: templates out, filled as a partner or member would, back in."""

import io
import re
import zipfile
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar
from wagtail.models import ModelLogEntry, Revision
from wagtail.users.models import UserProfile

from needs_snippets.consultation import checking, layout, storage
from needs_snippets.consultation.calendar import calendar_token
from needs_snippets.consultation.storage import IMPORTS_COLLECTION
from needs_snippets.models import (
    Need,
    Response,
    ResponseLogEntry,
    ResponseNeed,
    TemplateImport,
)
from tests.factories import (
    MappingCycleFactory,
    NeedFactory,
    UserFactory,
)
from tests.needs_snippets.filling import (
    NEEDS_AT,
    confirm,
    download,
    fill_as_albania,
    needs_template,
    rows_by_code,
    upload,
    xlsx,
)

pytestmark = pytest.mark.django_db


def test_the_template_has_what_a_partner_needs(secretariat_client, cycle_data):
    workbook = needs_template(secretariat_client, cycle_data)
    assert workbook.sheetnames[:2] == [layout.INSTRUCTIONS_SHEET, layout.NEEDS_SHEET]
    sheet = workbook[layout.NEEDS_SHEET]
    assert [cell.value for cell in sheet[1]] == [
        *(c.heading for c in layout.NEEDS_COLUMNS),
        "Row version (do not edit)",  # hidden
    ]
    assert sheet.freeze_panes == "A2"
    rows = rows_by_code(sheet)
    assert set(rows) == {"WBCTi-PRE-OPE-01", "WBCTi-PRE-LEG-01", "WBCTi-RES-OPE-01"}
    identified = NEEDS_AT["identified"]
    assert rows["WBCTi-PRE-OPE-01"][identified].value == "Yes"
    assert rows["WBCTi-PRE-LEG-01"][identified].value == "No"
    columns = {str(v.sqref)[0] for v in sheet.data_validations.dataValidation}
    # axis, measure, area, timeframe, identified, the partner's own status
    assert columns == {"C", "D", "E", "I", "J", "K"}
    assert workbook[layout.LISTS_SHEET].sheet_state == "hidden"
    instructions = " ".join(
        str(c.value)
        for row in workbook[layout.INSTRUCTIONS_SHEET].iter_rows()
        for c in row
        if c.value
    )
    assert "not expected to share sensitive information" in instructions
    assert "This designation is without prejudice" in instructions
    assert "WBCTi template for Albania" in instructions


def test_needs_round_trip_finds_exactly_the_partners_changes(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    filled = xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data)))
    page, item = upload(secretariat_client, cycle_data["cycle"], filled, "albania.xlsx", capture)
    assert item.status == TemplateImport.Status.READY
    assert item.report["counts"] == {"create": 1, "update": 2, "unchanged": 1, "conflict": 0}
    assert "Apply these changes" in page.content.decode()
    assert Need.objects.count() == 3  # nothing written before confirming

    item = confirm(secretariat_client, item, capture)
    assert item.status == TemplateImport.Status.APPLIED
    needs = cycle_data["needs"]
    strategy = Need.objects.get(pk=needs["strategy"].pk)
    draft = strategy.get_latest_revision_as_object()
    assert draft.gap == "No CVE strategy since 2020 in Albania."
    assert strategy.gap != draft.gap  # the published text waits for the Secretariat
    crisis = Need.objects.get(pk=needs["crisis"].pk).get_latest_revision_as_object()
    assert sorted(link.partner.country_code for link in crisis.partner_links.all()) == ["AL", "BA"]
    new = Need.objects.get(title="Online radicalisation monitoring")
    assert (new.reference_code, new.live, new.status) == ("WBCTi-PRE-OPE-02", False, "proposed")
    assert [p.country_code for p in new.partners.all()] == ["AL"]
    assert list(new.sources.all()) == [cycle_data["package"]]
    untouched = Need.objects.get(pk=needs["returnees"].pk)
    assert untouched.latest_revision is None  # unchanged row: no revision
    entries = ModelLogEntry.objects.filter(action="iisg.template.import")
    assert entries.count() == 3
    assert {entry.user.username for entry in entries} == {"secretariat-editor"}
    assert all(entry.data["file"] == "albania.xlsx" for entry in entries)
    assert Revision.objects.filter(user__username="secretariat-editor").count() == 3
    # The file is kept, privately; the cycle lists the input received from Albania.
    assert item.document.collection.name == IMPORTS_COLLECTION
    kept = secretariat_client.get(reverse("template_import_file", args=[item.pk]))
    assert b"".join(kept.streaming_content) == filled
    overview = secretariat_client.get(reverse("cycle_overview", args=[cycle_data["cycle"].pk]))
    assert "albania.xlsx" in overview.content.decode()


def test_importing_the_same_file_twice_changes_nothing(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    filled = xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data)))
    _, first = upload(secretariat_client, cycle_data["cycle"], filled, capture=capture)
    confirm(secretariat_client, first, capture)
    revisions = Revision.objects.count()
    page, again = upload(secretariat_client, cycle_data["cycle"], filled, capture=capture)
    assert again.report["counts"] == {"create": 0, "update": 0, "unchanged": 4, "conflict": 0}
    assert "Apply these changes" not in page.content.decode()
    assert "changes nothing" in page.content.decode()
    # and a template downloaded after the import round-trips unchanged as well
    fresh = xlsx(needs_template(secretariat_client, cycle_data))
    _, third = upload(secretariat_client, cycle_data["cycle"], fresh, capture=capture)
    assert third.report["counts"]["create"] + third.report["counts"]["update"] == 0
    assert Revision.objects.count() == revisions


def test_responses_round_trip(secretariat_client, cycle_data, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    cycle = cycle_data["responses_cycle"]
    url = reverse("cycle_responses_template", args=[cycle.pk, cycle_data["unodc"].pk])
    workbook = download(secretariat_client, url)
    sheet = workbook[layout.RESPONSES_SHEET]
    assert sheet["A2"].value == cycle_data["training"].pk
    assert "WBCTi-PRE-OPE-01" in [c.value for c in workbook[layout.NEEDS_LIST_SHEET]["A"]]
    sheet["G2"] = "Finalisation"
    new = [None, "Online P/CVE campaign", "Counter-narratives online.", "WBCTi",
           "WBCTi-PRE-OPE-01; WBCTi-PRE-LEG-01", "AL; XK", "Pipeline/identification",
           date(2025, 1, 1), date(2025, 12, 31), None, None, 120000, "EUR", "EU IPA III",
           "IISG members"]  # fmt: skip
    for column, value in enumerate(new, start=1):
        sheet.cell(row=3, column=column, value=value)
    _, item = upload(secretariat_client, cycle, xlsx(workbook), "unodc.xlsx", capture)
    assert item.report["counts"] == {"create": 1, "update": 1, "unchanged": 0, "conflict": 0}, (
        item.report
    )
    confirm(secretariat_client, item, capture)
    training = Response.objects.get(pk=cycle_data["training"].pk)
    assert training.iati_status == 3
    campaign = Response.objects.get(title="Online P/CVE campaign")
    assert campaign.reporting_member == cycle_data["unodc"] and campaign.cycle == cycle
    assert sorted(n.reference_code for n in campaign.needs.all()) == [
        "WBCTi-PRE-LEG-01", "WBCTi-PRE-OPE-01",
    ]  # fmt: skip
    assert str(campaign.budget) == "120000.00" and campaign.planned_end == date(2025, 12, 31)
    entry = ResponseLogEntry.objects.get(object_id=str(campaign.pk))
    assert (entry.action, entry.data["file"]) == ("iisg.template.import", "unodc.xlsx")
    _, again = upload(secretariat_client, cycle, xlsx(workbook), capture=capture)
    assert again.report["counts"] == {"create": 0, "update": 0, "unchanged": 2, "conflict": 0}


def test_the_command_checks_then_applies_with_progress(secretariat_client, cycle_data, tmp_path):
    UserFactory(username="secretariat")
    path = tmp_path / "albania.xlsx"
    path.write_bytes(xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data))))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_template", str(path), user="secretariat", stdout=out, stderr=err)
    assert "to create 1, to update 2, unchanged 1" in out.getvalue()
    assert "Nothing written" in out.getvalue()
    assert "Checking: 4 of 4 rows (100%)" in err.getvalue()
    assert not Need.objects.filter(title="Online radicalisation monitoring").exists()
    call_command(
        "import_template", str(path), user="secretariat", apply=True, stdout=out, stderr=err
    )
    assert "Applied: 3 entries written." in out.getvalue()
    assert "Writing: 3 of 3 rows (100%)" in err.getvalue()
    assert Need.objects.filter(title="Online radicalisation monitoring").exists()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_template", str(bad), user="secretariat", stdout=out, stderr=err)


def test_the_calendar_parses_and_holds_the_phases_and_meetings(client, cycle_data):
    token = calendar_token(cycle_data["cycle"])
    response = client.get(f"/calendar/{token}.ics")
    assert response["Content-Type"] == "text/calendar"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "2021–2022: Preparatory/identification", "2021–2022: Formulation",
        "2021–2022: Approval by the Board", "WBCTi Support Group",
    }  # fmt: skip
    first = events["2021–2022: Preparatory/identification"]
    assert first.decoded("dtstart") == date(2021, 2, 2)
    assert first.decoded("dtend") == date(2021, 3, 20)  # all day, up to 19 March included
    assert events["WBCTi Support Group"]["location"] == "Prishtina"
    assert client.get(f"/calendar/{cycle_data['cycle'].pk}.ics").status_code == 404  # no guessing


def test_the_cycle_page_says_where_it_stands(secretariat_client, cycle_data):
    page = secretariat_client.get(reverse("cycle_overview", args=[cycle_data["cycle"].pk]))
    text = page.content.decode()
    assert "Late: Formulation, Approval by the Board." in text
    assert "EU enlargement package 2020" in text and "WBCTi Support Group" in text
    # One pillar × six partners, and one review template for the one international member.
    assert text.count("XLSX</a>") == 7
    assert "WBCTi review template for United Nations Office on Drugs and Crime" in text
    # The calendar's address (its signed token says when it was made) opens this cycle's
    # calendar for someone who is not signed in.
    address = re.search(r'href="[^"]*(/calendar/[^"/]+\.ics)"', text).group(1)
    calendar = Calendar.from_ical(Client().get(address).content)
    assert "2021–2022: Formulation" in {str(event["summary"]) for event in calendar.walk("VEVENT")}
    edit = reverse(
        "wagtailsnippets_needs_snippets_mappingcycle:edit", args=[cycle_data["cycle"].pk]
    )
    assert f'href="{edit}"' in text


@pytest.mark.parametrize("group", ["Members", "Board", "Support Group WBCTi"])
def test_only_the_secretariat_runs_the_cycle(client, cycle_data, group):
    """Admin users outside the Secretariat are refused every page of the cycle and the files
    uploaded to it: the admin turns the refusal into a redirect to its dashboard."""
    user = UserFactory(username="outsider", groups=[group])
    client.force_login(user)
    cycle = cycle_data["cycle"].pk
    item = TemplateImport.objects.create(filename="x.xlsx")
    assert user.has_perm("wagtailadmin.access_admin")

    def refused(response):
        return response.status_code == 302 and response["Location"] == "/admin/"

    for url in [
        reverse("cycle_overview", args=[cycle]),
        reverse("cycle_needs_template", args=[cycle, "WBCTi", "AL"]),
        reverse("cycle_responses_template", args=[cycle, cycle_data["unodc"].pk]),
        reverse("cycle_upload", args=[cycle]),
        reverse("template_import", args=[item.pk]),
        reverse("template_import_file", args=[item.pk]),
    ]:
        assert refused(client.get(url)), url
    assert refused(client.post(reverse("apply_template_import", args=[item.pk])))
    item.refresh_from_db()
    assert item.status == TemplateImport.Status.CHECKING  # not claimed
    TemplateImport.objects.filter(pk=item.pk).update(status=TemplateImport.Status.FAILED)
    assert refused(client.post(reverse("retry_template_import", args=[item.pk])))
    item.refresh_from_db()
    assert item.status == TemplateImport.Status.FAILED  # not run again
    kept = storage.keep(b"restricted responses", "unodc.xlsx", None)
    response = client.get(kept.url)  # the uploaded file stays closed
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_busy_import_shows_its_progress_and_refreshes(secretariat_client, cycle_data):
    item = TemplateImport.objects.create(
        cycle=cycle_data["cycle"], filename="big.xlsx", rows_done=4000, rows_total=10000,
        status=TemplateImport.Status.CHECKING,
    )  # fmt: skip
    text = secretariat_client.get(reverse("template_import", args=[item.pk])).content.decode()
    assert '<progress id="import-progress" max="100" value="40">' in text
    assert "Checking rows: 4000 of 10000" in text
    assert '<meta http-equiv="refresh" content="2">' in text


def test_ten_thousand_rows_are_checked_without_writing(secretariat_client, cycle_data):
    workbook = needs_template(secretariat_client, cycle_data)
    sheet = workbook[layout.NEEDS_SHEET]
    for number in range(10_000):
        sheet.append(layout.row_of(
            layout.NEEDS_COLUMNS, title=f"Need {number:05}", axis="Prevent",
            area="Operational work", state_of_play="Now.", gap="Gap.", action_needed="Act.",
            timeframe="Short term (within a year)", identified="Yes",
        ))  # fmt: skip
    seen = []
    plan = checking.check(xlsx(workbook), progress=lambda done, total: seen.append(done))
    assert plan.is_valid and plan.counts()["create"] == 10_000
    assert len(seen) > 100 and seen[-1] == 10_003  # every 100 rows, to the last one
    assert Need.objects.count() == 3


def test_applying_writes_only_what_was_confirmed(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    """The database changes between the check and the confirmation: nothing is written, and
    the new report waits for a new confirmation."""
    capture = django_capture_on_commit_callbacks
    workbook = needs_template(secretariat_client, cycle_data)
    rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"][
        NEEDS_AT["gap"]
    ].value = "Partner's gap."
    _, item = upload(secretariat_client, cycle_data["cycle"], xlsx(workbook), capture=capture)
    assert item.report["counts"]["update"] == 1
    strategy = cycle_data["needs"]["strategy"]
    strategy.gap = "Corrected by the Secretariat after the check."
    strategy.save_revision().publish()
    revisions = Revision.objects.count()
    item = confirm(secretariat_client, item, capture)
    assert item.status == TemplateImport.Status.READY and item.report["changed_since_check"]
    # The file would now undo the correction: a conflict, left alone once confirmed again.
    assert item.report["counts"]["update"] == 1 and item.report["counts"]["conflict"] == 1
    assert Revision.objects.count() == revisions


def test_one_confirmation_applies_once(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    filled = xlsx(fill_as_albania(needs_template(secretariat_client, cycle_data)))
    _, item = upload(secretariat_client, cycle_data["cycle"], filled, capture=capture)
    assert confirm(secretariat_client, item, capture).status == TemplateImport.Status.APPLIED
    # the same confirmation posted again (a second tab, a double click)
    response = secretariat_client.post(
        reverse("apply_template_import", args=[item.pk]), follow=True
    )
    assert "can be applied, once" in response.content.decode()
    assert Need.objects.filter(title="Online radicalisation monitoring").count() == 1


def test_a_corrupt_workbook_is_refused_not_stuck(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='About'")
    page, item = upload(secretariat_client, cycle_data["cycle"], buffer.getvalue(),
                        capture=django_capture_on_commit_callbacks)  # fmt: skip
    assert item.status == TemplateImport.Status.INVALID
    assert "not an Excel workbook" in page.content.decode()


def test_untouched_templates_come_back_unchanged_whatever_the_text(secretariat_client, cycle_data):
    """Line breaks typed in the admin, control characters, text that looks like a formula,
    a title with spaces around it, a linked need unpublished since: all round-trip."""
    returnees = cycle_data["needs"]["returnees"]
    Need.objects.filter(pk=returnees.pk).update(
        title="=Rehabilitation ", state_of_play="Line one\r\nLine two\x0b with a break."
    )
    training = cycle_data["training"]
    Response.objects.filter(pk=training.pk).update(description="First\r\nsecond")
    Need.objects.filter(pk=returnees.pk).update(live=False)  # unpublished since it was linked
    needs = xlsx(needs_template(secretariat_client, cycle_data))
    assert checking.check(needs).counts() == {
        "create": 0,
        "update": 0,
        "unchanged": 3,
        "conflict": 0,
    }
    url = reverse(
        "cycle_responses_template", args=[cycle_data["responses_cycle"].pk, cycle_data["unodc"].pk]
    )
    responses = xlsx(download(secretariat_client, url))
    plan = checking.check(responses)
    assert plan.is_valid, plan.problems
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 1, "conflict": 0}


def test_a_need_code_of_another_cycle_does_not_relink_a_response(secretariat_client, cycle_data):
    later = MappingCycleFactory(edition="2023–2024")
    returnees = cycle_data["needs"]["returnees"]
    NeedFactory(cycle=later, reference_code=returnees.reference_code, pillar=cycle_data["pillar"])
    url = reverse(
        "cycle_responses_template", args=[cycle_data["responses_cycle"].pk, cycle_data["unodc"].pk]
    )
    plan = checking.check(xlsx(download(secretariat_client, url)))
    assert plan.counts()["unchanged"] == 1


def test_an_untouched_responses_template_changes_nothing_that_a_cell_cannot_hold(
    secretariat_client, cycle_data
):
    """A description longer than a cell holds (32,767 characters), and links to the needs of
    one code in two editions, come back from an untouched template unchanged."""
    later = MappingCycleFactory(edition="2023–2024")
    returnees = cycle_data["needs"]["returnees"]
    carried = NeedFactory(
        cycle=later, reference_code=returnees.reference_code, pillar=cycle_data["pillar"]
    )
    training = cycle_data["training"]
    training.description = "Mentoring of prison staff. " * 2000  # 54,000 characters
    training.save()
    ResponseNeed.objects.create(response=training, need=carried)
    assert {n.cycle for n in training.needs.all()} == {cycle_data["cycle"], later}
    url = reverse(
        "cycle_responses_template", args=[cycle_data["responses_cycle"].pk, cycle_data["unodc"].pk]
    )
    plan = checking.check(xlsx(download(secretariat_client, url)))
    assert plan.is_valid, plan.problems
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 1, "conflict": 0}


def test_two_rows_proposing_the_same_new_need(secretariat_client, cycle_data):
    workbook = fill_as_albania(needs_template(secretariat_client, cycle_data))
    sheet = workbook[layout.NEEDS_SHEET]
    sheet.append([cell.value for cell in sheet[sheet.max_row]])
    plan = checking.check(xlsx(workbook))
    [problem] = plan.problems
    assert (problem.row, problem.column) == (sheet.max_row, "Title")
    assert "already proposes a need with this title" in problem.message


def test_two_rows_naming_the_same_need(secretariat_client, cycle_data):
    workbook = needs_template(secretariat_client, cycle_data)
    sheet = workbook[layout.NEEDS_SHEET]
    first = rows_by_code(sheet)["WBCTi-PRE-LEG-01"][0].row
    sheet.append([cell.value for cell in sheet[first]])
    [problem] = checking.check(xlsx(workbook)).problems
    assert (problem.row, problem.column) == (sheet.max_row, "Reference code")
    assert f"This need is already on row {first}" in problem.message


def test_a_budget_without_its_currency(secretariat_client, cycle_data):
    cycle = cycle_data["responses_cycle"]
    url = reverse("cycle_responses_template", args=[cycle.pk, cycle_data["unodc"].pk])
    workbook = download(secretariat_client, url)
    workbook[layout.RESPONSES_SHEET]["L2"] = 50000
    workbook[layout.RESPONSES_SHEET]["M2"] = None
    [problem] = checking.check(xlsx(workbook)).problems
    assert (problem.row, problem.column) == (2, "Currency")
    assert "A budget needs its currency" in problem.message


@pytest.mark.parametrize("budget", [-5, "-5"])
def test_a_negative_budget_is_said_to_be_negative(secretariat_client, cycle_data, budget):
    cycle = cycle_data["responses_cycle"]
    url = reverse("cycle_responses_template", args=[cycle.pk, cycle_data["unodc"].pk])
    workbook = download(secretariat_client, url)
    workbook[layout.RESPONSES_SHEET]["L2"] = budget
    [problem] = checking.check(xlsx(workbook)).problems
    assert (problem.row, problem.column) == (2, "Budget")
    assert "A budget cannot be negative" in problem.message
    assert "not an amount" not in problem.message


def test_a_template_in_albanian_keeps_english_values_and_checks_in_albanian(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    """A Secretariat member who reads Albanian downloads the template: its instructions are in
    Albanian, its values stay English (the checker's), and the check's report is Albanian."""
    user = get_user_model().objects.get(username="secretariat-editor")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "sq"})
    workbook = needs_template(secretariat_client, cycle_data)
    instructions = [c.value for row in workbook[layout.INSTRUCTIONS_SHEET].iter_rows() for c in row]
    with translation.override("sq"):
        columns = gettext("Columns")
    assert columns != "Columns" and columns in instructions and "Columns" not in instructions
    lists = {c.value for row in workbook[layout.LISTS_SHEET].iter_rows() for c in row}
    with translation.override("en-gb"):
        english_timeframes = {str(label) for label in Need.Timeframe.labels}
    assert english_timeframes <= lists

    filled = fill_as_albania(workbook)
    rows = rows_by_code(filled[layout.NEEDS_SHEET])
    rows["WBCTi-PRE-OPE-01"][NEEDS_AT["timeframe"]].value = "Soon"
    capture = django_capture_on_commit_callbacks
    _page, item = upload(secretariat_client, cycle_data["cycle"], xlsx(filled), capture=capture)
    assert item.status == TemplateImport.Status.INVALID
    [problem] = item.report["problems"]
    with translation.override("sq"):
        expected = gettext("%(value)s is not in the list: choose a value from the list.")
    assert problem["message"] == expected % {"value": "“Soon”"}
