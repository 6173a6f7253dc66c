import pytest

from needs_snippets import tokens
from tests.iisg_pages import conftest as site_fixtures

site_tree = site_fixtures.site_tree  # the public site's fixture, reused here


class APIClient:
    """The test client speaking to /api/v3/ as a headless client would: JSON, and a bearer
    token when it has one (never a session)."""

    def __init__(self, client, token=None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path, **params):
        return self.client.get(f"/api/v3/{path}", params, **self.headers)

    def post(self, path, data):
        return self.client.post(
            f"/api/v3/{path}", data, content_type="application/json", **self.headers
        )

    def patch(self, path, data):
        return self.client.patch(
            f"/api/v3/{path}", data, content_type="application/json", **self.headers
        )


def token_for(user, name="test"):
    return tokens.issue(user, name)[1]


@pytest.fixture
def anonymous_api(client):
    return APIClient(client)


@pytest.fixture
def api_as(client, world):
    """`api_as(role)`: an API client with a token of the `world` user in that role."""

    def make(role):
        user = world["users"][role]
        return APIClient(client, token_for(user) if user else None)

    return make


@pytest.fixture
def published_site(site_tree):
    """The site with its report published (its edition frozen; the PDF is not rendered)."""
    site_tree["report"].get_latest_revision().publish()
    site_tree["report"].refresh_from_db()
    return site_tree


def codes(response):
    """Reference codes of a list response's items, in order."""
    assert response.status_code == 200, response.content
    return [item["reference_code"] for item in response.json()["items"]]


def problem(response, status):
    """The problem document of an error response, after checking its status and type."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def error_locations(response):
    return [error.get("loc") for error in problem(response, 422)["errors"]]
