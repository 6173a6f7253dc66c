"""The members area's IATI page: an organisation states its IATI identity, and its focal
points and the Secretariat download its responses as a valid IATI 2.03 activity file."""

import pytest
from lxml import etree
from wagtail.models import ModelLogEntry

from needs_snippets.iati.schema import validate
from needs_snippets.models import Member, Response
from tests.factories import ResponseParticipantFactory

pytestmark = pytest.mark.django_db

IDENTITY = {"iati_identifier": "XI-IATI-ORGA", "iati_organisation_type": "40"}


def state_identity(client, area, member, **fields):
    data = {f"m{member.pk}-{name}": value for name, value in {**IDENTITY, **fields}.items()}
    return client.post(area["page"].url + "iati/", {"member": member.pk, **data})


def titles(content):
    return {a.findtext("title/narrative") for a in etree.fromstring(content).iter("iati-activity")}


def test_a_focal_point_states_the_identity_then_downloads_a_valid_file(client, area):
    org_a = area["org_a"]
    for response in (area["a_open"], area["a_restricted"]):
        ResponseParticipantFactory(response=response, member=org_a, role=1)
    client.force_login(area["users"]["member_a"])
    page = client.get(area["page"].url + "iati/").content.decode()
    assert "Organisation A has no IATI organisation identifier." in page
    assert "Organisation B" not in page  # another organisation's file is not offered

    saved = state_identity(client, area, org_a)
    assert saved.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.iati_identifier, org_a.iati_organisation_type) == ("XI-IATI-ORGA", "40")
    entry = ModelLogEntry.objects.get(object_id=str(org_a.pk), action="wagtail.edit")
    assert entry.user == area["users"]["member_a"]

    page = client.get(area["page"].url + "iati/").content.decode()
    assert "Download the IATI activity file" in page
    download = client.get(area["page"].url + f"iati/{org_a.pk}/activities/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/xml; charset=utf-8"
    assert download["Content-Disposition"].startswith('attachment; filename="iisg-iati-orga-')
    validate(etree.fromstring(download.content))
    # The organisation's own file: its restricted response too, nobody else's.
    assert titles(download.content) == {"Alpha open training", "Alpha restricted operation"}


def test_responses_that_cannot_be_activities_are_named_with_what_to_add(client, area):
    Member.objects.filter(pk=area["org_a"].pk).update(**IDENTITY)
    ResponseParticipantFactory(response=area["a_open"], member=area["org_a"], role=1)
    client.force_login(area["users"]["member_a"])
    page = client.get(area["page"].url + "iati/").content.decode()
    assert "Alpha restricted operation</a>: It names no participating organisation" in page
    download = client.get(area["page"].url + f"iati/{area['org_a'].pk}/activities/")
    assert titles(download.content) == {"Alpha open training"}
    assert download["X-IATI-Omitted"] == "1"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"iati_identifier": "ORGA-1"}, "registered the organisation"),
        ({"iati_organisation_type": "99"}, "Select a valid choice"),
        ({"iati_identifier": ""}, "This field is required"),
    ],
)
def test_a_wrong_identity_is_refused_with_what_to_fix_and_nothing_saved(
    client, area, fields, message
):
    client.force_login(area["users"]["member_a"])
    refused = state_identity(client, area, area["org_a"], **fields)
    assert refused.status_code == 400
    assert message in refused.content.decode()
    area["org_a"].refresh_from_db()
    assert area["org_a"].iati_identifier == "" and area["org_a"].iati_organisation_type == ""


@pytest.mark.parametrize("role", ["member_b", "reviewer", "board"])
def test_nobody_else_downloads_an_organisations_file_or_states_its_identity(client, area, role):
    Member.objects.filter(pk=area["org_a"].pk).update(**IDENTITY)
    client.force_login(area["users"][role])
    assert client.get(area["page"].url + f"iati/{area['org_a'].pk}/activities/").status_code == 404
    changed = state_identity(client, area, area["org_a"], iati_identifier="XI-IATI-OTHER")
    assert changed.status_code == 404
    assert Member.objects.get(pk=area["org_a"].pk).iati_identifier == "XI-IATI-ORGA"


def test_the_secretariat_downloads_and_states_any_organisations(client, area):
    client.force_login(area["users"]["secretariat"])
    assert state_identity(client, area, area["org_b"]).status_code == 302
    ResponseParticipantFactory(response=area["b_restricted"], member=area["org_b"], role=2)
    download = client.get(area["page"].url + f"iati/{area['org_b'].pk}/activities/")
    assert titles(download.content) == {"Bravo restricted operation"}


def test_a_file_asked_before_the_identity_is_stated_leads_back_to_the_page(client, area):
    client.force_login(area["users"]["member_a"])
    asked = client.get(area["page"].url + f"iati/{area['org_a'].pk}/activities/")
    assert asked.status_code == 302 and asked["Location"].endswith("/iati/")


@pytest.mark.parametrize("member", ["", "abc", "²", "0", "99999999999999999999", "-1"])
def test_a_malformed_organisation_in_a_post_is_not_found(client, area, member):
    client.force_login(area["users"]["member_a"])
    assert client.post(area["page"].url + "iati/", {"member": member}).status_code == 404


def test_the_page_names_the_code_lists_and_their_source(client, area):
    client.force_login(area["users"]["member_a"])
    page = client.get(area["page"].url + "iati/").content.decode()
    assert "https://github.com/IATI/IATI-Codelists-NonEmbedded/blob/" in page
    assert Response.objects.count() == 4  # the page changed nothing


def test_an_identifier_another_organisation_has_is_refused(client, area):
    Member.objects.filter(pk=area["org_b"].pk).update(iati_identifier="XI-IATI-ORGA")
    client.force_login(area["users"]["member_a"])
    refused = state_identity(client, area, area["org_a"])
    assert refused.status_code == 400
    assert "Another member organisation has this IATI identifier" in refused.content.decode()
    assert Member.objects.get(pk=area["org_a"].pk).iati_identifier == ""
