"""A beneficiary partner's focal points confirm or dispute the responses claiming to answer its
needs; the reporting member is told and answers. Only the partner's focal points decide."""

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from needs_snippets.models import ResponseConfirmation, ResponseLogEntry
from needs_snippets.roles import MEMBERS
from tests.factories import focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def albania(area):
    """The members area, and a focal point of Albania in the members' group."""
    return {**area, "focal_al": focal_point(area["partners"]["AL"], "focal-al", [MEMBERS])}


def decide(client, world, response, partner="AL", **data):
    return client.post(
        world["page"].url + f"needs/{world['need'].pk}/confirm/",
        {"response": response.pk, "partner": world["partners"][partner].pk, **data},
    )


def test_a_partners_focal_point_confirms_and_the_reporting_member_is_told(
    client, albania, django_capture_on_commit_callbacks
):
    client.force_login(albania["focal_al"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = decide(client, albania, albania["a_open"], verdict="confirmed")
    assert done.status_code == 302 and done["Location"].endswith("#coverage")
    decision = ResponseConfirmation.objects.get()
    assert (decision.response, decision.partner, decision.verdict) == (
        albania["a_open"], albania["partners"]["AL"], "confirmed",
    )  # fmt: skip
    entry = ResponseLogEntry.objects.get(action="iisg.response.confirmed")
    assert entry.user == albania["focal_al"] and entry.data["partner"] == "AL"
    (message,) = mail.outbox
    assert message.bcc == [albania["users"]["member_a"].email]
    assert "Albania confirmed that “Alpha open training” answers its need" in message.body
    page = client.get(albania["page"].url + f"needs/{albania['need'].pk}/").content.decode()
    assert "Claimed by 2, confirmed by 1" in page and "Confirmed by Albania" in page


def test_a_dispute_needs_its_reason_and_the_reporting_member_answers(
    client, albania, django_capture_on_commit_callbacks
):
    client.force_login(albania["focal_al"])
    refused = decide(client, albania, albania["a_open"], verdict="disputed", reason="  ")
    assert refused.status_code == 302 and not ResponseConfirmation.objects.exists()
    page = client.get(refused["Location"]).content.decode()
    assert "the reason is required" in page
    decide(client, albania, albania["a_open"], verdict="disputed", reason="Trains Serbia only.")
    decision = ResponseConfirmation.objects.get()
    assert decision.verdict == "disputed" and decision.reason == "Trains Serbia only."

    client.force_login(albania["users"]["member_a"])
    response_page = albania["page"].url + f"responses/{albania['a_open'].pk}/"
    assert "Trains Serbia only." in client.get(response_page).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            response_page + "answer/",
            {"confirmation": decision.pk, "reply": "The 2023 courses include Albania."},
        )
    decision.refresh_from_db()
    assert decision.reply == "The 2023 courses include Albania."
    # Albania's focal points: the one who disputed, and the one on the Board.
    assert set(mail.outbox[0].bcc) == {albania["focal_al"].email, "board-al@example.org"}
    assert ResponseLogEntry.objects.filter(action="iisg.response.dispute_answered").exists()


@pytest.mark.parametrize("role", ["member_a", "member_b", "reviewer", "secretariat"])
def test_only_the_beneficiary_partners_focal_points_decide(client, albania, role):
    client.force_login(albania["users"][role])
    assert decide(client, albania, albania["a_open"], verdict="confirmed").status_code == 404
    assert not ResponseConfirmation.objects.exists()


def test_a_partner_decides_for_itself_only_and_on_what_it_may_see(client, albania):
    client.force_login(albania["focal_al"])
    assert decide(client, albania, albania["a_open"], "RS", verdict="confirmed").status_code == 404
    # B's restricted response: Albania's focal point may not see it, so cannot confirm it.
    assert decide(client, albania, albania["b_restricted"], verdict="confirmed").status_code == 404
    assert not ResponseConfirmation.objects.exists()


def test_only_the_reporting_members_focal_points_answer(client, albania):
    client.force_login(albania["focal_al"])
    decide(client, albania, albania["a_open"], verdict="disputed", reason="Not for us.")
    decision = ResponseConfirmation.objects.get()
    for user in (albania["users"]["member_b"], albania["focal_al"]):
        client.force_login(user)
        url = albania["page"].url + f"responses/{albania['a_open'].pk}/answer/"
        assert client.post(url, {"confirmation": decision.pk, "reply": "No."}).status_code == 404
    decision.refresh_from_db()
    assert decision.reply == ""


@pytest.mark.parametrize("value", ["", "abc", "²", "-1", "99999999999999999999"])
def test_malformed_ids_are_not_found(client, albania, value):
    client.force_login(albania["focal_al"])
    url = albania["page"].url + f"needs/{albania['need'].pk}/confirm/"
    answer = client.post(url, {"response": value, "partner": value, "verdict": "confirmed"})
    assert answer.status_code == 404


def test_deciding_again_replaces_the_decision(client, albania):
    client.force_login(albania["focal_al"])
    decide(client, albania, albania["a_open"], verdict="disputed", reason="Not yet started.")
    decide(client, albania, albania["a_open"], verdict="confirmed")
    decision = ResponseConfirmation.objects.get()
    assert decision.verdict == "confirmed" and decision.reason == ""
    actions = ResponseLogEntry.objects.order_by("timestamp", "pk").values_list("action", flat=True)
    assert [a for a in actions if a.startswith("iisg.response.")] == [
        "iisg.response.disputed", "iisg.response.confirmed",
    ]  # fmt: skip


def test_a_reason_with_a_nul_character_is_refused_not_stored(client, albania):
    client.force_login(albania["focal_al"])
    decided = decide(client, albania, albania["a_open"], verdict="disputed", reason="No\x00way")
    assert "NUL character" in client.get(decided["Location"]).content.decode()
    assert not ResponseConfirmation.objects.exists()


def test_disputes_and_answers_follow_each_persons_e_mail_choices(
    client, albania, django_capture_on_commit_callbacks
):
    """The reporting member turned disputes off (confirmations stay on); the partner's focal
    point turned answers off: each hears only of what they kept."""
    UserProfile.objects.create(user=albania["users"]["member_a"], rejected_notifications=False)
    UserProfile.objects.create(user=albania["focal_al"], updated_comments_notifications=False)
    client.force_login(albania["focal_al"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, albania, albania["a_open"], verdict="disputed", reason="Serbia only.")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, albania, albania["a_open"], verdict="confirmed")
    assert [message.bcc for message in mail.outbox] == [[albania["users"]["member_a"].email]]

    decide(client, albania, albania["a_open"], verdict="disputed", reason="Serbia only.")
    client.force_login(albania["users"]["member_a"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            albania["page"].url + f"responses/{albania['a_open'].pk}/answer/",
            {"confirmation": ResponseConfirmation.objects.get().pk, "reply": "It includes AL."},
        )
    assert [message.bcc for message in mail.outbox] == [["board-al@example.org"]]
