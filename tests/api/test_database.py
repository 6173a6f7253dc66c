"""The secure database over the API: the members area's rules, with a bearer token."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

from needs_snippets.models import (
    Need,
    Response,
    ResponseLogEntry,
)
from needs_snippets.paging import encode_cursor
from tests.access import ROLES
from tests.api.client import APIClient, error_locations, problem, token_for
from tests.factories import (
    NeedFactory,
    ResponseFactory,
    UserFactory,
    bulk_needs,
    bulk_overlapping_responses,
)

pytestmark = pytest.mark.django_db

#: Responses each role reads (the `world` of tests/access.py).
SEES = {
    "member_a": ["Alpha open training", "Alpha restricted operation", "Bravo open equipment"],
    "member_b": ["Alpha open training", "Bravo open equipment", "Bravo restricted operation"],
    "reviewer": ["Alpha open training", "Bravo open equipment"],
    "board": ["Alpha open training", "Bravo open equipment"],
    "secretariat": [
        "Alpha open training", "Alpha restricted operation", "Bravo open equipment",
        "Bravo restricted operation",
    ],
}  # fmt: skip


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


def valid_response(world, **fields):
    return {
        "reporting_member": world["org_a"].pk,
        "title": "Alpha new mentoring",
        "description": "Mentoring of financial investigators.",
        "pillar": "WBCSCi",
        "needs": [world["need"].pk],
        "beneficiaries": ["AL", "RS"],
        "participations": [{"member": world["org_a"].pk, "role": 4}],
        "iati_status": 2,
        "planned_start": "2025-01-01",
        "planned_end": "2026-06-30",
        "budget": "250000.00",
        "currency": "EUR",
        **fields,
    }


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_each_role_reads_the_responses_the_members_area_shows_it(api_as, role):
    assert titles(api_as(role).get("database/responses/")) == SEES[role]


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_a_response_one_may_not_see_does_not_exist(api_as, world, role):
    api = api_as(role)
    for key in ["a_open", "a_restricted", "b_open", "b_restricted"]:
        response = world[key]
        answer = api.get(f"database/responses/{response.pk}/")
        if response.title in SEES[role]:
            assert answer.json()["title"] == response.title
        else:
            problem(answer, 404)


def test_without_a_valid_token_nothing(client, world):
    user = world["users"]["member_a"]
    token = token_for(user)
    assert APIClient(client, token).get("database/needs/").status_code == 200
    altered = token[:-1] + ("y" if token.endswith("x") else "x")  # never the token itself
    for bad in [None, "wagtail_not-a-token", altered]:
        problem(APIClient(client, bad).get("database/needs/"), 401)
    APIToken.objects.filter(user=user).update(revoked_at="2026-01-01T00:00Z")
    problem(APIClient(client, token).get("database/needs/"), 401)
    client.force_login(user)  # a session never stands in for a token
    problem(APIClient(client).get("database/needs/"), 401)


def test_a_user_outside_the_iisg_gets_403(client, world):
    api = APIClient(client, token_for(UserFactory(username="outsider")))
    detail = problem(api.get("database/responses/"), 403)["detail"]
    assert "may not read the secure database" in detail


def test_needs_are_the_published_ones_with_gaps_over_what_one_sees(api_as, world):
    only_b_knows = NeedFactory(
        cycle=world["cycle"], reference_code="WBCSCi-PRV-OPE-03", title="Witness protection",
        pillar=world["pillar"], partners=[world["partners"]["AL"]],
    )  # fmt: skip
    ResponseFactory(
        reporting_member=world["org_b"], title="Bravo restricted witnesses",
        pillar=world["pillar"], needs=[only_b_knows], beneficiaries=[world["partners"]["AL"]],
        sensitivity=Response.Sensitivity.RESTRICTED,
    )  # fmt: skip
    for role, gap in [("member_a", True), ("member_b", False), ("secretariat", False)]:
        api = api_as(role)
        items = {
            item["reference_code"]: item for item in api.get("database/needs/").json()["items"]
        }
        assert set(items) == {"WBCSCi-PRV-OPE-01", "WBCSCi-PRV-OPE-03"}  # never the draft
        assert items["WBCSCi-PRV-OPE-03"]["is_gap"] is gap, role
        gaps = [item["reference_code"] for item in api.get("database/gaps/").json()["items"]]
        assert gaps == (["WBCSCi-PRV-OPE-03"] if gap else [])
        detail = api.get(f"database/needs/{only_b_knows.pk}/").json()
        assert [r["title"] for r in detail["responses"]] == ([] if gap else [
            "Bravo restricted witnesses"
        ])  # fmt: skip
    problem(api_as("secretariat").get(f"database/needs/{world['draft'].pk}/"), 404)


def test_need_filters_and_unknown_codes(api_as, world):
    api = api_as("member_a")
    assert api.get("database/needs/", pillar="WBCSCi", partner="RS").json()["count"] == 1
    assert api.get("database/needs/", partner="ME").json()["count"] == 0
    assert api.get("database/needs/", coverage="gap").json()["count"] == 0
    assert api.get("database/needs/", regional="true").json()["count"] == 0
    assert error_locations(api.get("database/needs/", pillar="WBXXi")) == [["query", "pillar"]]
    assert error_locations(api.get("database/needs/", cycle=999999)) == [["query", "cycle"]]


def test_overlaps_and_coverage_count_only_what_one_sees(api_as, world):
    expected = {"member_a": 3, "board": 2, "secretariat": 4}
    for role, count in expected.items():
        api = api_as(role)
        overlaps = api.get("database/overlaps/").json()
        assert {row["response"]["title"] for row in overlaps["items"]} == set(SEES[role])
        assert {row["partner"]["code"] for row in overlaps["items"]} == {"AL", "RS"}
        coverage = api.get("database/coverage/").json()
        [cell] = [
            c for c in coverage["cells"]
            if (c["partner"], c["pillar"], c["area"]) == ("AL", "WBCSCi", "operational")
        ]  # fmt: skip
        assert (cell["needs"], cell["covered"], cell["gaps"]) == (1, 1, 0)
        assert cell["responses"] == count, role
    kosovo = next(p for p in coverage["partners"] if p["code"] == "XK")
    assert kosovo["name"] == "Kosovo*" and kosovo["footnote"]


def test_response_filters(api_as, world):
    api = api_as("secretariat")
    org_b = world["org_b"].pk
    assert titles(api.get("database/responses/", reporting_member=org_b)) == [
        "Bravo open equipment", "Bravo restricted operation",
    ]  # fmt: skip
    assert titles(api.get("database/responses/", q="restricted")) == [
        "Alpha restricted operation", "Bravo restricted operation",
    ]  # fmt: skip
    assert api.get("database/responses/", partner="RS").json()["count"] == 4
    assert api.get("database/responses/", partner="ME").json()["count"] == 0
    assert api.get("database/responses/", overlapping="true").json()["count"] == 4
    assert error_locations(api.get("database/responses/", iati_status=9)) == [
        ["query", "iati_status"]
    ]


def test_a_member_reports_a_response_for_its_organisation(api_as, world):
    api = api_as("member_a")
    answer = api.post("database/responses/", valid_response(world))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["reporting_member"]["name"] == "Organisation A"
    assert [n["reference_code"] for n in body["needs"]] == ["WBCSCi-PRV-OPE-01"]
    assert [p["code"] for p in body["beneficiaries"]] == ["AL", "RS"]
    assert body["budget"] == "250000.00" and body["can_change"] is True
    response = Response.objects.get(pk=body["id"])
    assert response.revisions.get().user == world["users"]["member_a"]
    entry = ResponseLogEntry.objects.get(object_id=str(response.pk))
    assert (entry.action, entry.user) == ("wagtail.create", world["users"]["member_a"])
    # …and member B now sees it, and counts it in the coverage.
    assert "Alpha new mentoring" in titles(api_as("member_b").get("database/responses/"))


def test_a_member_changes_its_own_response_and_only_the_fields_sent(api_as, world):
    api = api_as("member_a")
    response = world["a_open"]
    before = response.revisions.count()
    answer = api.patch(f"database/responses/{response.pk}/", {"title": "Alpha renamed"})
    assert answer.status_code == 200, answer.content
    response.refresh_from_db()
    assert response.title == "Alpha renamed"
    assert [link.need for link in response.need_links.all()] == [world["need"]]
    assert response.revisions.count() == before + 1
    assert ResponseLogEntry.objects.filter(object_id=str(response.pk), action="wagtail.edit")


def test_a_member_cannot_write_for_another_member(api_as, world):
    api = api_as("member_a")
    detail = problem(
        api.post("database/responses/", valid_response(world, reporting_member=world["org_b"].pk)),
        403,
    )["detail"]
    assert "only for your own organisation: Organisation A" in detail
    b_open, b_restricted = world["b_open"], world["b_restricted"]
    problem(api.patch(f"database/responses/{b_open.pk}/", {"title": "Hijacked"}), 403)
    problem(api.patch(f"database/responses/{b_restricted.pk}/", {"title": "Hijacked"}), 404)
    problem(
        api.patch(
            f"database/responses/{world['a_open'].pk}/", {"reporting_member": world["org_b"].pk}
        ),
        403,
    )
    assert not Response.objects.filter(title="Hijacked").exists()
    assert Response.objects.filter(reporting_member=world["org_a"]).count() == 2
    # Readers who report nothing may not write at all.
    problem(api_as("board").post("database/responses/", valid_response(world)), 403)


@pytest.mark.parametrize(
    "fields, location",
    [
        ({"title": ""}, ["title"]),
        ({"title": "Broken \ud800 text"}, ["title"]),
        ({"description": "Null\u0000byte"}, ["description"]),
        ({"planned_end": "2024-01-01"}, ["planned_end"]),
        ({"pillar": "WBXXi"}, ["pillar"]),
        ({"pillar": "\u0000"}, ["pillar"]),
        ({"beneficiaries": ["AL", "FR"]}, ["beneficiaries", 1]),
        ({"currency": ""}, ["currency"]),
        ({"currency": "EURO"}, ["currency"]),
        ({"participations": [{"member": 999999, "role": 4}]}, ["participations", 0, "member"]),
        ({"reporting_member": 999999}, ["reporting_member"]),
        ({"iati_status": 7}, ["iati_status"]),
        ({"planned_start": "31/01/2025"}, ["planned_start"]),
        ({"needs": [2**70]}, ["needs", 0]),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(api_as, world, fields, location):
    api = api_as("member_a")
    before = Response.objects.count()
    body = valid_response(world, **fields)
    location = ["body", "data", *location]  # where the request body's fields are
    assert location in error_locations(api.post("database/responses/", body))
    assert location in error_locations(api.patch(f"database/responses/{world['a_open'].pk}/", body))
    assert Response.objects.count() == before
    world["a_open"].refresh_from_db()
    assert world["a_open"].title == "Alpha open training"


@pytest.mark.parametrize(
    "fields, location, message",
    [
        ({"iati_status": True}, ["iati_status"], "not true or false"),
        ({"reporting_member": True}, ["reporting_member"], "not true or false"),
        ({"participations": [{"member": True, "role": 4}]}, ["participations", 0, "member"],
         "not true or false"),
        ({"participations": [{"member": 1, "role": True}]}, ["participations", 0, "role"],
         "not true or false"),
        ({"planned_start": 0}, ["planned_start"], "YYYY-MM-DD"),
        ({"actual_end": "1700000000"}, ["actual_end"], "YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_true_or_a_number_is_never_read_as_a_status_an_id_or_a_day(
    api_as, world, fields, location, message
):
    """pydantic alone reads true as 1 and a number as seconds since 1970."""
    answer = api_as("member_a").post("database/responses/", valid_response(world, **fields))
    errors = problem(answer, 422)["errors"]
    assert any(
        error["loc"] == ["body", "data", *location] and message in error["msg"] for error in errors
    ), errors
    dated = api_as("member_a").get("database/responses/", active_on_or_after="0")
    assert problem(dated, 422)["errors"][0]["loc"] == ["query", "active_on_or_after"]


def test_an_unpublished_need_cannot_be_answered(api_as, world):
    answer = api_as("member_a").post(
        "database/responses/", valid_response(world, needs=[world["draft"].pk])
    )
    [error] = problem(answer, 422)["errors"]
    assert error["loc"] == ["body", "data", "needs", 0]
    assert "No published need" in error["msg"]


def grow(world, count, prefix):
    """`count` more published needs, each answered by two organisations' responses at once."""
    need, partner = world["need"], world["partners"]["AL"]
    needs = bulk_needs(
        count, need.cycle, need.pillar, need.axis, need.area, [partner], prefix=prefix
    )
    bulk_overlapping_responses(needs, [world["org_b"], world["org_a"]], partner, title=prefix)


