"""IATI activity files over the API: a member's own file with its token, and the public
files of what organisations marked "may be published"."""

import pytest
from lxml import etree

from needs_snippets.iati.schema import validate
from needs_snippets.models import Member, Response, ResponseParticipant
from tests.access import ROLES
from tests.api.client import problem

pytestmark = pytest.mark.django_db

IDENTITY = {"iati_identifier": "XI-IATI-ORGA", "iati_organisation_type": "40"}


@pytest.fixture
def publishing(world):
    """Organisation A with its IATI identity, each response naming it as funder; its open
    response may be published."""
    Member.objects.filter(pk=world["org_a"].pk).update(**IDENTITY)
    for key in ("a_open", "a_restricted"):
        ResponseParticipant.objects.create(response=world[key], member=world["org_a"], role=1)
    Response.objects.filter(pk=world["a_open"].pk).update(sensitivity="public")
    return world


def titles(answer):
    assert answer.status_code == 200, answer.content
    assert answer["Content-Type"] == "application/xml; charset=utf-8"
    root = etree.fromstring(answer.content)
    validate(root)
    return {a.findtext("title/narrative") for a in root.iter("iati-activity")}


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_only_its_focal_points_and_the_secretariat_get_an_organisations_file(
    api_as, publishing, role
):
    answer = api_as(role).get(f"database/members/{publishing['org_a'].pk}/iati-activities/")
    if role in ("member_a", "secretariat"):
        assert titles(answer) == {"Alpha open training", "Alpha restricted operation"}
    else:
        problem(answer, 404)


def test_without_a_token_no_organisation_file(anonymous_api, publishing):
    problem(anonymous_api.get(f"database/members/{publishing['org_a'].pk}/iati-activities/"), 401)


def test_an_organisation_without_its_identity_gets_a_422_saying_so(api_as, world):
    answer = api_as("member_a").get(f"database/members/{world['org_a'].pk}/iati-activities/")
    (error,) = problem(answer, 422)["errors"]
    assert error["loc"] == ["path", "member_id"]
    assert "no IATI organisation identifier" in error["msg"]


def test_the_public_file_holds_only_what_may_be_published(anonymous_api, publishing):
    listed = anonymous_api.get("iati/").json()
    assert listed["count"] == 1
    (publisher,) = listed["items"]
    assert publisher["iati_identifier"] == "XI-IATI-ORGA" and publisher["activities"] == 1
    assert publisher["url"] == "http://testserver/api/v3/iati/XI-IATI-ORGA/"
    assert titles(anonymous_api.get("iati/XI-IATI-ORGA/")) == {"Alpha open training"}


def test_no_public_file_without_a_response_that_may_be_published(anonymous_api, publishing):
    Response.objects.filter(pk=publishing["a_open"].pk).update(sensitivity="members")
    assert anonymous_api.get("iati/").json()["count"] == 0
    problem(anonymous_api.get("iati/XI-IATI-ORGA/"), 404)
    problem(anonymous_api.get("iati/XI-IATI-NOBODY/"), 404)
