"""Every API error reads as problem+json: unknown routes, missing methods, oversized bodies,
unexpected errors and an unreachable database."""

import json

import pytest
from django.db import OperationalError

from needs_snippets import tokens

pytestmark = pytest.mark.django_db


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status and body["title"]
    return body


def test_an_unknown_route_and_a_missing_method_are_problems(client):
    body = assert_problem(client.get("/api/v3/no-such-route/"), 404)
    assert "/api/v3/openapi.json" in body["detail"]
    assert_problem(client.put("/api/v3/pages/"), 405)
    assert_problem(client.delete("/api/v3/database/needs/"), 405)


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, world, settings):
    settings.IISG_API_MAX_BODY_SIZE = 1024
    token = tokens.issue(world["users"]["member_a"], "test")[1]
    response = client.post(
        "/api/v3/database/responses/",
        "x" * (10 * 1024 * 1024),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    body = assert_problem(response, 413)
    assert "at most 1024" in body["detail"]


def test_an_unreachable_database_is_a_503_and_an_error_a_500(rf):
    from needs_snippets.api.problems import APIProblemsMiddleware

    middleware = APIProblemsMiddleware(lambda request: None)
    request = rf.get("/api/v3/database/needs/")
    response = middleware.process_exception(request, OperationalError("could not connect"))
    assert_problem(response, 503)
    assert response["Retry-After"] == "60"
    assert_problem(middleware.process_exception(request, RuntimeError("a bug")), 500)
    # Outside the API, Django's own error pages answer.
    assert middleware.process_exception(rf.get("/members/"), RuntimeError("a bug")) is None


@pytest.mark.parametrize("body", ['"a title"', "[1, 2]", "42", "null", '{"participations": [1]}'])
def test_a_write_whose_body_is_not_a_json_object_is_refused_and_changes_nothing(
    api_as, world, body
):
    """A string body once renamed the response (Ninja read the string's own `title`), a list
    or a number passed as no change: each is a 422 that says what to send."""
    api, response = api_as("member_a"), world["a_open"]
    path = "/api/v3/database/responses/"
    patch = api.client.patch(f"{path}{response.pk}/", body, "application/json", **api.headers)
    assert "Send a JSON object of the fields" in assert_problem(patch, 422)["errors"][0]["msg"]
    post = api.client.post(path, body, "application/json", **api.headers)
    assert_problem(post, 422)  # null: the body's fields are missing
    response.refresh_from_db()
    assert response.title == "Alpha open training"
