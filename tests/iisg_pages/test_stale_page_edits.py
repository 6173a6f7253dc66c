"""Two people editing one page in the admin: a save from a form opened before the other's
save is refused, naming who saved it and when, and the later version stays."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from iisg_pages.models import StandardPage
from needs_snippets.roles import SECRETARIAT
from tests.admin_forms import opened_form
from tests.factories import UserFactory


def page_form(client, url, **changes):
    """The page's edit form as the editor's browser would send it, with `changes`."""
    return {**opened_form(client, url), **nested_form_data({"body": streamfield([])}), **changes}


def test_a_page_save_from_a_form_opened_before_another_save_is_refused(client, site_tree):
    about = site_tree["about"]
    about.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=[about.pk])
    sara = UserFactory(username="sara", first_name="Sara", last_name="Kola", groups=[SECRETARIAT])
    ana = UserFactory(username="ana", groups=[SECRETARIAT])
    client.force_login(ana)
    anas_form = page_form(client, url)
    client.force_login(sara)
    saras = page_form(client, url, introduction="Sara's introduction.")
    assert client.post(url, saras).status_code == 302

    client.force_login(ana)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[about.pk])
    assert client.post(preview, {**anas_form, "title": "Ana's title"}).json()["is_valid"]
    response = client.post(url, {**anas_form, "title": "Ana's title"})
    assert response.status_code == 200
    assert "Sara Kola changed this standard page on" in response.content.decode()
    latest = StandardPage.objects.get(pk=about.pk).get_latest_revision_as_object()
    assert (latest.title, latest.introduction) == ("About IISG", "Sara's introduction.")

    fresh = page_form(client, url, title="Ana's title")
    assert client.post(url, fresh).status_code == 302
    latest = StandardPage.objects.get(pk=about.pk).get_latest_revision_as_object()
    assert (latest.title, latest.introduction) == ("Ana's title", "Sara's introduction.")
