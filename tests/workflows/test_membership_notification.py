"""EU JHA agencies join upon notification to the Board: every seat's holders are notified, in
their languages; vacant or unreachable seats are reported; nothing is recorded when nobody can
be notified."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from needs_snippets.models import Member, MembershipApplication, MembershipBasis
from needs_snippets.models.registries import long_date
from tests.membership import APPLICANT, apply

pytestmark = pytest.mark.django_db


def test_jha_agency_joins_upon_notification_of_every_seat(
    client, deciders, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply(kind="eu_jha_agency", organisation="Eurojust")
    assert application.get_workflow() is None
    url = reverse("membership_jha_notified", args=[application.pk])

    client.force_login(deciders["board"][0])
    assert client.post(url).status_code in (302, 403)  # the admin's "permission denied"
    assert not Member.objects.filter(name="Eurojust").exists() and not mailoutbox

    client.force_login(deciders["secretariat"])
    listing = client.get(reverse(MembershipApplication.snippet_viewset.get_url_name("list")))
    assert url in listing.content.decode()  # the "Notify the Board" button
    confirm = client.get(url).content.decode()
    assert "Send it to the Board" in confirm
    assert "ana.horvat@example.org" in confirm  # what the Board will receive
    assert "board3@example.org" in confirm  # to whom
    assert not mailoutbox and not Member.objects.filter(name="Eurojust").exists()  # GET

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.status_code == 200

    board_mails = [m for m in mailoutbox if m.to != [APPLICANT]]
    assert len(board_mails) == 7  # one per seat, to the seat's holder
    assert sorted(address for m in board_mails for address in m.to) == sorted(
        user.email for user in deciders["board"]
    )
    annex = board_mails[0].body
    for text in (
        "Name of the country/organisation: Eurojust",
        "- WBCTi: Ana Horvat, ana.horvat@example.org, +386 1 000 0001",
        "- WBCSCi: none",
        "- WBBSi: Ivan Petrov, ivan.petrov@example.org, +43 1 000 0002",
        "Name of the signatory: Jean Martin",
        "Function: Director of External Relations",
        "Date of signature: 20 November 2026",
        "The signatory is entitled to sign on behalf of the organisation: yes",
        "does not vote",
    ):
        assert text in annex

    member = Member.objects.get(name="Eurojust")
    assert member.kind == "eu_jha_agency"
    assert member.membership_basis == MembershipBasis.JHA_NOTIFICATION
    assert member.focal_points.count() == 2
    application.refresh_from_db()
    today = timezone.localdate()
    assert application.board_notified_on == today
    assert application.decision_reason.startswith("EU JHA agency: joined upon notification")
    [told] = [m for m in mailoutbox if m.to == [APPLICANT]]
    assert (
        f"The IISG Board was notified of your application on {long_date(today)}; "
        "Eurojust is now an IISG member"
    ) in told.body
    assert "approved" not in (told.subject + told.body).lower()
    entry = ModelLogEntry.objects.get(action="iisg.membership.board_notified")
    assert entry.data["seats"] == 7 and entry.data["vacant_seats"] == []
    assert entry.user == deciders["secretariat"]
    assert "now an IISG member" in response.content.decode()

    # Sent again (a second tab, a double click): nothing more is sent, and the page says why.
    sent = len(mailoutbox)
    again = client.post(reverse("membership_jha_notified", args=[application.pk]), follow=True)
    assert again.status_code == 200 and len(mailoutbox) == sent
    assert (
        f"The Board was already notified of the application of Eurojust on {long_date(today)}"
    ) in again.content.decode()


def test_a_vacant_seat_is_reported_and_the_others_are_notified(
    client, deciders, mailoutbox, django_capture_on_commit_callbacks
):
    serbia = deciders["seats"]["RS"]
    serbia.holders.update(end=timezone.localdate() - timedelta(days=1))  # term ended
    application = apply(kind="eu_jha_agency", organisation="Eurojust")
    client.force_login(deciders["secretariat"])
    url = reverse("membership_jha_notified", args=[application.pk])
    assert "cannot be notified: Serbia" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    content = response.content.decode()
    assert "could not be notified (vacant: Serbia)" in content
    assert len([m for m in mailoutbox if m.to != [APPLICANT]]) == 6
    assert "board5@example.org" not in {a for m in mailoutbox for a in m.to}  # Serbia's holder
    entry = ModelLogEntry.objects.get(action="iisg.membership.board_notified")
    assert entry.data["seats"] == 6
    assert entry.data["vacant_seats"] == ["Serbia"]
    assert Member.objects.filter(name="Eurojust").exists()


def test_nobody_to_notify_records_nothing(deciders, mailoutbox):
    for seat in deciders["seats"].values():
        seat.holders.all().delete()
    application = apply(kind="eu_jha_agency", organisation="Eurojust")
    with pytest.raises(ValidationError, match="No Board seat could be notified"):
        application.notify_board(user=deciders["secretariat"])
    assert not mailoutbox
    assert not Member.objects.filter(name="Eurojust").exists()
    application.refresh_from_db()
    assert application.board_notified_on is None


def test_only_jha_agencies_are_notified(client, deciders):
    application = apply()
    client.force_login(deciders["secretariat"])
    answer = client.post(reverse("membership_jha_notified", args=[application.pk]), follow=True)
    assert "Only an EU JHA agency joins upon notification" in answer.content.decode()
    application.refresh_from_db()
    assert application.board_notified_on is None and application.member is None


def test_each_board_member_is_notified_in_their_language_and_the_applicant_in_theirs(
    deciders, mailoutbox, django_capture_on_commit_callbacks
):
    macedonian = deciders["board"][0]
    UserProfile.objects.update_or_create(user=macedonian, defaults={"preferred_language": "mk"})
    application = apply(kind="eu_jha_agency", organisation="Eurojust", applicant_language="sq")
    with django_capture_on_commit_callbacks(execute=True):
        application.notify_board(user=deciders["secretariat"])
    board_mails = [m for m in mailoutbox if m.to != [APPLICANT]]
    assert len(board_mails) == 7, "still one e-mail per seat: each seat has one holder"
    [to_macedonian] = [m for m in board_mails if m.to == [macedonian.email]]
    assert to_macedonian.extra_headers["Content-Language"] == "mk"
    others = [m for m in board_mails if m is not to_macedonian]
    assert {m.extra_headers["Content-Language"] for m in others} == {"en-gb"}
    [told] = [m for m in mailoutbox if m.to == [APPLICANT]]
    assert told.extra_headers["Content-Language"] == "sq"
