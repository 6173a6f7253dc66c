"""Two people editing one entry in the admin: a save from a form opened before the other's
save is refused, naming who changed it and when, and nothing of the later version is lost;
Wagtail's editing sessions tell each that the other is there."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from wagtail.models import ModelLogEntry

from needs_snippets.models import MappingCycle, Need, Pillar
from needs_snippets.models.cycles import Phase
from needs_snippets.roles import SECRETARIAT
from needs_snippets.stale_edits import OPENED_VERSION
from tests.admin_forms import opened_form
from tests.factories import (
    MappingCycleFactory,
    MeasureFactory,
    NeedFactory,
    ObjectiveFactory,
    PillarFactory,
    UserFactory,
    wb_partners,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(client):
    need = NeedFactory(title="Border surveillance equipment", partners=[wb_partners()["AL"]])
    need.save_revision(user=UserFactory(username="author"))
    sara = UserFactory(username="sara", first_name="Sara", last_name="Kola", groups=[SECRETARIAT])
    ana = UserFactory(username="ana", groups=[SECRETARIAT])
    return need, sara, ana


def edit_url(need):
    return reverse(Need.snippet_viewset.get_url_name("edit"), args=[need.pk])


def test_a_save_from_a_form_opened_before_another_save_is_refused(client, two_editors):
    need, sara, ana = two_editors
    url = edit_url(need)
    client.force_login(ana)
    anas_form = opened_form(client, url)
    client.force_login(sara)
    saras_form = opened_form(client, url)
    saras_form["gap"] = "Sara's corrected gap."
    assert client.post(url, saras_form).status_code == 302

    client.force_login(ana)
    anas_form["title"] = "Ana's new title"
    response = client.post(url, anas_form)
    assert response.status_code == 200
    page = response.content.decode()
    saved = ModelLogEntry.objects.for_instance(need).filter(action="wagtail.edit").latest("pk")
    when = formats.date_format(timezone.localtime(saved.timestamp), "DATETIME_FORMAT")
    assert f"Sara Kola changed this need on {when}" in page  # the site's time, not UTC
    assert "since you opened it: your changes were not saved" in page
    latest = Need.objects.get(pk=need.pk).get_latest_revision_as_object()
    assert latest.gap == "Sara's corrected gap." and latest.title == "Border surveillance equipment"

    # Reloaded, Ana's change goes in on top of Sara's.
    fresh = opened_form(client, url)
    fresh["title"] = "Ana's new title"
    assert client.post(url, fresh).status_code == 302
    latest = Need.objects.get(pk=need.pk).get_latest_revision_as_object()
    assert (latest.title, latest.gap) == ("Ana's new title", "Sara's corrected gap.")


def test_editing_sessions_tell_each_editor_the_other_saved(client, two_editors):
    need, sara, ana = two_editors
    loaded = need.latest_revision_id
    ping = reverse(
        "wagtailadmin_editing_sessions:ping", args=["needs_snippets", "need", need.pk, 0]
    )
    client.force_login(sara)
    first = client.post(ping, {"revision_id": loaded, "is_editing": "1"}).json()
    client.force_login(ana)
    anas = client.post(ping, {"revision_id": loaded}).json()
    assert [s["user"] for s in anas["other_sessions"]] == ["Sara Kola"]
    need.refresh_from_db()
    need.title = "Saved by Sara"
    revision = need.save_revision(user=sara)
    client.force_login(sara)
    client.post(first["ping_url"], {"revision_id": revision.pk})
    client.force_login(ana)
    anas = client.post(anas["ping_url"], {"revision_id": loaded}).json()
    assert anas["other_sessions"][0]["revision_id"] == revision.pk
    assert "Sara Kola saved a new version" in anas["html"]
    assert "Proceeding will overwrite the changes made by Sara Kola." in anas["html"]


@pytest.mark.parametrize("factory", [ObjectiveFactory, MeasureFactory], ids=lambda f: f.__name__)
def test_every_snippet_with_revisions_refuses_a_stale_save(client, factory):
    """Not only needs and responses: the catalogue's objectives and measures alike."""
    entry = factory()
    entry.save_revision(user=UserFactory(username="author"))
    sara = UserFactory(username="sara", first_name="Sara", last_name="Kola", groups=[SECRETARIAT])
    ana = UserFactory(username="ana", groups=[SECRETARIAT])
    url = reverse(type(entry).snippet_viewset.get_url_name("edit"), args=[entry.pk])
    client.force_login(ana)
    anas_form = opened_form(client, url)
    client.force_login(sara)
    assert (
        client.post(url, {**opened_form(client, url), "title": "Sara's title"}).status_code == 302
    )

    client.force_login(ana)
    response = client.post(url, {**anas_form, "description": "Ana's description"})
    assert response.status_code == 200
    assert "Sara Kola changed this" in response.content.decode()
    latest = type(entry).objects.get(pk=entry.pk).get_latest_revision_as_object()
    assert latest.title == "Sara's title" and latest.description != "Ana's description"


