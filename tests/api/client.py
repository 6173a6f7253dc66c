"""The API as a headless client speaks to it: a test client with a bearer token, and what the
tests read in its responses."""

from needs_snippets import tokens


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
