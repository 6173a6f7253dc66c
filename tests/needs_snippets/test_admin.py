"""The Secure database in the Wagtail admin, used as the Secretariat would."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.admin.admin_url_finder import AdminURLFinder

from needs_snippets.models import Measure, Need, Response
from needs_snippets.roles import BOARD, MEMBERS, SUPPORT_GROUPS
from tests import factories as f
from tests.admin_forms import inline_forms, opened_form

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


@pytest.fixture
def catalogue():
    p = f.wb_partners()
    ct, crime = f.PillarFactory(code="WBCTi"), f.PillarFactory(code="WBCSCi")
    return {
        "regional": f.NeedFactory(
            reference_code="WBCTi-PRE-LEG-01",
            title="Rehabilitation programmes for returnees",
            pillar=ct,
            axis=f.AxisFactory(pillar=ct, name="Prevent"),
            partners=[p["AL"], p["XK"], p["RS"]],
        ),
        "specific": f.NeedFactory(
            reference_code="WBCSCi-RES-OPE-01",
            title="Financial investigation unit",
            pillar=crime,
            partners=[p["ME"]],
        ),
        "partners": p,
        "pillars": (ct, crime),
    }


def test_secure_database_menu_lists_needs_and_registries(secretariat_client):
    response = secretariat_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "Secure database" in content
    for label in ["Needs", "Responses", "Mapping cycles", "Member organisations", "Meetings",
                  "Strategic documents", "Focal points"]:  # fmt: skip
        assert label in content


def test_listing_shows_needs_with_partners_and_scope(secretariat_client, catalogue):
    response = secretariat_client.get(url(Need, "list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rehabilitation programmes for returnees" in content
    assert "Albania, Kosovo*, Serbia" in content
    assert "Regional" in content and "Partner-specific" in content


def test_filters_narrow_the_listing(secretariat_client, catalogue):
    ct, crime = catalogue["pillars"]
    by_pillar = secretariat_client.get(url(Need, "list"), {"pillar": crime.pk}).content.decode()
    assert "Financial investigation unit" in by_pillar
    assert "Rehabilitation programmes" not in by_pillar

    regional = secretariat_client.get(url(Need, "list"), {"regional": "regional"}).content.decode()
    assert "Rehabilitation programmes" in regional
    assert "Financial investigation unit" not in regional

    by_partner = secretariat_client.get(
        url(Need, "list"), {"partner": catalogue["partners"]["ME"].pk}
    ).content.decode()
    assert "Financial investigation unit" in by_partner
    assert "Rehabilitation programmes" not in by_partner

    gaps = secretariat_client.get(url(Need, "list"), {"coverage": "gap"}).content.decode()
    assert "Financial investigation unit" in gaps


def test_search_finds_needs_by_text(secretariat_client, catalogue):
    response = secretariat_client.get(url(Need, "list"), {"q": "returnees"})
    content = response.content.decode()
    assert "Rehabilitation programmes for returnees" in content
    assert "Financial investigation unit" not in content


@pytest.mark.parametrize("query", ["WBCTi-PRE-LEG-01", "WBCTi-PRE", "PRE-LEG"])
def test_the_listing_finds_a_need_by_its_reference_code(secretariat_client, catalogue, query):
    """The admin's listings search as one types (autocomplete): a reference code, whole or
    begun."""
    content = secretariat_client.get(url(Need, "list"), {"q": query}).content.decode()
    assert "Rehabilitation programmes for returnees" in content
    assert "Financial investigation unit" not in content


def test_the_listing_and_the_chooser_find_a_measure_by_its_code(secretariat_client):
    measure = f.MeasureFactory(code="M2.3", title="Prosecution of foreign fighters")
    f.MeasureFactory(code="M4.1", title="Port controls")
    chooser = reverse(Measure.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    for address in (chooser, url(Measure, "list")):
        content = secretariat_client.get(address, {"q": "M2.3"}).content.decode()
        assert measure.title in content and "Port controls" not in content


def test_the_objective_and_measure_filters_tell_editions_apart(secretariat_client):
    """Each edition has its own objective and measure of the same code: the needs listing's
    filters name each one's edition."""
    later = f.MappingCycleFactory(
        edition="2023–2024", period_start="2023-01-01", period_end="2024-12-31"
    )
    axis = f.AxisFactory()
    measures = [
        f.MeasureFactory(code="M1", title="Port controls", objective=f.ObjectiveFactory(
            code="OBJ-1", title="Border security", axis=axis, **edition))
        for edition in ({}, {"cycle": later})
    ]  # fmt: skip
    form = BeautifulSoup(secretariat_client.get(url(Need, "list")).content, "html.parser")
    for name, label in (("objective", "OBJ-1 Border security"), ("measure", "M1 Port controls")):
        offered = [o.get_text() for o in form.select(f"select[name={name}] option")]
        assert f"2021–2022 · {label}" in offered and f"2023–2024 · {label}" in offered
    assert len({m.cycle_id for m in measures}) == 2


