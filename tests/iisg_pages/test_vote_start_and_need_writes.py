"""The edition the Board adopts is the database the vote started on: a need cannot change
once the vote has started, by any path, and one published at the very moment the vote starts
is in the frozen edition rather than slipped in after it."""

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from iisg_pages.models import StandardPage
from needs_snippets.locks import BoardDecisionLock, NeedsLockedByTheBoard
from needs_snippets.models import MappingCycle, Need
from needs_snippets.views import StaleRefusingEditView
from tests.admin_forms import opened_form
from tests.connections import started
from tests.markers import postgres_only
from tests.workflow_steps import act_through_admin, need_review, task_state, to_the_board

CODE = "WBCTi-PRE-LEG-01"


def frozen_titles(report):
    """Each need's title in the edition frozen for the vote under way."""
    revision = task_state(report).revision
    revision.refresh_from_db()
    return {row["code"]: row["title"] for row in revision.content["edition_snapshot"]["needs"]}


@pytest.mark.django_db
def test_no_path_publishes_a_need_while_the_board_votes(client, approval):
    report, people = approval
    to_the_board(client, report, people)
    need = Need.objects.get(reference_code=CODE)
    need.title = "Published during the vote"
    revision = need.save_revision(user=people["secretariat"])  # a draft is kept

    with pytest.raises(NeedsLockedByTheBoard, match="The Board is voting"):
        revision.publish(user=people["secretariat"])
    with pytest.raises(NeedsLockedByTheBoard):
        need.save()

    with pytest.raises(NeedsLockedByTheBoard):
        Need.objects.get(pk=need.pk).unpublish()

    assert Need.objects.get(pk=need.pk).title == "CVE strategy renewal"
    assert Need.objects.get(pk=need.pk).live
    assert frozen_titles(report)[CODE] == "CVE strategy renewal"
    assert need.get_latest_revision_as_object().title == "Published during the vote"


@pytest.mark.django_db
def test_a_new_need_may_be_drafted_during_the_vote(client, approval):
    """A new need is no part of the edition under vote: the Secretariat may draft it."""
    report, people = approval
    to_the_board(client, report, people)
    need = Need.objects.get(reference_code=CODE)
    draft = Need(
        cycle=need.cycle, pillar=need.pillar, axis=need.axis, area=need.area, live=False,
        reference_code="WBCTi-PRE-LEG-99", title="Drafted during the vote",
        state_of_play="Unknown yet.", gap="To be told.", action_needed="To be agreed.",
        timeframe=Need.Timeframe.SHORT,
    )  # fmt: skip
    draft.save()
    draft.save_revision(user=people["secretariat"])
    assert Need.objects.filter(reference_code="WBCTi-PRE-LEG-99", live=False).exists()
    assert CODE in frozen_titles(report) and "WBCTi-PRE-LEG-99" not in frozen_titles(report)


@pytest.mark.django_db
def test_an_edit_sent_as_the_vote_starts_is_refused_with_the_reason(client, approval, monkeypatch):
    """The editor's form was valid when the request came in; the vote started before the save:
    nothing is kept, and the editor reads why."""
    report, people = approval
    need = Need.objects.get(reference_code=CODE)
    need.save_revision(user=people["secretariat"])
    client.force_login(people["secretariat"])
    url = reverse(need.snippet_viewset.get_url_name("edit"), args=[need.pk])
    form = {**opened_form(client, url), "title": "Typed before the vote", "action-publish": ""}
    set_up = StaleRefusingEditView.setup

    def vote_starts_after_set_up(view, request, *args, **kwargs):
        set_up(view, request, *args, **kwargs)
        MappingCycle.objects.filter(pk=need.cycle_id).update(board_decision_since=timezone.now())

    monkeypatch.setattr(StaleRefusingEditView, "setup", vote_starts_after_set_up)
    answer = client.post(url, form)

    assert answer.status_code == 200
    assert "The Board is voting on the report of this need" in answer.content.decode()
    need.refresh_from_db()
    assert need.title == "CVE strategy renewal"
    assert need.get_latest_revision_as_object().title == "CVE strategy renewal"


