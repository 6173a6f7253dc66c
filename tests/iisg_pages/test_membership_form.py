"""The public membership application form: a submission becomes an application under way."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import TestCase

from iisg_pages.models import MembershipApplicationPage
from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.models import MembershipApplication
from needs_snippets.roles import SECRETARIAT
from tests.factories import UserFactory
from tests.membership import VALID_FORM, apply
from tests.pages import add

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(site_tree):
    cache.clear()
    ensure_membership_workflows()
    return add(site_tree["about"], MembershipApplicationPage(title="Apply", slug="apply"))


def test_form_renders_with_labels(client, form_page):
    content = client.get(form_page.url).content.decode()
    assert '<label for="id_organisation">' in content
    assert "Send the application" in content


def test_submission_becomes_an_application_under_assessment(client, form_page):
    response = client.post(form_page.url, VALID_FORM)
    assert response.status_code == 302 and response["Location"] == form_page.url + "thanks/"
    application = MembershipApplication.objects.get()
    assert application.organisation == "Council of Europe"
    assert application.current_workflow_task.name.startswith("Secretariat assessment")
    thanks = client.get(response["Location"]).content.decode()
    assert "Application received" in thanks


def test_missing_confirmations_say_what_to_fix_and_keep_the_input(client, form_page):
    data = {**VALID_FORM, "understands_no_sensitive_information": ""}
    content = client.post(form_page.url, data).content.decode()
    assert "Tick this box to apply" in content
    assert 'value="Council of Europe"' in content
    assert not MembershipApplication.objects.exists()


def test_honeypot_filled_by_a_bot_saves_nothing(client, form_page):
    response = client.post(form_page.url, {**VALID_FORM, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not MembershipApplication.objects.exists()


def test_rate_limit_per_address(client, form_page):
    for _ in range(MembershipApplicationPage.RATE_LIMIT):
        client.post(form_page.url, {**VALID_FORM, "organisation": ""})
    response = client.post(form_page.url, VALID_FORM)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600  # the hour's window, counted in the cache
    assert "Too many applications" in response.content.decode()
    assert not MembershipApplication.objects.exists()
    # Another address (through the configured proxy) may still apply.
    response = client.post(form_page.url, VALID_FORM, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_an_application_filed_in_albanian_is_answered_in_albanian(
    client, site_tree, translate, form_page
):
    translate(site_tree["home"], "sq", title="IISG")
    response = client.post(f"/sq{form_page.url}", VALID_FORM)
    assert response.status_code == 302
    assert response["Location"] == f"/sq{form_page.url}thanks/", "the visitor stays in Albanian"
    assert MembershipApplication.objects.get().applicant_language == "sq"


def test_a_name_with_a_line_break_is_refused_and_nothing_is_filed(client, form_page, mailoutbox):
    data = {**VALID_FORM, "organisation": "Council of Europe\r\nBcc: someone@example.org"}
    response = client.post(form_page.url, data)
    assert response.status_code == 200
    assert "Write this on one line, without line breaks" in response.content.decode()
    assert not MembershipApplication.objects.exists() and not mailoutbox


def test_the_secretariats_notice_names_an_application_on_one_line(form_page, mailoutbox):
    """A name given with a line break elsewhere (the admin) is no header injection either."""
    Group.objects.get(name=SECRETARIAT).user_set.add(UserFactory(username="sec"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        apply(organisation="Council\r\nof Europe", contacts={})
    [notice] = mailoutbox
    assert notice.subject == "IISG: your decision on “Council of Europe”"
