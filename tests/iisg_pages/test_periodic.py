"""The periodic jobs (`manage.py periodic`): each run recorded, failures contained, the loop
stopped cleanly, the Secretariat told in the admin; and their first job, scheduled publishing,
taking an adopted report online at its go-live date and telling members once."""

import io
import os
import signal
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Revision
from wagtail.signals import page_published
from wagtail.users.models import UserProfile

from iisg_pages.models import PeriodicJobState, ReportPage
from iisg_pages.notifications import PUBLISHED_NOTICE, notify_members_of_publication
from iisg_pages.periodic import (
    HOOK_NAME,
    PeriodicJob,
    get_periodic_jobs,
    new_stop_event,
    run_due_jobs,
    run_forever,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def periodic(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("periodic", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def clock(when):
    """Move the clock of everything that asks django.utils.timezone.now()."""
    return patch("django.utils.timezone.now", return_value=when)


def test_the_product_registers_its_jobs():
    names = [job.name for job in get_periodic_jobs()]
    assert names[:1] == ["publish_scheduled"]
    assert "close_silent_procedures" in names


def test_a_run_is_recorded_and_not_repeated_before_it_is_due():
    output = periodic("--once", "--job", "publish_scheduled")
    assert "publish_scheduled: succeeded" in output
    state = PeriodicJobState.objects.get(name="publish_scheduled")
    assert state.last_outcome == "succeeded" and state.run_count == 1
    assert state.last_started_at <= state.last_finished_at
    assert state.next_run_at == state.last_started_at + timedelta(minutes=1)
    assert state.leased_until is None

    periodic("--once", "--job", "publish_scheduled")
    assert PeriodicJobState.objects.get(name="publish_scheduled").run_count == 1
    periodic("--once", "--force", "--job", "publish_scheduled")
    assert PeriodicJobState.objects.get(name="publish_scheduled").run_count == 2


def test_a_failing_job_is_recorded_and_the_others_still_run():
    ran = []

    def broken():
        raise RuntimeError("the mail server is down")

    jobs = [
        PeriodicJob("broken", broken),
        ("after", lambda: ran.append("after") or "did it"),
    ]
    with hooks.register_temporarily(HOOK_NAME, lambda: jobs):
        output = periodic("--once", "--job", "broken", "--job", "after")
    assert ran == ["after"]
    assert "broken: failed" in output and "the mail server is down" in output
    broken_state = PeriodicJobState.objects.get(name="broken")
    assert broken_state.last_outcome == "failed" and broken_state.failure_count == 1
    assert broken_state.last_error_summary == "RuntimeError: the mail server is down"
    after = PeriodicJobState.objects.get(name="after")
    assert after.last_outcome == "succeeded" and after.last_message == "did it"


def test_a_job_held_by_another_process_is_left_to_it():
    PeriodicJobState.objects.create(
        name="publish_scheduled",
        next_run_at=timezone.now() - timedelta(minutes=5),
        leased_until=timezone.now() + timedelta(minutes=10),
    )
    assert (
        run_due_jobs([job for job in get_periodic_jobs() if job.name == "publish_scheduled"]) == []
    )


def test_the_loop_outlives_a_failed_cycle_and_stops_when_asked():
    stop = new_stop_event()
    cycles = []

    def cycle(jobs=None, stop=None):
        cycles.append(len(cycles))
        if len(cycles) == 1:
            raise ConnectionError("database restarting")
        stop.set()
        return []

    with patch("iisg_pages.periodic.run_due_jobs", side_effect=cycle):
        run_forever(stop, poll_seconds=0)
    assert cycles == [0, 1]


def test_sigterm_ends_the_loop_cleanly_after_the_job_under_way():
    done = []

    def job():
        os.kill(os.getpid(), signal.SIGTERM)
        done.append("finished anyway")

    before = signal.getsignal(signal.SIGTERM)
    with hooks.register_temporarily(HOOK_NAME, lambda: ("terminated", job)):
        output = periodic("--job", "terminated", "--interval", "0.01")
    assert done == ["finished anyway"]
    assert "Periodic jobs stopped." in output
    assert PeriodicJobState.objects.get(name="terminated").last_outcome == "succeeded"
    assert signal.getsignal(signal.SIGTERM) == before


def test_the_secretariat_sees_the_last_runs_on_the_dashboard(secretariat_client):
    dashboard = secretariat_client.get("/admin/").content.decode()
    assert "Periodic jobs" in dashboard and "Never run" in dashboard
    assert "have not run lately" in dashboard

    with hooks.register_temporarily(HOOK_NAME, lambda: ("broken", lambda: 1 / 0)):
        periodic("--once", "--job", "publish_scheduled", "--job", "broken")
        dashboard = secretariat_client.get("/admin/").content.decode()
    assert "publish_scheduled" in dashboard and "Succeeded" in dashboard
    assert "ZeroDivisionError: division by zero" in dashboard

    other = Client()
    other.force_login(UserFactory(username="reviewer", groups=["Support Group WBCTi"]))
    assert "Periodic jobs" not in other.get("/admin/").content.decode()


# Scheduled go-live of an adopted report.


@pytest.fixture
def publication_notices():
    """The members' notice on page_published, wired as iisg_pages.signal_handlers wires it
    (same dispatch_uid: connecting twice is a no-op, and a connection made there stays)."""
    was_connected = page_published.disconnect(sender=ReportPage, dispatch_uid=PUBLISHED_NOTICE)
    page_published.connect(
        notify_members_of_publication, sender=ReportPage, dispatch_uid=PUBLISHED_NOTICE
    )
    yield
    if not was_connected:
        page_published.disconnect(sender=ReportPage, dispatch_uid=PUBLISHED_NOTICE)


def notices(mailoutbox):
    return [mail for mail in mailoutbox if mail.subject.endswith("is published")]


def test_an_adopted_report_goes_live_at_its_go_live_date_and_members_are_told_once(
    client, site_tree, adopt, mailoutbox, publication_notices,
    django_capture_on_commit_callbacks, settings,
):  # fmt: skip
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    members = [UserFactory(username=f"member{i}", groups=["Members"]) for i in range(2)]
    report = site_tree["report"]
    go_live_at = timezone.now() + timedelta(days=3)
    report.go_live_at = go_live_at
    revision = report.save_revision()

    # The Board adopts that revision: the finish action publishes it, which only schedules it.
    with django_capture_on_commit_callbacks(execute=True):
        adopt(report)
        revision.publish()
    report.refresh_from_db()
    assert not report.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live_at
    assert client.get("/reports/report-2021-2022/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        periodic("--once", "--job", "publish_scheduled")
    assert not ReportPage.objects.get(pk=report.pk).live
    assert notices(mailoutbox) == []

    with clock(go_live_at + timedelta(minutes=1)), django_capture_on_commit_callbacks(execute=True):
        periodic("--once", "--job", "publish_scheduled")
    report.refresh_from_db()
    assert report.live and report.live_revision_id == revision.pk
    assert client.get("/reports/report-2021-2022/").status_code == 200
    [notice] = notices(mailoutbox)
    assert sorted(notice.bcc) == sorted(member.email for member in members)
    assert "http://127.0.0.1:8000/reports/report-2021-2022/" in notice.body
    assert "localhost" not in notice.body

    # Later runs, and publishing the same revision again, tell nobody twice.
    with clock(go_live_at + timedelta(minutes=5)), django_capture_on_commit_callbacks(execute=True):
        periodic("--once", "--job", "publish_scheduled")
        revision.publish()
    assert len(notices(mailoutbox)) == 1


def test_a_report_published_without_adoption_is_not_announced(
    site_tree, mailoutbox, publication_notices, django_capture_on_commit_callbacks
):
    UserFactory(username="member", groups=["Members"])
    with django_capture_on_commit_callbacks(execute=True):
        site_tree["report"].get_latest_revision().publish()
    assert notices(mailoutbox) == []


def test_members_are_told_through_the_apps_own_wiring(
    site_tree, adopt, mailoutbox, django_capture_on_commit_callbacks
):
    """No fixture here: iisg_pages.signal_handlers connects the notice to page_published."""
    UserFactory(username="member", groups=["Members"])
    report = site_tree["report"]
    with django_capture_on_commit_callbacks(execute=True):
        adopt(report)
        report.get_latest_revision().publish()
    assert len(notices(mailoutbox)) == 1


def test_a_member_who_turned_publications_off_is_not_told(
    site_tree, adopt, mailoutbox, django_capture_on_commit_callbacks
):
    told = UserFactory(username="told", groups=["Members"])
    quiet = UserFactory(username="quiet", groups=["Members"])
    UserProfile.objects.create(user=quiet, approved_notifications=False)
    report = site_tree["report"]
    with django_capture_on_commit_callbacks(execute=True):
        adopt(report)
        report.get_latest_revision().publish()
    [notice] = notices(mailoutbox)
    assert notice.bcc == [told.email]


def test_an_object_that_fails_to_go_live_holds_up_nothing_else(site_tree, monkeypatch, caplog):
    """Two pages due to go live; one fails (its publication raises): the other goes live, the
    run is recorded failed with what it did, the failure is logged, and the next run tries the
    failing one again and only it."""
    due = timezone.now() - timedelta(minutes=1)
    revisions = {}
    for name in ("about", "news_index"):
        page = site_tree[name].specific
        page.title = f"{page.title}, as scheduled"
        revisions[name] = page.save_revision(approved_go_live_at=due)
    publish = Revision.publish

    def publish_unless_about(revision, *args, **kwargs):
        if revision.pk == revisions["about"].pk:
            raise RuntimeError("the search index is down")
        return publish(revision, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", publish_unless_about)
    said = periodic("--once", "--job", "publish_scheduled")

    assert "publish_scheduled: failed" in said
    assert "1 published, 0 expired, 1 failed (see the log)" in said
    assert Page.objects.get(pk=site_tree["news_index"].pk).title == "News, as scheduled"
    assert Page.objects.get(pk=site_tree["about"].pk).title == "About IISG"
    assert "could not be published" in caplog.text and "the search index is down" in caplog.text
    assert Revision.objects.get(pk=revisions["about"].pk).approved_go_live_at == due

    monkeypatch.setattr(Revision, "publish", publish)
    said = periodic("--once", "--force", "--job", "publish_scheduled")
    assert "publish_scheduled: succeeded: 1 published, 0 expired" in said
    assert Page.objects.get(pk=site_tree["about"].pk).title == "About IISG, as scheduled"
