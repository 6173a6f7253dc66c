"""Telling members that an adopted report is published.

Contract: `notify_members_of_publication` is a `page_published` receiver for ReportPage. When
the page is live and adopted by the Board, it e-mails every active member account (in blind
copy, one message per language the members chose) once per published revision, with a link
built from `settings.WAGTAILADMIN_BASE_URL`.
Wagtail sends page_published also when publication is only scheduled (a go-live date still
to come): then nothing is sent; the periodic job that publishes it when due sends it again,
live this time. The notice is recorded as a log entry `PUBLISHED_NOTICE` on the revision,
written in the publishing transaction; the e-mail leaves once that transaction commits.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from cms.letters import OUTCOMES, send_to_people
from needs_snippets.roles import MEMBERS

PUBLISHED_NOTICE = "iisg.report.published_notice"


def public_link(page):
    """The page's address on the site, from WAGTAILADMIN_BASE_URL (never the Site record's
    hostname, which is "localhost" in development)."""
    url_parts = page.get_url_parts()
    path = url_parts[2] if url_parts else page.url_path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def member_recipients():
    """The ids of active member accounts with an e-mail address."""
    return list(
        get_user_model()
        .objects.filter(groups__name=MEMBERS, is_active=True)
        .exclude(email="")
        .values_list("pk", flat=True)
        .distinct()
    )


def notify_members_of_publication(sender, instance, revision=None, **kwargs):
    """page_published receiver: announce a live, adopted report to members, at most once per
    revision."""
    report = instance
    if revision is None or not report.live or not report.is_adopted:
        return
    if PageLogEntry.objects.filter(
        page_id=report.pk, action=PUBLISHED_NOTICE, revision_id=revision.pk
    ).exists():
        return
    recipients = member_recipients()
    log(
        instance=report,
        action=PUBLISHED_NOTICE,
        data={"to": "members", "count": len(recipients)},
        revision=revision,
    )
    transaction.on_commit(lambda: send_publication_notice(report, recipients))


def send_publication_notice(report, recipients):
    """The e-mail itself, in each recipient's language (after commit, so that it can count the
    needs the approval put into the secure database)."""
    if not recipients:
        return
    corrigenda = report.corrigenda()
    approved = report.cycle.needs.filter(status="approved").count()

    def compose():
        placeholders = {"title": report.title, "link": public_link(report)}
        if corrigenda:
            placeholders["date"] = date_format(corrigenda[-1], "DATE_FORMAT")
            subject = gettext("IISG: corrigendum of the %(title)s published") % placeholders
            intro = gettext(
                "The IISG Board has adopted a corrigendum of %(date)s to the %(title)s. The "
                "corrected edition is published at %(link)s"
            )
        else:
            subject = gettext("IISG: %(title)s is published") % placeholders
            intro = gettext("The IISG Board has adopted the %(title)s. It is published at %(link)s")
        body = "\n\n".join(
            [
                intro % placeholders,
                gettext("Its %(count)s needs are in the secure database.") % {"count": approved},
                gettext("IISG Secretariat"),
            ]
        )
        return subject, body

    send_to_people(recipients, compose, OUTCOMES)