@postgres_only("a need's publication and the vote's start on two connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_need_published_as_the_vote_starts_is_frozen_as_published(client, approval):
    """The last Support Group approves (the Board's vote starts) while a need's publication
    has not yet committed: the vote waits for it, and freezes the need as published."""
    report, people = approval
    report.get_workflow().start(report, people["secretariat"])
    act_through_admin(client, people["cti"], report, "approve")
    published, release = threading.Event(), threading.Event()

    def publish_and_hold():
        with transaction.atomic():
            need = Need.objects.get(reference_code=CODE)
            need.title = "Published as the vote starts"
            need.save_revision(user=people["secretariat"]).publish(user=people["secretariat"])
            published.set()
            release.wait(timeout=30)

    writer = started(publish_and_hold)
    assert published.wait(timeout=30)
    vote = started(act_through_admin, Client(), people["csci"], report, "approve")
    assert vote.waits(3)  # it would have started and frozen by now, but for the publication
    release.set()
    writer.outcome()
    vote.outcome()

    assert task_state(report).task.name == "Board approval by unanimity"
    assert Need.objects.get(reference_code=CODE).title == "Published as the vote starts"
    assert frozen_titles(report)[CODE] == "Published as the vote starts"


@pytest.mark.django_db
def test_a_need_review_approved_during_the_vote_changes_nothing(client, approval):
    """A Support Group approving a need's review publishes it: during the Board's vote that
    is refused, the review stays open and nothing changes; the reviewer reads the reason on
    the need's page (or, from a script, in a 409)."""
    report, people = approval
    workflow = need_review()
    need = Need.objects.get(reference_code=CODE)
    need.title = "Reviewed title"
    need.save_revision(user=people["secretariat"])
    to_the_board(client, report, people)
    workflow.start(need, people["secretariat"])
    state = Need.objects.get(pk=need.pk).current_workflow_task_state
    client.force_login(people["cti"])

    decision = reverse("workflows:decision", args=[state.pk])
    answer = client.post(decision, {"action": "approve", "comment": ""}, follow=True)

    inspect = reverse(need.snippet_viewset.get_url_name("inspect"), args=[need.pk])
    assert answer.redirect_chain == [(inspect, 302)]
    reason = BoardDecisionLock(need).get_message(None)
    assert [str(m) for m in answer.context["messages"]] == [reason]
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    assert Need.objects.get(pk=need.pk).title == "CVE strategy renewal"
    action = reverse(
        need.snippet_viewset.get_url_name("workflow_action"), args=[need.pk, "approve", state.pk]
    )
    script = client.post(action, headers={"x-requested-with": "XMLHttpRequest"})
    assert script.status_code == 409 and script.json()["error_message"] == reason


def publish_scheduled():
    """What the periodic job said of its run."""
    output = io.StringIO()
    call_command("periodic", "--once", "--force", "--job", "publish_scheduled", stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_a_need_scheduled_to_go_live_during_the_vote_waits_and_the_rest_goes_live(
    client, approval, site_tree, django_capture_on_commit_callbacks
):
    """A need due to change or to expire while the Board votes keeps its schedule as it was
    set, for the first run after the vote; a page due meanwhile goes live. The Board then
    adopts the needs as they are: both scheduled changes are dropped."""
    report, people = approval
    need, expiring = Need.objects.filter(cycle=report.cycle).order_by("pk")[:2]
    need.title = "Scheduled to change"
    due = timezone.now() - timedelta(minutes=1)
    scheduled = need.save_revision(user=people["secretariat"], approved_go_live_at=due)
    Need.objects.filter(pk=expiring.pk).update(expire_at=due)
    to_the_board(client, report, people)
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    about.title = "About the IISG, as scheduled"
    page_revision = about.save_revision()
    Revision.objects.filter(pk=page_revision.pk).update(approved_go_live_at=due)

    said = publish_scheduled()

    assert "publish_scheduled: succeeded" in said
    assert "1 published, 0 expired, 2 held by the Board's vote" in said
    assert StandardPage.objects.get(pk=about.pk).title == "About the IISG, as scheduled"
    assert Need.objects.get(pk=need.pk).title != "Scheduled to change"
    assert Need.objects.get(pk=expiring.pk).live
    assert Revision.objects.get(pk=scheduled.pk).approved_go_live_at == due

    with django_capture_on_commit_callbacks(execute=True):
        for seat in people["board"]:
            act_through_admin(client, seat, report, "approve")
    assert Revision.objects.get(pk=scheduled.pk).approved_go_live_at is None
    assert Need.objects.get(pk=expiring.pk).expire_at is None
    assert "succeeded: 0 published, 0 expired" in publish_scheduled()
    assert Need.objects.get(pk=need.pk).title != "Scheduled to change"
    assert Need.objects.get(pk=expiring.pk).live


@pytest.mark.django_db
def test_no_path_deletes_a_published_need_while_the_board_votes(client, approval):
    """Deleting a need of the edition under vote is neither offered nor done, one by one or in
    bulk; a draft that was never published is no part of the edition and may go."""
    report, people = approval
    to_the_board(client, report, people)
    need = Need.objects.get(reference_code=CODE)
    draft = Need.objects.create(
        cycle=need.cycle, pillar=need.pillar, axis=need.axis, area=need.area, live=False,
        reference_code="WBCTi-PRE-LEG-98", title="Drafted during the vote",
        timeframe=Need.Timeframe.SHORT,
    )  # fmt: skip
    client.force_login(people["secretariat"])
    delete = reverse(need.snippet_viewset.get_url_name("delete"), args=[need.pk])
    listing = client.get(reverse(need.snippet_viewset.get_url_name("list"))).content.decode()
    assert delete not in listing
    inspect = reverse(need.snippet_viewset.get_url_name("inspect"), args=[need.pk])
    assert delete not in client.get(inspect).content.decode()

    answer = client.post(delete, follow=True)
    assert "The Board is voting on the report of this need" in answer.content.decode()
    bulk = reverse("wagtail_bulk_action", args=["needs_snippets", "need", "delete"])
    answer = client.post(f"{bulk}?id={need.pk}&id={draft.pk}", follow=True)
    assert "The Board is voting on the report of this need" in answer.content.decode()
    assert Need.objects.filter(pk=draft.pk).exists()  # all or nothing
    with pytest.raises(NeedsLockedByTheBoard), transaction.atomic():
        Need.objects.filter(pk=need.pk).delete()
    assert Need.objects.filter(pk=need.pk, live=True).exists()
    assert CODE in frozen_titles(report)

    client.post(reverse(need.snippet_viewset.get_url_name("delete"), args=[draft.pk]))
    assert not Need.objects.filter(pk=draft.pk).exists()
