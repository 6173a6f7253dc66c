"""Public routes: what anybody may read, without a token."""

import pytest

from iisg_pages.models import MembersAreaPage
from needs_snippets.constants import KOSOVO_FOOTNOTE
from tests.api.client import APIClient, codes, error_locations, problem, token_for
from tests.factories import NeedFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_pillars_with_their_axes(anonymous_api, published_site):
    body = anonymous_api.get("pillars/").json()
    assert body["count"] == 2
    wbcti = next(item for item in body["items"] if item["code"] == "WBCTi")
    assert [axis["name"] for axis in wbcti["axes"]] == ["Prevent", "Respond"]
    assert anonymous_api.get("pillars/WBCTi/").json()["name"] == wbcti["name"]
    assert problem(anonymous_api.get("pillars/NOPE/"), 404)["status"] == 404


def test_partners_name_kosovo_with_its_footnote(anonymous_api, published_site):
    items = anonymous_api.get("partners/").json()["items"]
    assert [p["code"] for p in items] == ["AL", "BA", "XK", "ME", "MK", "RS"]
    kosovo = next(p for p in items if p["code"] == "XK")
    assert kosovo["name"] == "Kosovo*"
    assert kosovo["footnote"] == str(KOSOVO_FOOTNOTE)
    assert all(p["footnote"] is None for p in items if p["code"] != "XK")


def test_reports_appear_once_published_with_their_pdf_link(anonymous_api, site_tree):
    assert anonymous_api.get("reports/").json() == {"count": 0, "items": []}
    assert codes(anonymous_api.get("needs/")) == []
    report = site_tree["report"]
    report.get_latest_revision().publish()

    [item] = anonymous_api.get("reports/").json()["items"]
    assert item["id"] == report.pk
    assert item["pdf_url"] == f"http://testserver{report.url}pdf/"
    assert item["needs_count"] == 4
    assert [c["title"] for c in item["chapters"]] == ["Introduction", "WBCTi", "Regional needs"]
    assert anonymous_api.get(f"reports/{report.pk}/").json() == item


def test_needs_are_the_published_edition(anonymous_api, published_site):
    """A need edited or added after publication shows as published, or not at all."""
    returnees = published_site["needs"]["returnees"]
    returnees.title = "Edited after publication"
    returnees.save_revision().publish()
    NeedFactory(cycle=published_site["cycle"], reference_code="WBCTi-NEW-01", title="Added later")

    response = anonymous_api.get("needs/", ordering="code")
    assert codes(response) == [
        "WBCSCi-PRV-OPE-01", "WBCTi-PRE-LEG-01", "WBCTi-PRE-OPE-01", "WBCTi-RES-OPE-01",
    ]  # fmt: skip
    item = anonymous_api.get(f"needs/{returnees.pk}/").json()
    assert item["title"] == "Returnee rehabilitation"
    assert [p["name"] for p in item["partners"]] == ["Albania", "Kosovo*", "Serbia"]
    assert item["partners"][1]["footnote"] == str(KOSOVO_FOOTNOTE)
    assert item["regional"] is True
    assert item["report"]["id"] == published_site["report"].pk
    assert "is_gap" not in item  # coverage is the secure database's, not the public's


def test_each_partners_own_detail_is_the_published_one(anonymous_api, site_tree):
    from needs_snippets.models import NeedPartner

    returnees = site_tree["needs"]["returnees"]
    NeedPartner.objects.filter(need=returnees, partner__country_code="RS").update(
        status=NeedPartner.Status.MET, state_of_play="A reintegration centre opened."
    )
    site_tree["report"].get_latest_revision().publish()
    NeedPartner.objects.filter(need=returnees).update(status=NeedPartner.Status.WITHDRAWN)

    item = anonymous_api.get(f"needs/{returnees.pk}/").json()
    details = {detail["partner"]: detail for detail in item["partner_details"]}
    assert details["RS"] == {
        "partner": "RS", "status": "met", "status_label": "Met",
        "state_of_play": "A reintegration centre opened.", "location": "", "due": "",
    }  # fmt: skip
    assert details["AL"]["status"] == "identified"  # as adopted, not as changed since


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"pillar": "WBCSCi"}, ["WBCSCi-PRV-OPE-01"]),
        ({"partner": "XK"}, ["WBCTi-PRE-OPE-01"]),
        ({"partner": "BA", "regional": "true"}, ["WBCSCi-PRV-OPE-01"]),
        ({"regional": "false"}, ["WBCTi-PRE-LEG-01", "WBCTi-RES-OPE-01"]),
        ({"area": "legislation"}, ["WBCTi-PRE-LEG-01"]),
        ({"q": "crisis"}, ["WBCTi-RES-OPE-01"]),
        ({"q": "WBCTi-PRE"}, ["WBCTi-PRE-LEG-01", "WBCTi-PRE-OPE-01"]),
    ],
)
def test_need_filters(anonymous_api, published_site, params, expected):
    assert codes(anonymous_api.get("needs/", ordering="code", **params)) == expected


def test_need_filters_by_axis_and_cycle(anonymous_api, published_site):
    respond = published_site["needs"]["crisis"].axis
    assert codes(anonymous_api.get("needs/", axis=respond.pk)) == ["WBCTi-RES-OPE-01"]
    cycle = published_site["cycle"].pk
    assert len(codes(anonymous_api.get("needs/", cycle=cycle))) == 4