LIST_PATHS = ["database/responses/", "database/needs/", "database/overlaps/"]


def test_lists_run_the_same_queries_at_100_and_1000_needs(api_as, world, settings):
    # A token's last use is stamped at most once per interval: the first request stamps it,
    # and none of the counted ones does, however long growing the data takes.
    settings.WAGTAILAPI_TOKEN_LAST_USED_INTERVAL = 24 * 60 * 60
    api = api_as("secretariat")
    api.get("database/responses/")

    def queries(path, limit=100, **params):
        with CaptureQueriesContext(connection) as captured:
            assert api.get(path, limit=limit, **params).status_code == 200
        return len(captured)

    grow(world, 100, "SMALL")
    small = {path: queries(path) for path in LIST_PATHS}
    deep = queries("database/needs/", limit=20, offset=60)  # with a page after it
    grow(world, 900, "LARGE")
    for path, count in small.items():
        assert queries(path) == count, path
    assert queries("database/needs/", limit=20, offset=900) == deep


def test_errors_in_a_replaced_list_name_the_position_sent(api_as, world):
    """The second participation sent is at fault: the error says 1, whatever the rows before."""
    api = api_as("member_a")
    response = world["a_open"]
    org_a = world["org_a"].pk
    participations = [{"member": org_a, "role": 1}, {"member": org_a, "role": 4}]
    first = api.patch(f"database/responses/{response.pk}/", {"participations": participations})
    assert first.status_code == 200, first.content
    sent = [{"member": org_a, "role": 2}, {"member": 999999, "role": 3}]
    answer = api.patch(f"database/responses/{response.pk}/", {"participations": sent})
    assert error_locations(answer) == [["body", "data", "participations", 1, "member"]]
    assert response.participations.count() == 2