def test_csv_export_is_readable_and_says_what_it_holds(secretariat_client, catalogue):
    ct, _crime = catalogue["pillars"]
    response = secretariat_client.get(url(Need, "list"), {"pillar": ct.pk, "export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="iisg-needs-20')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert rows[0] == ["IISG Hub — Needs"]
    assert rows[1][0].startswith("Exported: ")
    assert rows[2] == ["Filters: Pillar: WBCTi"]
    header = rows[4]
    assert header[:3] == ["Reference code", "Title", "Cycle"]
    data = [dict(zip(header, row, strict=True)) for row in rows[5:-2]]
    assert len(data) == 1
    assert data[0]["Partners that identified it"] == "Albania, Kosovo*, Serbia"
    assert data[0]["Axis"] == "Prevent"
    assert data[0]["Scope"] == "Regional"
    assert data[0]["Timeframe"] == "Medium term (one to three years)"
    assert rows[-1][0].startswith("*This designation is without prejudice")


def test_csv_export_defuses_spreadsheet_formulas(secretariat_client, catalogue):
    Need.objects.filter(pk=catalogue["specific"].pk).update(title='=HYPERLINK("http://x","y")')
    content = b"".join(
        secretariat_client.get(url(Need, "list"), {"export": "csv"}).streaming_content
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in content
    assert ",=HYPERLINK" not in content and ',"=HYPERLINK' not in content


def test_unfiltered_export_says_it_is_the_whole_database(secretariat_client, catalogue):
    response = secretariat_client.get(url(Need, "list"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "Filters: none (the whole database)" in content
    assert "WBCTi-PRE-LEG-01" in content and "WBCSCi-RES-OPE-01" in content


def test_xlsx_export_opens_with_the_same_content(secretariat_client, catalogue):
    response = secretariat_client.get(url(Need, "list"), {"regional": "regional", "export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [[cell for cell in row if cell is not None] for row in workbook.active.values]
    assert rows[0] == ["IISG Hub — Needs"]
    assert rows[2] == ["Filters: Scope: Regional"]
    assert rows[5][0] == "WBCTi-PRE-LEG-01"
    assert "Albania, Kosovo*, Serbia" in rows[5]
    assert rows[-1][0].startswith("*This designation")


def test_response_export_names_members_roles_and_beneficiaries(secretariat_client, catalogue):
    unodc = f.MemberFactory(name="UNODC")
    response = f.ResponseFactory(
        reporting_member=unodc,
        title="Countering illicit financial flows",
        needs=[catalogue["specific"]],
        beneficiaries=[catalogue["partners"]["XK"], catalogue["partners"]["ME"]],
    )
    f.ResponseParticipantFactory(response=response, member=unodc, role=4)
    content = b"".join(
        secretariat_client.get(url(Response, "list"), {"export": "csv"}).streaming_content
    ).decode()
    assert "Countering illicit financial flows" in content
    assert "Kosovo*, Montenegro" in content
    assert "UNODC (implementing)" in content
    assert "WBCSCi-RES-OPE-01" in content


def test_listing_query_count_does_not_grow_with_needs(secretariat_client, catalogue):
    secretariat_client.get(url(Need, "list"))  # warm caches (site, permissions)
    with CaptureQueriesContext(connection) as few:
        secretariat_client.get(url(Need, "list"))
    p = catalogue["partners"]
    for i in range(30):
        f.NeedFactory(reference_code=f"MORE-{i}", partners=[p["AL"], p["BA"]])
    with CaptureQueriesContext(connection) as many:
        secretariat_client.get(url(Need, "list"))
    assert len(many) == len(few)


def test_secretariat_creates_a_need_and_sees_clear_errors(secretariat_client, catalogue):
    ct, crime = catalogue["pillars"]
    p = catalogue["partners"]
    cycle = f.MappingCycleFactory()
    data = {
        "cycle": cycle.pk,
        "reference_code": "WBCTi-PRE-LEG-01",  # taken
        "title": "Prison radicalisation programmes",
        "pillar": ct.pk,
        "axis": f.AxisFactory(pillar=crime, name="Response").pk,  # wrong pillar
        "area": f.AreaFactory(code="legislation").pk,
        "state_of_play": "No programme.",
        "gap": "Prisons in two partners.",
        "action_needed": "Design a programme.",
        "timeframe": "short",
        "status": "proposed",
        **inline_forms(
            "partner_links",
            [
                {"partner": p["AL"].pk, "status": "identified", "location": "Tirana prisons"},
                {"partner": p["BA"].pk, "status": "addressed", "due": "2026-06-30"},
            ],
        ),
    }
    response = secretariat_client.post(url(Need, "add"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "belongs to another pillar: choose an axis of WBCTi" in content

    data["axis"] = f.AxisFactory(pillar=ct, name="Prevent").pk
    content = secretariat_client.post(url(Need, "add"), data).content.decode()
    assert "Another need of this cycle already has this reference code" in content
    assert Need.objects.count() == 2

    data["reference_code"] = "WBCTi-PRE-LEG-02"
    response = secretariat_client.post(url(Need, "add"), data)
    assert response.status_code == 302
    need = Need.objects.get(reference_code="WBCTi-PRE-LEG-02")
    assert need.partner_names == "Albania, Bosnia and Herzegovina"
    details = {link.partner.country_code: link for link in need.partner_links.all()}
    assert details["AL"].location == "Tirana prisons"
    assert (details["BA"].status, str(details["BA"].due)) == ("addressed", "2026-06-30")
    assert not need.live  # saved as a draft, with a revision
    assert need.latest_revision is not None


def test_inspect_view_shows_the_need(secretariat_client, catalogue):
    need = catalogue["regional"]
    content = secretariat_client.get(url(Need, "inspect", need.pk)).content.decode()
    assert "Rehabilitation programmes for returnees" in content
    assert "Kosovo*" in content


@pytest.mark.parametrize("group", [BOARD, SUPPORT_GROUPS["WBCTi"]])
def test_read_only_roles_can_list_but_not_add_or_edit(client, catalogue, group):
    client.force_login(f.UserFactory(groups=[group]))
    assert client.get(url(Need, "list")).status_code == 200
    assert client.get(url(Need, "add")).status_code == 302  # permission denied → redirect
    assert client.get(url(Need, "edit", catalogue["regional"].pk)).status_code == 302


def test_members_see_no_draft_needs_and_no_other_organisations_responses(client, catalogue):
    Need.objects.filter(pk=catalogue["specific"].pk).update(live=False)
    client.force_login(f.UserFactory(groups=[MEMBERS]))
    for view, args in [("list", ()), ("inspect", (catalogue["specific"].pk,))]:
        assert client.get(url(Need, view, *args)).status_code == 302
    assert client.get(url(Need, "list"), {"export": "csv"}).status_code == 302
    # A login that is no organisation's focal point keeps no responses.
    listing = client.get(url(Response, "list"))
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == []


def test_anonymous_users_are_sent_to_login(client, catalogue):
    response = client.get(url(Need, "list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/admin/")


def test_an_approved_need_is_offered_to_read_not_to_change(secretariat_client, catalogue):
    """The listing and the need's page offer no edit or delete on a need the Board approved (its
    title leads to its page); a bulk delete that includes it deletes nothing and says why."""
    approved, other = catalogue["regional"], catalogue["specific"]
    Need.objects.filter(pk=approved.pk).update(status=Need.Status.APPROVED)

    listing = secretariat_client.get(url(Need, "list")).content.decode()
    assert url(Need, "edit", approved.pk) not in listing
    assert url(Need, "delete", approved.pk) not in listing
    assert f'href="{url(Need, "inspect", approved.pk)}"' in listing
    assert url(Need, "edit", other.pk) in listing and url(Need, "delete", other.pk) in listing
    for need, offered in ((approved, False), (other, True)):
        page = secretariat_client.get(url(Need, "inspect", need.pk)).content.decode()
        assert (url(Need, "edit", need.pk) in page) is offered
        assert (url(Need, "delete", need.pk) in page) is offered

    bulk = reverse("wagtail_bulk_action", args=["needs_snippets", "need", "delete"])
    answer = secretariat_client.post(f"{bulk}?id={approved.pk}&id={other.pk}", follow=True)
    assert Need.objects.filter(pk__in=[approved.pk, other.pk]).count() == 2
    assert answer.redirect_chain == [(url(Need, "inspect", approved.pk), 302)]
    assert "it is read-only" in " ".join(str(m) for m in answer.context["messages"])


def test_the_need_form_does_not_offer_the_boards_approval(secretariat_client, catalogue):
    """Only the Board's adoption approves a need: choosing "Approved by the Board" by hand, which
    would lock the need without a vote, is not offered, and a forged post of it is refused."""
    need = catalogue["regional"]
    edit = url(Need, "edit", need.pk)
    form = BeautifulSoup(secretariat_client.get(edit).content, "html.parser")
    offered = [option["value"] for option in form.select("select[name=status] option")]
    assert offered == ["proposed", "validated", "withdrawn"]

    forged = {**opened_form(secretariat_client, edit), "status": "approved"}
    answer = secretariat_client.post(edit, forged)
    assert answer.status_code == 200 and "Select a valid choice" in answer.content.decode()
    assert Need.objects.get(pk=need.pk).status == Need.Status.PROPOSED


def test_an_approved_need_with_an_earlier_draft_is_not_offered_for_editing(
    secretariat_client, catalogue
):
    """The edit view reads the need's latest revision: a draft saved before the adoption says
    "proposed", the stored need "approved", and the stored need decides."""
    need = catalogue["regional"]
    need.title = "Drafted before the adoption"
    need.save_revision()
    Need.objects.filter(pk=need.pk).update(status=Need.Status.APPROVED)

    answer = secretariat_client.get(url(Need, "edit", need.pk))
    assert answer.status_code == 302 and answer["Location"] == url(Need, "inspect", need.pk)


def test_no_admin_page_links_to_changing_an_approved_need(secretariat_client, catalogue):
    """History, usage, revision comparison and workflow history link to no edit or revert of a
    need the Board approved, nor does the chooser that picked it or the admin's URL finder."""
    approved, other = catalogue["regional"], catalogue["specific"]
    revisions = {}
    for need in (approved, other):
        revisions[need.pk] = [need.save_revision(log_action=True).pk for _ in range(2)]
    Need.objects.filter(pk=approved.pk).update(status=Need.Status.APPROVED)
    approved.refresh_from_db()
    chosen = reverse(Need.snippet_viewset.chooser_viewset.get_url_name("chosen"), args=[0])
    finder = AdminURLFinder(User.objects.get(username="secretariat-editor"))

    for need, offered in ((approved, False), (other, True)):
        first, last = revisions[need.pk]
        pages = {
            "history": url(Need, "history", need.pk),
            "usage": url(Need, "usage", need.pk),
            "comparison": url(Need, "revisions_compare", need.pk, first, last),
            "workflow history": url(Need, "workflow_history", need.pk),
        }
        for name, page in pages.items():
            html = BeautifulSoup(secretariat_client.get(page).content, "html.parser")
            assert (url(Need, "edit", need.pk) in str(html)) is offered, name
            buttons = [button.get_text(strip=True) for button in html.select(".w-header-button")]
            assert ("Edit" in buttons) is offered, name
        history = secretariat_client.get(pages["history"]).content.decode()
        assert (url(Need, "revisions_revert", need.pk, first) in history) is offered
        picked = secretariat_client.get(chosen.replace("/0/", f"/{need.pk}/")).json()
        assert bool(picked["result"]["edit_url"]) is offered
        assert bool(finder.get_edit_url(need)) is offered
