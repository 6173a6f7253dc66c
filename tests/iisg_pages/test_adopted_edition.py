"""An adopted edition of the report is changed only by the Board: nobody unpublishes, deletes,
moves or replaces it through the admin, superusers included; a superuser may unpublish it in
an emergency, with a reason the Board receives."""

import io
from datetime import date, datetime, timedelta
from unittest.mock import patch

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from iisg_pages.adoption import ADOPTED_REFUSAL, COPY_REFUSAL
from iisg_pages.models import ReportPage
from needs_snippets.models import BoardSeat, BoardSeatHolder
from tests.factories import UserFactory
from workflows.outcomes import go_live_warning

pytestmark = pytest.mark.django_db

REFUSAL = str(ADOPTED_REFUSAL)


@pytest.fixture
def adopted(site_tree, adopt):
    """The report, adopted by the Board and published, as the finish action does it."""
    report = site_tree["report"]
    adopt(report)
    report.get_latest_revision().publish()
    report.refresh_from_db()
    assert report.live and report.is_adopted
    return report


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-1")


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def page_url(name, page, *extra):
    return reverse(f"wagtailadmin_pages:{name}", args=[page.pk, *extra])


def assert_refused(response, reason=REFUSAL):
    assert response.status_code == 403
    assert reason in response.content.decode()


def assert_in_place(report, site_tree):
    fresh = ReportPage.objects.get(pk=report.pk)
    assert fresh.live
    assert fresh.get_parent().pk == site_tree["reports"].pk
    assert fresh.url_path == report.url_path


def test_adopted_means_the_board_approved_a_revision(site_tree, adopt, django_assert_num_queries):
    report = site_tree["report"]
    with django_assert_num_queries(1):
        assert not report.is_adopted
    adopt(report)
    assert report.is_adopted
    assert list(ReportPage.objects.adopted()) == [report]


