import pytest

from tests.api.client import APIClient, token_for


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
