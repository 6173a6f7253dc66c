"""IATI activity files over the API.

- Members (bearer token): their organisation's file, every response of it
  (`database/members/{id}/iati-activities/`), as in the members area.
- Public: the organisations that publish, and each one's file of the responses it marked
  *may be published* only (`iati/`, `iati/{organisation identifier}/`).
"""

from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import StringConstraints

from ..iati.access import may_export, member_responses, public_responses, publishing_members
from ..iati.activities import ActivityFile, organisation_problems
from ..models import Member
from .common import MEMBERS, PUBLIC, Id, field_error, problems, require_database_reader
from .routes import ReadRoutes

XML = "application/xml"
#: An IATI organisation identifier in a path.
OrganisationIdentifier = Annotated[
    str, StringConstraints(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
]


def xml_content(*statuses):
    """OpenAPI for a route answering an IATI activity file, and the problems `statuses`."""
    return {
        "responses": {
            200: {  # the key ninja uses: a "200" string would be a second, duplicate key
                "description": "An IATI 2.03 activity file.",
                "content": {XML: {"schema": {"type": "string", "format": "binary"}}},
            },
            **problems(*statuses)["responses"],
        }
    }


members_router = Router(tags=["Secure database (members, bearer token)"], auth=MEMBERS)
public_router = Router(tags=["Public: IATI"], auth=PUBLIC)
public_routes = ReadRoutes.public(public_router)


@members_router.get(
    "database/members/{member_id}/iati-activities/",
    response={200: None},
    operation_id="database_member_iati_activities",
    summary="Your organisation's responses as an IATI 2.03 activity file",
    description="Every response of the organisation, restricted ones included, for its own "
    "focal points and the Secretariat. A response that cannot make a valid IATI activity is "
    "left out (the members area's IATI page says why); `X-IATI-Omitted` counts them.",
    openapi_extra=xml_content(400, 401, 403, 404, 422),
)
def member_activities(request, member_id: Id):
    require_database_reader(request)
    member = get_object_or_404(Member, pk=member_id)
    if not may_export(request.user, member):
        raise Http404
    problems_found = organisation_problems(member)
    if problems_found:
        raise field_error(
            ("path", "member_id"),
            " ".join(problems_found) + " State it in the members area's IATI page.",
        )
    return ActivityFile(member, member_responses(member)).http_response()


class PublisherOut(Schema):
    """An organisation whose responses that may be published are in a public IATI file."""

    name: str
    iati_identifier: str
    iati_organisation_type: str
    activities: int = Field(description="How many activities its public file holds at most.")
    url: str = Field(description="Its public IATI activity file.")

    @staticmethod
    def resolve_activities(member):
        return member.public_count

    @staticmethod
    def resolve_url(member, context):
        return context["request"].build_absolute_uri(f"/api/v3/iati/{member.iati_identifier}/")


@public_routes.list(
    "iati/", PublisherOut, "iati_publishers_list", "Organisations with a public IATI activity file"
)
def list_publishers(request):
    return publishing_members()


@public_router.get(
    "iati/{organisation}/",
    response={200: None},
    operation_id="iati_activities",
    summary="An organisation's public responses as an IATI 2.03 activity file",
    description="The responses the organisation marked “may be published”, nothing else.",
    openapi_extra=xml_content(404, 422),
)
def public_activities(request, organisation: OrganisationIdentifier):
    member = get_object_or_404(publishing_members(), iati_identifier=organisation)
    return ActivityFile(member, public_responses(member)).http_response()
