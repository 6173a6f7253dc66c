"""The public form follows the Annex: a focal point per pillar with their own name, e-mail and
telephone, and the signature block (name, function, date, entitled to sign)."""

import pytest
from django.core.cache import cache

from iisg_pages.models import MembershipApplicationPage
from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.models import MembershipApplication
from tests.factories import PillarFactory
from tests.membership import VALID_FORM
from tests.pages import add

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(site_tree):
    cache.clear()
    ensure_membership_workflows()
    PillarFactory(code="WBBSi", name="Western Balkans Border Security Initiative")
    return add(site_tree["about"], MembershipApplicationPage(title="Apply", slug="apply"))


def post(client, form_page, **changes):
    data = {**VALID_FORM, **changes}
    return client.post(form_page.url, {k: v for k, v in data.items() if v is not None})


def test_each_pillar_has_its_fieldset(client, form_page):
    content = client.get(form_page.url).content.decode()
    for code in ("WBCTi", "WBCSCi", "WBBSi"):
        assert f"<legend>{code}: " in content
        slug = code.lower()
        for part in ("name", "email", "phone"):
            assert f'id="id_focal_point_{slug}_{part}"' in content
    assert '<label for="id_focal_point_wbbsi_phone">Telephone of the WBBSi focal point' in content
    assert "Signature" in content and 'id="id_signatory_entitled"' in content


def test_the_application_records_each_focal_point_and_the_signature(client, form_page):
    response = post(
        client,
        form_page,
        focal_point_wbbsi_name="Ivan Petrov",
        focal_point_wbbsi_email="ivan.petrov@example.org",
        focal_point_wbbsi_phone="+43 (1) 000-0002",
    )
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    contacts = application.focal_points.values_list("pillar__code", "name", "email", "phone")
    assert sorted(contacts) == [
        ("WBBSi", "Ivan Petrov", "ivan.petrov@example.org", "+43 (1) 000-0002"),
        ("WBCTi", "Ana Horvat", "ana.horvat@example.org", "+381 11 000 0001"),
    ]
    assert application.applicant_name == "Jean Martin"
    assert application.signatory_function == "Director of External Relations"
    assert application.signatory_entitled is True
    assert str(application.signed_on) == "2026-11-20"
    revision = application.get_latest_revision_as_object()  # what the Board decides on
    assert len(revision.focal_points.all()) == 2
    assert application.current_workflow_task is not None


@pytest.mark.parametrize(
    "changes, messages",
    [
        pytest.param(
            {
                "applicant_name": "",
                "signatory_function": "",
                "signed_on": "",
                "signatory_entitled": None,
            },
            [
                "Give the name of the person who signs the application.",
                "Give the signatory&#x27;s function in the organisation.",
                "Give the date of signature.",
                "Tick this box to confirm that the signatory may sign for the organisation",
                'href="#id_signatory_entitled"',  # the error summary links to the box
            ],
            id="the signature block is required with clear messages",
        ),
        pytest.param(
            {"signed_on": "2999-01-01"},
            ["The date of signature cannot be in the future."],
            id="a signature dated in the future is refused",
        ),
        pytest.param(
            {"focal_point_wbcti_email": "", "focal_point_wbcti_phone": ""},
            [
                "Give the e-mail of the WBCTi focal point too",
                "Give the telephone of the WBCTi focal point too",
                'value="Ana Horvat"',  # the input is kept
            ],
            id="a focal point needs name, e-mail and telephone",
        ),
        pytest.param(
            {"focal_point_wbcti_email": "not-an-address", "focal_point_wbcti_phone": "12"},
            [
                "E-mail of the WBCTi focal point: Enter a valid email address.",
                "Telephone of the WBCTi focal point: Enter a telephone number",
            ],
            id="a focal point's address and telephone are checked",
        ),
        pytest.param(
            {
                "focal_point_wbcti_name": "",
                "focal_point_wbcti_email": "",
                "focal_point_wbcti_phone": "",
            },
            ["Name a focal point in at least one pillar of the Support Group"],
            id="at least one pillar has a focal point",
        ),
    ],
)
def test_an_incomplete_application_is_refused_with_its_messages(
    client, form_page, changes, messages
):
    content = post(client, form_page, **changes).content.decode()
    for message in messages:
        assert message in content
    assert not MembershipApplication.objects.exists()