def test_a_snippet_without_revisions_refuses_a_stale_save_too(client):
    """A pillar has no revisions: its form carries the version it was opened on."""
    pillar = PillarFactory(code="WBCTi", name="Counter-terrorism")
    sara = UserFactory(username="sara", first_name="Sara", last_name="Kola", groups=[SECRETARIAT])
    ana = UserFactory(username="ana", groups=[SECRETARIAT])
    url = reverse(Pillar.snippet_viewset.get_url_name("edit"), args=[pillar.pk])
    client.force_login(ana)
    anas_form = opened_form(client, url)
    client.force_login(sara)
    saras_form = {**opened_form(client, url), "name": "Counter-terrorism initiative"}
    assert client.post(url, saras_form).status_code == 302

    client.force_login(ana)
    response = client.post(url, {**anas_form, "scope": "Ana's scope"})
    assert response.status_code == 200
    assert "Sara Kola changed this pillar on" in response.content.decode()
    pillar.refresh_from_db()
    assert (pillar.name, pillar.scope) == ("Counter-terrorism initiative", "")

    fresh = {**opened_form(client, url), "scope": "Ana's scope"}
    assert client.post(url, fresh).status_code == 302
    pillar.refresh_from_db()
    assert (pillar.name, pillar.scope) == ("Counter-terrorism initiative", "Ana's scope")


def test_a_cycle_form_opened_before_the_board_vote_cannot_undo_it(client):
    """The Board's vote starting on a cycle is a change too: a form opened before it would
    have moved the cycle back to the phase it showed."""
    cycle = MappingCycleFactory(edition="2021–2022")
    sara = UserFactory(username="sara", groups=[SECRETARIAT])
    url = reverse(MappingCycle.snippet_viewset.get_url_name("edit"), args=[cycle.pk])
    client.force_login(sara)
    form = opened_form(client, url)
    cycle.enter_board_approval()

    response = client.post(url, {**form, "edition": "2021–2022 (typed before the vote)"})
    assert response.status_code == 200
    assert "Someone changed this mapping cycle since you opened it" in response.content.decode()
    cycle.refresh_from_db()
    assert (cycle.edition, cycle.current_phase) == ("2021–2022", Phase.APPROVAL)


def test_an_altered_version_field_is_no_server_error(client):
    pillar = PillarFactory(code="WBCTi", name="Counter-terrorism")
    client.force_login(UserFactory(username="sara", groups=[SECRETARIAT]))
    url = reverse(Pillar.snippet_viewset.get_url_name("edit"), args=[pillar.pk])
    for altered in ("2026-13-40T99:99:99 abc", "not a version", "\x00", ""):
        form = {**opened_form(client, url), OPENED_VERSION: altered}
        assert client.post(url, form).status_code in (200, 302), altered