@pytest.mark.parametrize("action", ["unpublish", "delete", "move"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_secretariat_is_refused_with_the_reason(
    secretariat_client, adopted, site_tree, action, method
):
    response = getattr(secretariat_client, method)(page_url(action, adopted))
    assert_refused(response)
    assert_in_place(adopted, site_tree)


@pytest.mark.parametrize("method", ["get", "post"])
def test_moving_it_by_the_confirmation_url_is_refused(admin_client, adopted, site_tree, method):
    url = page_url("move_confirm", adopted, site_tree["home"].pk)
    assert_refused(getattr(admin_client, method)(url))
    assert_in_place(adopted, site_tree)


@pytest.mark.parametrize("action", ["unpublish", "delete", "move"])
def test_a_superuser_is_refused_the_plain_actions(admin_client, adopted, site_tree, action):
    assert_refused(admin_client.post(page_url(action, adopted)))
    assert_in_place(adopted, site_tree)


def test_the_editor_offers_no_unpublish_delete_or_move(secretariat_client, adopted):
    content = secretariat_client.get(page_url("edit", adopted)).content.decode()
    for action in ("unpublish", "delete", "move"):
        assert page_url(action, adopted) not in content
    assert "emergency-unpublish" not in content


def test_deleting_or_moving_the_pages_above_it_is_refused(admin_client, adopted, site_tree):
    reports = site_tree["reports"]
    assert_refused(admin_client.post(page_url("delete", reports)))
    assert_refused(admin_client.post(page_url("move_confirm", reports, site_tree["about"].pk)))
    assert_in_place(adopted, site_tree)
    assert Page.objects.filter(pk=reports.pk).exists()


def test_a_copy_is_a_draft_and_never_replaces_it(secretariat_client, adopted, site_tree):
    form = secretariat_client.get(page_url("copy", adopted))
    assert form.status_code == 200
    assert 'name="publish_copies"' not in form.content.decode()
    assert 'name="alias"' not in form.content.decode()

    data = {
        "new_title": "Copy for the next cycle",
        "new_slug": "report-copy",
        "new_parent_page": site_tree["reports"].pk,
    }
    for option in ("publish_copies", "alias"):
        copying = secretariat_client.post(page_url("copy", adopted), {**data, option: "on"})
        assert_refused(copying, str(COPY_REFUSAL))
    assert not ReportPage.objects.filter(slug="report-copy").exists()

    assert secretariat_client.post(page_url("copy", adopted), data).status_code == 302
    copy = ReportPage.objects.get(slug="report-copy")
    assert not copy.live and not copy.is_adopted

    # Copying the draft back onto the adopted edition's address is refused: it stays as is.
    onto = secretariat_client.post(page_url("copy", copy), {**data, "new_slug": adopted.slug})
    assert onto.status_code == 200
    assert "This slug is already in use" in onto.content.decode()
    assert ReportPage.objects.filter(slug=adopted.slug).count() == 1
    assert_in_place(adopted, site_tree)


def test_bulk_unpublish_and_delete_leave_it_alone(
    admin_client, secretariat_client, adopted, site_tree
):
    for action, done_message in [("unpublish", "unpublished"), ("delete", "deleted")]:
        url = f"/admin/bulk/wagtailcore/page/{action}/?id={adopted.pk}"
        confirm = secretariat_client.get(url)
        assert "You don't have permission to" in confirm.content.decode()
        done = secretariat_client.post(url)
        [message] = [str(m).strip() for m in get_messages(done.wsgi_request)]
        assert message == f"0 pages have been {done_message}"
        assert_in_place(adopted, site_tree)
    # Deleting the index that holds it, in bulk, even as a superuser.
    url = f"/admin/bulk/wagtailcore/page/delete/?id={site_tree['reports'].pk}"
    assert_refused(admin_client.post(url))
    assert_in_place(adopted, site_tree)


def test_an_unadopted_draft_can_still_be_deleted(secretariat_client, site_tree):
    draft = site_tree["report"]
    assert not draft.is_adopted
    assert secretariat_client.get(page_url("move", draft)).status_code == 200
    response = secretariat_client.post(page_url("delete", draft))
    assert response.status_code == 302
    assert not ReportPage.objects.filter(pk=draft.pk).exists()


def test_the_api_writes_no_pages(client, adopted):
    schema = client.get("/api/v3/openapi.json").json()
    page_paths = {path: ops for path, ops in schema["paths"].items() if "/pages" in path}
    assert "/api/v3/pages/{page_id}/" in page_paths
    for path, operations in page_paths.items():
        assert set(operations) <= {"get", "parameters"}, path
    for method in ("delete", "patch", "put", "post"):
        response = getattr(client, method)(f"/api/v3/pages/{adopted.pk}/")
        assert response.status_code in (404, 405)
    assert ReportPage.objects.get(pk=adopted.pk).live


def test_a_report_has_no_expiry_date(secretariat_client, site_tree):
    report = site_tree["report"]
    editor = secretariat_client.get(page_url("edit", report)).content.decode()
    assert 'name="go_live_at"' in editor
    assert 'name="expire_at"' not in editor

    report.expire_at = timezone.now() + timedelta(days=30)
    with pytest.raises(ValidationError, match="cannot have an expiry date"):
        report.full_clean()
    with pytest.raises(ValidationError, match="cannot have an expiry date"):
        report.save_revision()


# Emergency unpublication.


def board_member(username):
    return UserFactory(username=username, groups=["Board"])


def emergency_url(report):
    return reverse("iisg_reports:emergency_unpublish", args=[report.pk])


def test_only_a_superuser_has_the_emergency_path(secretariat_client, adopted, site_tree):
    assert secretariat_client.get(emergency_url(adopted)).status_code == 403
    assert secretariat_client.post(emergency_url(adopted), {"reason": "x"}).status_code == 403
    assert_in_place(adopted, site_tree)


def test_emergency_unpublication_needs_a_reason_and_tells_the_board(
    admin_client, adopted, mailoutbox, django_capture_on_commit_callbacks
):
    board = [board_member("board-al"), board_member("board-rs")]
    editor = admin_client.get(page_url("edit", adopted)).content.decode()
    assert emergency_url(adopted) in editor

    form = admin_client.get(emergency_url(adopted))
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    refused = admin_client.post(emergency_url(adopted), {"reason": "   "})
    assert refused.status_code == 200
    assert ReportPage.objects.get(pk=adopted.pk).live

    reason = "A court order requires the Serbian chapter to be withdrawn today."
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(emergency_url(adopted), {"reason": reason})
    assert response.status_code == 302
    assert not ReportPage.objects.get(pk=adopted.pk).live

    entry = PageLogEntry.objects.get(page=adopted, action="iisg.report.emergency_unpublish")
    assert entry.data["reason"] == reason and entry.user.username == "root"
    [mail] = mailoutbox
    assert sorted(mail.bcc) == sorted(user.email for user in board)
    assert reason in mail.body and adopted.title in mail.subject
    assert "http://localhost/" not in mail.body


def test_with_board_seats_their_holders_are_told(
    admin_client, adopted, site_tree, mailoutbox, django_capture_on_commit_callbacks
):
    holder = board_member("titular-al")
    board_member("former-board-member-not-holding-a-seat")
    seat = BoardSeat.objects.create(member=site_tree["partners"]["AL"])
    BoardSeatHolder.objects.create(seat=seat, user=holder, start=date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(emergency_url(adopted), {"reason": "Emergency."})
    [mail] = mailoutbox
    assert mail.bcc == [holder.email]


# Corrections: corrigenda through the same workflow, and go-live dates.


def test_a_second_adoption_shows_as_a_corrigendum(client, site_tree, adopt):
    report = site_tree["report"]
    adopt(report, when=datetime(2022, 3, 17, 10, tzinfo=timezone.get_current_timezone()))
    report.get_latest_revision().publish()
    assert "Corrigendum" not in client.get(report.url).content.decode()

    report.summary = "The needs of the Western Balkans, corrected."
    revision = report.save_revision()
    adopt(report, when=datetime(2022, 5, 9, 10, tzinfo=timezone.get_current_timezone()))
    revision.publish()
    report.refresh_from_db()
    assert report.corrigenda() == [date(2022, 5, 9)]
    assert "Corrigendum of 9 May 2022" in client.get(report.url).content.decode()


def test_the_approval_is_warned_of_a_go_live_date(secretariat_client, site_tree):
    report = site_tree["report"]
    assert go_live_warning(report.get_latest_revision()) is None
    report.go_live_at = timezone.now() + timedelta(days=10)
    revision = report.save_revision()
    warning = go_live_warning(revision)
    assert "go-live date" in warning and "stays offline until then" in warning
    editor = secretariat_client.get(page_url("edit", report)).content.decode()
    assert "Scheduled go-live" in editor


def test_an_emergency_also_cancels_a_scheduled_go_live(admin_client, adopted, adopt):
    adopted.summary = "Corrected summary."
    adopted.go_live_at = timezone.now() + timedelta(days=2)
    corrigendum = adopted.save_revision()
    adopt(adopted)
    corrigendum.publish()  # scheduled: the adopted edition stays live until then
    assert ReportPage.objects.get(pk=adopted.pk).live

    admin_client.post(emergency_url(adopted), {"reason": "Withdrawn pending a court ruling."})
    with patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=3)):
        call_command("periodic", "--once", "--job", "publish_scheduled", stdout=io.StringIO())
    assert not ReportPage.objects.get(pk=adopted.pk).live
    entry = PageLogEntry.objects.get(page=adopted, action="iisg.report.emergency_unpublish")
    assert entry.data["cancelled_scheduled_publications"] == 1
