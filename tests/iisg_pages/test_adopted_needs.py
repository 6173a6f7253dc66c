"""A need the Board adopted stays as adopted: a review still open on it ends with the
adoption, a change scheduled on it is dropped, and no path publishes a revision on it or
unpublishes it afterwards, whether it began before the adoption or at the same moment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from iisg_pages.scheduled_publishing import publish_due
from needs_snippets.locks import ApprovedNeedIsReadOnly, BoardLockRefusalMiddleware
from needs_snippets.models import Need
from tests.factories import UserFactory
from tests.markers import postgres_only
from tests.workflow_steps import (
    act_through_admin,
    adoption_holding_the_cycle,
    need_review,
    to_the_board,
)

CODE = "WBCTi-PRE-LEG-01"


def adopt(client, report, people, capture):
    """Every Board seat approves the report under vote; what the adoption leaves for after
    its commit runs."""
    with capture(execute=True):
        for seat in people["board"]:
            act_through_admin(client, seat, report, "approve")


@pytest.mark.django_db
def test_a_need_review_open_at_the_adoption_is_cancelled(
    client, approval, django_capture_on_commit_callbacks
):
    """A review begun before the adoption, on a revision the Board did not adopt, ends with
    the adoption."""
    report, people = approval
    need = Need.objects.get(reference_code=CODE)
    need.title = "Under review before the adoption"
    need.save_revision(user=people["secretariat"])
    need_review().start(need, people["secretariat"])
    review = Need.objects.get(pk=need.pk).current_workflow_state
    to_the_board(client, report, people)
    adopt(client, report, people, django_capture_on_commit_callbacks)

    review.refresh_from_db()
    assert review.status == review.STATUS_CANCELLED
    adopted = Need.objects.get(pk=need.pk)
    assert (adopted.status, adopted.title) == (Need.Status.APPROVED, "CVE strategy renewal")
    assert adopted.current_workflow_state is None


@pytest.mark.django_db
def test_no_revision_is_published_on_an_approved_need_nor_is_it_unpublished(
    client, approval, rf, django_capture_on_commit_callbacks
):
    """Neither a revision saved before the adoption, nor the adopted revision published
    again (its status is the one before the approval), nor an unpublication changes the
    need; the admin says why."""
    report, people = approval
    need = Need.objects.get(reference_code=CODE)
    adopted_revision = need.save_revision(user=people["secretariat"])
    adopted_revision.publish(user=people["secretariat"])
    need.title = "Edited before the vote"
    earlier = need.save_revision(user=people["secretariat"])
    to_the_board(client, report, people)
    adopt(client, report, people, django_capture_on_commit_callbacks)
    adopted = Need.objects.get(pk=need.pk)
    assert adopted.live_revision_id == adopted_revision.pk

    for write in (earlier.publish, adopted_revision.publish, adopted.unpublish):
        with pytest.raises(ApprovedNeedIsReadOnly) as refused:
            write(user=people["secretariat"])
    now = Need.objects.get(pk=need.pk)
    assert (now.status, now.title, now.live) == (Need.Status.APPROVED, adopted.title, True)

    script = rf.post("/admin/", headers={"x-requested-with": "XMLHttpRequest"})
    answer = BoardLockRefusalMiddleware(lambda r: None).process_exception(script, refused.value)
    assert answer.status_code == 409 and "it is read-only" in answer.content.decode()
    client.force_login(UserFactory(username="admin", is_superuser=True))
    unpublish = reverse(Need.snippet_viewset.get_url_name("unpublish"), args=[need.pk])
    answer = client.post(unpublish, follow=True)
    inspect = reverse(Need.snippet_viewset.get_url_name("inspect"), args=[need.pk])
    assert answer.redirect_chain == [(inspect, 302)]
    assert [str(m) for m in answer.context["messages"]] == [str(refused.value)]
    assert Need.objects.get(pk=need.pk).live


@postgres_only("the adoption and a scheduled publication on two connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_scheduled_publication_as_the_board_adopts_neither_deadlocks_nor_publishes(
    site_tree, monkeypatch
):
    """The adoption holds the cycle while a need's scheduled revision is being published (it
    has taken the need's revisions and waits for the cycle): the adoption completes, the
    publication is refused and its schedule dropped."""
    need = Need.objects.get(reference_code=CODE)
    need.title = "Scheduled to change"
    scheduled = need.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    cycle = need.cycle
    cycle.enter_board_approval()
    need_ids = list(cycle.needs.values_list("pk", flat=True))
    board = adoption_holding_the_cycle(monkeypatch, cycle, need_ids)
    said = publish_due()

    assert board.outcome() > 0  # no deadlock: the adoption went through
    assert said == "0 published, 0 expired, 1 dropped (needs the Board approved as they were)"
    adopted = Need.objects.get(pk=need.pk)
    assert adopted.status == Need.Status.APPROVED and adopted.title != "Scheduled to change"
    assert Revision.objects.get(pk=scheduled.pk).approved_go_live_at is None