def test_needs_in_the_reports_order_by_default(anonymous_api, published_site):
    """Pillar, axis, area, code: the order of the report's tables."""
    assert codes(anonymous_api.get("needs/")) == [
        "WBCTi-PRE-LEG-01", "WBCTi-PRE-OPE-01", "WBCTi-RES-OPE-01", "WBCSCi-PRV-OPE-01",
    ]  # fmt: skip


def test_pagination_counts_every_row_and_pages_them(anonymous_api, published_site):
    first = anonymous_api.get("needs/", ordering="code", limit=3).json()
    second = anonymous_api.get("needs/", ordering="code", limit=3, offset=3).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    assert first["items"][0]["reference_code"] == "WBCSCi-PRV-OPE-01"


def test_errors_say_what_to_fix(anonymous_api, published_site):
    response = anonymous_api.get("needs/", pillar="NOPE")
    [error] = problem(response, 422)["errors"]
    assert error["loc"] == ["query", "pillar"]
    assert "use one of WBCSCi, WBCTi" in error["msg"]
    assert error_locations(anonymous_api.get("needs/", partner="FR")) == [["query", "partner"]]
    assert error_locations(anonymous_api.get("needs/", ordering="nope")) == [["query", "ordering"]]
    assert ["query", "limit"] in error_locations(anonymous_api.get("needs/", limit=0))
    too_many = problem(anonymous_api.get("needs/", limit=101), 400)
    assert too_many["detail"] == "limit cannot be higher than 100"
    assert problem(anonymous_api.get("needs/999999/"), 404)["status"] == 404
    assert problem(anonymous_api.get("reports/0/"), 422)["errors"][0]["loc"][-1] == "report_id"
    assert error_locations(anonymous_api.get("reports/", cycle=999999)) == [["query", "cycle"]]


def test_pages_are_live_and_public_only(anonymous_api, published_site):
    home = published_site["home"]
    members = home.add_child(instance=MembersAreaPage(title="Members area", slug="members"))
    members.save_revision().publish()
    draft = published_site["news"]
    draft.title = "An unpublished headline"
    draft.save_revision()
    titles = [page["title"] for page in anonymous_api.get("pages/", limit=100).json()["items"]]
    assert "Members area" not in titles
    assert "About IISG" in titles and "An unpublished headline" not in titles
    problem(anonymous_api.get(f"pages/{members.pk}/"), 404)
    draft_view = anonymous_api.get(f"pages/{draft.pk}/", version="draft").json()
    assert draft_view["title"] == "WBCTi Support Group in Prishtina"


def test_each_page_type_exposes_its_fields(anonymous_api, published_site):
    news = anonymous_api.get(f"pages/{published_site['news'].pk}/").json()
    assert news["place"] == "Prishtina, Kosovo*"
    assert news["date"] == "2021-03-03"
    assert news["pillar"]["id"] == published_site["pillars"]["WBCTi"].pk
    report = published_site["report"]
    report_page = anonymous_api.get(f"pages/{report.pk}/").json()
    assert report_page["pdf_url"] == f"{report.url}pdf/"
    assert report_page["summary"] == "The needs of the Western Balkans."
    assert [c["value"]["title"] for c in report_page["body"]] == [
        "Introduction", "WBCTi", "Regional needs",
    ]  # fmt: skip
    about = anonymous_api.get(f"pages/{published_site['about'].pk}/").json()
    assert about["introduction"] == "What it is."


def test_the_secure_database_needs_a_token(anonymous_api, published_site):
    for path in ["database/needs/", "database/responses/", "database/coverage/"]:
        assert problem(anonymous_api.get(path), 401)["status"] == 401


def test_other_sites_may_read_the_api_from_a_browser(client, published_site):
    api = client.get("/api/v3/needs/", HTTP_ORIGIN="https://example.org")
    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in api
    page = client.get("/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_openapi_document_describes_every_route(client, published_site):
    spec = client.get("/api/v3/openapi.json").json()
    assert spec["info"]["title"] == "IISG Hub API"
    paths = spec["paths"]
    for path in [
        "/api/v3/pillars/", "/api/v3/partners/", "/api/v3/areas/", "/api/v3/cycles/",
        "/api/v3/reports/", "/api/v3/reports/{report_id}/", "/api/v3/needs/",
        "/api/v3/needs/{need_id}/", "/api/v3/database/needs/", "/api/v3/database/gaps/",
        "/api/v3/database/responses/", "/api/v3/database/responses/{response_id}/",
        "/api/v3/database/overlaps/", "/api/v3/database/coverage/", "/api/v3/pages/",
    ]:  # fmt: skip
        assert path in paths, path
    assert set(paths["/api/v3/database/responses/"]) == {"get", "post"}
    assert set(paths["/api/v3/database/responses/{response_id}/"]) == {"get", "patch"}
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            if method != "get":  # writes: the secure database's responses only
                assert path.startswith("/api/v3/database/responses/"), f"{method} {path}"
    assert not any(path.startswith(("/api/v3/snippets/", "/api/v3/redirects/")) for path in paths)


def test_wagtails_write_routes_are_not_served(client, published_site):
    """Content is written in the admin, where workflows apply; the API reads it."""
    user = UserFactory(username="editor", is_superuser=True)
    api = APIClient(client, token_for(user))
    page = published_site["about"]
    assert api.post("pages/", {"title": "New"}).status_code == 405
    assert api.patch(f"pages/{page.pk}/", {"title": "Changed"}).status_code == 405
    assert (
        client.post(
            f"/api/v3/pages/{page.pk}/actions/unpublish/",
            HTTP_AUTHORIZATION=api.headers["HTTP_AUTHORIZATION"],
        ).status_code
        == 404
    )
    page.refresh_from_db()
    assert page.title == "About IISG" and page.live
