"""Concurrent changes to one response all survive: each PATCH applies only its fields, under a
row lock, to the response as it is then; a stale `If-Match` is refused with 412; two requests
taking the same IATI identifier at once: one wins, the other is told (409), never a 500."""

import json
import threading
import urllib.request

import pytest
from wagtail.models import Revision

from needs_snippets import tokens
from tests.markers import postgres_only


def patch(url, token, body, if_match=None, method="PATCH"):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if if_match:
        headers["If-Match"] = if_match
    request = urllib.request.Request(  # noqa: S310 (the test's own live server)
        url, data=json.dumps(body).encode(), headers=headers, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
            return answer.status, json.loads(answer.read()), answer.headers.get("ETag")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), None


@postgres_only()
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_patches_lose_nothing(live_server, world, settings):
    settings.IISG_API_RATE_PER_ADDRESS = "1000/d"
    response = world["a_open"]
    token = tokens.issue(world["users"]["member_a"], "load")[1]
    url = f"{live_server.url}/api/v3/database/responses/{response.pk}/"
    bodies = [{"title": f"Title {n}"} for n in range(10)]
    bodies += [{"description": f"Description {n}"} for n in range(10)]
    answers = [None] * len(bodies)

    def send(index):
        answers[index] = patch(url, token, bodies[index])

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for status, _body, _etag in answers] == [200] * 20
    for body, (_status, answer, _etag) in zip(bodies, answers, strict=True):
        [(field, value)] = body.items()
        assert answer[field] == value  # each saw its own change
    # Each PATCH's revision changed its own field and kept the other as the one before it.
    revisions = Revision.objects.filter(object_id=str(response.pk)).order_by("created_at", "pk")
    contents = [(r.content["title"], r.content["description"]) for r in revisions]
    contents = contents[-20:]
    for before, after in zip(contents, contents[1:], strict=False):
        assert before[0] == after[0] or before[1] == after[1], (before, after)
    response.refresh_from_db()
    assert response.title.startswith("Title ") and response.description.startswith("Description ")


@postgres_only()
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_responses_taking_one_iati_identifier_at_once_one_wins(live_server, world, settings):
    settings.IISG_API_RATE_PER_ADDRESS = "1000/d"
    token = tokens.issue(world["users"]["member_a"], "load")[1]
    url = f"{live_server.url}/api/v3/database/responses/"
    body = {
        "reporting_member": world["org_a"].pk, "title": "Race", "description": "Twice.",
        "pillar": world["need"].pillar.code, "iati_identifier": "XI-IATI-ORGA-RACE",
    }  # fmt: skip
    answers = [None] * 8

    def send(index):
        answers[index] = patch(url, token, body, method="POST")

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(answers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _body, _etag in answers)
    assert statuses.count(201) == 1 and set(statuses) <= {201, 409, 422}, statuses
    conflicts = [answer for status, answer, _etag in answers if status == 409]
    assert all("same IATI identifier at the same moment" in a["detail"] for a in conflicts)
    kept = world["org_a"].reported_responses.filter(iati_identifier="XI-IATI-ORGA-RACE")
    assert kept.count() == 1


@pytest.mark.django_db
def test_a_caller_who_may_not_change_a_response_learns_that_first(client, world):
    token = tokens.issue(world["users"]["member_b"], "test")[1]
    refused = client.patch(
        f"/api/v3/database/responses/{world['a_open'].pk}/", {"title": "Theirs"},
        content_type="application/json", HTTP_IF_MATCH='"stale"',
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert refused.status_code == 403


@pytest.mark.django_db
def test_a_stale_if_match_is_refused_with_412(client, world):
    token = tokens.issue(world["users"]["member_a"], "test")[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = f"/api/v3/database/responses/{world['a_open'].pk}/"
    etag = client.get(url, **headers)["ETag"]
    assert etag.startswith('"response-')
    changed = client.patch(
        url, {"title": "First"}, content_type="application/json", HTTP_IF_MATCH=etag, **headers
    )
    assert changed.status_code == 200 and changed["ETag"] != etag
    stale = client.patch(
        url, {"title": "Second"}, content_type="application/json", HTTP_IF_MATCH=etag, **headers
    )
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    assert "changed since you read it" in stale.json()["detail"]
    assert client.get(url, **headers).json()["title"] == "First"


@pytest.mark.django_db
def test_the_openapi_document_describes_etag_and_412(client):
    document = client.get("/api/v3/openapi.json").json()
    operation = document["paths"]["/api/v3/database/responses/{response_id}/"]["patch"]
    assert "412" in operation["responses"] and "If-Match" in operation["description"]