def test_a_need_unpublished_since_it_was_linked_may_stay(api_as, world):
    api = api_as("member_a")
    response = world["a_open"]
    need = world["need"]
    Need.objects.filter(pk=need.pk).update(live=False)
    body = api.get(f"database/responses/{response.pk}/").json()
    kept = [item["id"] for item in body["needs"]]
    answer = api.patch(f"database/responses/{response.pk}/", {"needs": kept, "title": "Kept"})
    assert answer.status_code == 200, answer.content
    assert [n["id"] for n in answer.json()["needs"]] == [need.pk]


def test_a_huge_offset_is_refused_not_a_server_error(api_as, world):
    api = api_as("member_a")
    for path in ["database/responses/", "pillars/", "pages/", "documents/"]:
        for offset in [2**63, "9" * 5000]:
            assert error_locations(api.get(path, offset=offset)) == [["query", "offset"]], path
        assert error_locations(api.get(path, offset="²")) == [["query", "offset"]], path


def test_a_site_with_a_port_that_is_no_number_is_refused(anonymous_api):
    for site in ["localhost:%M", "localhost:²"]:
        response = anonymous_api.get("pages/find/", html_path="/", site=site)
        assert error_locations(response) == [["query", "site"]]


@pytest.mark.parametrize(
    ("path", "ordering"),
    [
        ("database/needs/", "code"),
        ("database/needs/", "partners"),
        ("database/needs/", "updated"),
        ("database/responses/", "member"),
        ("database/responses/", "updated"),
    ],
)
def test_a_list_walked_by_cursor_gives_the_rows_of_the_offset_pages(api_as, world, path, ordering):
    """Ties, nulls (needs never updated) and descending orders alike: each row once, in order."""
    grow(world, 23, "WALK")
    api = api_as("member_a")

    def walk(**params):
        answer = api.get(path, limit=5, ordering=ordering, **params).json()
        return [item["id"] for item in answer["items"]], answer["count"], answer["next"]

    by_offset, offset = [], 0
    while True:
        ids, count, _next = walk(offset=offset)
        if not ids:
            break
        by_offset += ids
        offset += 5
    by_cursor, cursor = [], None
    while True:
        ids, _count, cursor = walk(**({"cursor": cursor} if cursor else {}))
        by_cursor += ids
        if cursor is None:
            break
    assert by_cursor == by_offset
    assert len(by_cursor) == len(set(by_cursor)) == count > 23


