"""The API against its own OpenAPI document (schemathesis): generated requests, anonymous
and with a member's token, over every route, never get a server error, and every answer
conforms to the schema. Our own routes also answer only the statuses and content types
they document."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from iisg_pages.demo_blocks import chapter, needs_table
from iisg_pages.models import ReportIndexPage, ReportPage
from needs_snippets.models import Member, Response, ResponseParticipant
from tests.api.client import token_for
from tests.default_site import default_site_home

#: Generated requests per route and per caller: bounded, so the run stays a few minutes.
EXAMPLES_PER_ROUTE = 15
#: Our routes (the rest are Wagtail's own, which document their successes only).
OURS = ("/api/v3/database/", "/api/v3/needs/", "/api/v3/reports/", "/api/v3/pillars/",
        "/api/v3/partners/", "/api/v3/areas/", "/api/v3/cycles/", "/api/v3/iati/")  # fmt: skip


# Loaded from the app itself (no server), once, when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def requests_keep_the_test_transaction():
    """As Django's test client does: requests do not close the test's database connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def contract_data(world):
    """The `world` of tests/access.py, with a site and its published report, so that every
    route answers with rows."""
    home = default_site_home()
    reports = home.add_child(instance=ReportIndexPage(title="Reports", slug="reports"))
    report = ReportPage(
        title="Report", slug="report", cycle=world["cycle"], summary="The needs.",
        body=json.dumps([chapter("Needs", [needs_table("All needs")])]),
    )  # fmt: skip
    for page in (home, reports):
        page.save_revision().publish()
    reports.add_child(instance=report)
    report.save_revision().publish()
    # An organisation with a public IATI file: its routes answer with an activity.
    Member.objects.filter(pk=world["org_a"].pk).update(
        iati_identifier="XI-IATI-ORGA", iati_organisation_type="40"
    )
    Response.objects.filter(pk=world["a_open"].pk).update(sensitivity="public")
    ResponseParticipant.objects.create(response=world["a_open"], member=world["org_a"], role=1)
    return world


def checks_for(case):
    checks = [not_a_server_error, response_schema_conformance]
    if case.operation.path.startswith(OURS):
        checks += [status_code_conformance, content_type_conformance]
    return checks


def call(case, user=None):
    headers = {"Authorization": f"Bearer {token_for(user)}"} if user else {}
    case.call_and_validate(headers=headers, checks=checks_for(case))


BOUNDED = settings(
    max_examples=EXAMPLES_PER_ROUTE,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.parametrize()
@BOUNDED
def test_anonymous_callers_get_the_contract(case, contract_data):
    call(case)


@schema.parametrize()
@BOUNDED
def test_a_members_token_gets_the_contract(case, contract_data):
    call(case, contract_data["users"]["member_a"])
