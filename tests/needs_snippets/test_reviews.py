"""International partners in the templates: a review template per pillar and member to
validate, comment on and complement the needs and offer support; imported with the same
all-or-nothing check; the Secretariat sees each member's validations per need."""

import pytest
from django.urls import reverse

from needs_snippets.consultation import checking, layout
from needs_snippets.models import Need, NeedReview, TemplateImport
from tests.needs_snippets.filling import confirm, download, rows_by_code, upload, xlsx

pytestmark = pytest.mark.django_db

AT = {column.key: index for index, column in enumerate(layout.REVIEW_COLUMNS)}


def review_template(client, data, member=None):
    member = member or data["unodc"]
    url = reverse("cycle_review_template", args=[data["cycle"].pk, "WBCTi", member.pk])
    return download(client, url)


def test_an_international_partner_validates_comments_offers_support_and_complements(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    workbook = review_template(secretariat_client, cycle_data)
    sheet = workbook[layout.NEEDS_SHEET]
    assert [cell.value for cell in sheet[1]] == [c.heading for c in layout.REVIEW_COLUMNS]
    rows = rows_by_code(sheet)
    assert set(rows) == {"WBCTi-PRE-OPE-01", "WBCTi-PRE-LEG-01", "WBCTi-RES-OPE-01"}
    assert rows["WBCTi-PRE-OPE-01"][AT["partners"]].value == "AL;XK"
    returnees = rows["WBCTi-PRE-OPE-01"]
    returnees[AT["verdict"]].value = "Validated with changes (see the comment)"
    returnees[AT["comment"]].value = "Add the municipalities' social services."
    returnees[AT["support"]].value = "Training of social workers in 2026."
    new = sheet.max_row + 1
    for key, value in {
        "title": "Victim support in terrorism cases", "axis": "Respond", "area": "Operational work",
        "state_of_play": "Support is ad hoc.", "gap": "No referral protocol.",
        "action_needed": "Adopt a protocol.", "timeframe": "Short term (within a year)",
    }.items():  # fmt: skip
        sheet.cell(row=new, column=AT[key] + 1, value=value)
    page, item = upload(secretariat_client, cycle_data["cycle"], xlsx(workbook), capture=capture)
    assert item.kind == TemplateImport.Kind.REVIEW and item.member == cycle_data["unodc"]
    assert item.report["counts"] == {"create": 2, "update": 0, "unchanged": 2, "conflict": 0}
    assert NeedReview.objects.count() == 0  # nothing before the confirmation
    confirm(secretariat_client, item, capture)

    review = NeedReview.objects.get()
    assert (review.need.reference_code, review.member, review.verdict) == (
        "WBCTi-PRE-OPE-01", cycle_data["unodc"], "with_changes",
    )  # fmt: skip
    assert review.support == "Training of social workers in 2026."
    proposed = Need.objects.get(title="Victim support in terrorism cases")
    assert (proposed.live, proposed.status, list(proposed.partners.all())) == (
        False, "proposed", [],
    )  # fmt: skip

    # The Secretariat sees the member's validation on the need and in the listing.
    inspect = secretariat_client.get(
        reverse(Need.snippet_viewset.get_url_name("inspect"), args=[review.need.pk])
    ).content.decode()
    assert "United Nations Office on Drugs and Crime: Validated with changes" in inspect
    assert "Support offered: Training of social workers in 2026." in inspect
    listing = secretariat_client.get(
        reverse(NeedReview.snippet_viewset.get_url_name("list")), {"verdict": "with_changes"}
    ).content.decode()
    assert "Add the municipalities" in listing
    assert "<title>Validations by international partners" in listing

    # Its next template shows what it said; sending it back changes nothing.
    again = review_template(secretariat_client, cycle_data)
    row = rows_by_code(again[layout.NEEDS_SHEET])["WBCTi-PRE-OPE-01"]
    assert row[AT["comment"]].value == "Add the municipalities' social services."
    _, item = upload(secretariat_client, cycle_data["cycle"], xlsx(again), capture=capture)
    assert item.report["counts"]["create"] == item.report["counts"]["update"] == 0


def test_a_review_may_not_rewrite_the_partners_text(
    secretariat_client, cycle_data, django_capture_on_commit_callbacks
):
    workbook = review_template(secretariat_client, cycle_data)
    rows_by_code(workbook[layout.NEEDS_SHEET])["WBCTi-PRE-LEG-01"][AT["gap"]].value = "Other."
    _, item = upload(
        secretariat_client, cycle_data["cycle"], xlsx(workbook),
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    [problem] = item.report["problems"]
    assert problem["column"] == "Gap" and "write the change you suggest" in problem["message"]
    assert item.status == TemplateImport.Status.INVALID


def test_a_review_names_each_need_and_proposes_each_title_once(secretariat_client, cycle_data):
    workbook = review_template(secretariat_client, cycle_data)
    sheet = workbook[layout.NEEDS_SHEET]
    first = rows_by_code(sheet)["WBCTi-PRE-LEG-01"][0].row
    sheet.append([cell.value for cell in sheet[first]])
    proposed = {
        "title": "Victim support in terrorism cases", "axis": "Respond", "area": "Operational work",
        "state_of_play": "Support is ad hoc.", "gap": "No referral protocol.",
        "action_needed": "Adopt a protocol.", "timeframe": "Short term (within a year)",
    }  # fmt: skip
    for _ in range(2):
        new = sheet.max_row + 1
        for key, value in proposed.items():
            sheet.cell(row=new, column=AT[key] + 1, value=value)

    problems = checking.check(xlsx(workbook)).problems
    assert [(p.row, p.column) for p in problems] == [
        (sheet.max_row - 2, "Reference code"), (sheet.max_row, "Title"),
    ]  # fmt: skip
    assert f"This need is already on row {first}" in problems[0].message
    assert f"Row {sheet.max_row - 1} already proposes a need with this title" in problems[1].message


def test_a_western_balkans_partner_has_no_review_template(secretariat_client, cycle_data):
    albania = cycle_data["partners"]["AL"]
    url = reverse("cycle_review_template", args=[cycle_data["cycle"].pk, "WBCTi", albania.pk])
    assert secretariat_client.get(url).status_code == 404


def test_the_review_and_needs_templates_list_the_needs_in_the_catalogue_order(
    secretariat_client, cycle_data
):
    """An international partner's review template lists a pillar's needs in the order of the
    partners' needs template and the report: by axis, objective, measure, then area."""
    needs = cycle_data["needs"]
    operational, legislation = needs["returnees"].area, needs["strategy"].area
    operational.sort_order, legislation.sort_order = 1, 2  # operational work first
    operational.save(), legislation.save()
    needs_url = reverse("cycle_needs_template", args=[cycle_data["cycle"].pk, "WBCTi", "AL"])

    in_review = list(
        rows_by_code(review_template(secretariat_client, cycle_data)[layout.NEEDS_SHEET])
    )
    in_needs = list(rows_by_code(download(secretariat_client, needs_url)[layout.NEEDS_SHEET]))

    assert in_review == in_needs == ["WBCTi-PRE-OPE-01", "WBCTi-PRE-LEG-01", "WBCTi-RES-OPE-01"]