def test_a_cursor_that_is_not_the_lists_own_is_refused_with_what_to_do(api_as, world):
    api = api_as("member_a")
    for cursor in ["not-a-cursor!", "WzEsMiwzXQ", "e30"]:
        [error] = problem(api.get("database/needs/", cursor=cursor), 422)["errors"]
        assert error["loc"] == ["query", "cursor"]
        assert "start again without it" in error["msg"]


HUGE = 10**20


@pytest.mark.parametrize(
    ("ordering", "values"),
    [
        ("partners", [{"a": 1}, "a", 1]),
        ("partners", [[], [], []]),
        ("updated", [1e308, "x", 1]),
        ("updated", [HUGE, "x", HUGE]),
        ("updated", [5, "x", 1]),
        ("updated", ["2026-13-45", "x", 1]),
        ("code", ["a", [1]]),
        ("code", ["\x00", 1]),
        ("code", ["a", "x"]),
        ("code", ["a", True]),
    ],
)
def test_a_cursor_holding_values_its_ordering_cannot_hold_is_refused(
    api_as, world, ordering, values
):
    """Each once reached the database and answered 500."""
    response = api_as("member_a").get(
        "database/needs/", ordering=ordering, cursor=encode_cursor(values)
    )
    [error] = problem(response, 422)["errors"]
    assert error["loc"] == ["query", "cursor"]
    assert "start again without it" in error["msg"]


def test_a_cursor_nested_beyond_reason_is_refused(api_as, world):
    cursor = base64.urlsafe_b64encode(b"[" * 1_200).decode()  # under the length limit
    [error] = problem(api_as("member_a").get("database/needs/", cursor=cursor), 422)["errors"]
    assert error["loc"] == ["query", "cursor"]


def test_a_cursor_past_any_key_gives_an_empty_page(api_as, world):
    response = api_as("member_a").get(
        "database/needs/", ordering="code", cursor=encode_cursor(["zzz", HUGE])
    )
    assert response.status_code == 200
    assert response.json()["items"] == []
