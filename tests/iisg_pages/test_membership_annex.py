"""The public form follows the Annex: a focal point per pillar with their own name, e-mail and
telephone, and the signature block (name, function, date, entitled to sign)."""

import pytest
from django.core.cache import cache

from iisg_pages.models import MembershipApplicationPage
from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.models import MembershipApplication
from tests.factories import PillarFactory
from tests.iisg_pages.conftest import add
from tests.iisg_pages.test_membership_form import VALID

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(site_tree):
    cache.clear()
    ensure_membership_workflows()
    PillarFactory(code="WBBSi", name="Western Balkans Border Security Initiative")
    return add(site_tree["about"], MembershipApplicationPage(title="Apply", slug="apply"))


def post(client, form_page, **changes):
    data = {**VALID, **changes}
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


def test_the_signature_block_is_required_with_clear_messages(client, form_page):
    content = post(
        client,
        form_page,
        applicant_name="",
        signatory_function="",
        signed_on="",
        signatory_entitled=None,
    ).content.decode()
    assert "Give the name of the person who signs the application." in content
    assert "Give the signatory&#x27;s function in the organisation." in content
    assert "Give the date of signature." in content
    assert "Tick this box to confirm that the signatory may sign for the organisation" in content
    assert 'href="#id_signatory_entitled"' in content  # the error summary links to the box
    assert not MembershipApplication.objects.exists()


def test_a_signature_dated_in_the_future_is_refused(client, form_page):
    content = post(client, form_page, signed_on="2999-01-01").content.decode()
    assert "The date of signature cannot be in the future." in content
    assert not MembershipApplication.objects.exists()


def test_a_focal_point_needs_name_email_and_telephone(client, form_page):
    content = post(
        client, form_page, focal_point_wbcti_email="", focal_point_wbcti_phone=""
    ).content.decode()
    assert "Give the e-mail of the WBCTi focal point too" in content
    assert "Give the telephone of the WBCTi focal point too" in content
    assert 'value="Ana Horvat"' in content  # the input is kept
    assert not MembershipApplication.objects.exists()


def test_a_focal_point_address_and_telephone_are_checked(client, form_page):
    content = post(
        client, form_page, focal_point_wbcti_email="not-an-address", focal_point_wbcti_phone="12"
    ).content.decode()
    assert "E-mail of the WBCTi focal point: Enter a valid email address." in content
    assert "Telephone of the WBCTi focal point: Enter a telephone number" in content
    assert not MembershipApplication.objects.exists()


def test_at_least_one_pillar_has_a_focal_point(client, form_page):
    content = post(
        client,
        form_page,
        focal_point_wbcti_name="",
        focal_point_wbcti_email="",
        focal_point_wbcti_phone="",
    ).content.decode()
    assert "Name a focal point in at least one pillar of the Support Group" in content
    assert not MembershipApplication.objects.exists()
