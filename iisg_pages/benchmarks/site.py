"""What the serving benchmark serves and who reads it: the demo site (load_demo) with
synthetic needs and responses at scale, its public and members' addresses, and a member
signed in with a password and a second factor, with an API token."""

from contextlib import contextmanager
from io import StringIO

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory
from django.test.utils import override_settings
from wagtail.models import Site

from needs_snippets import tokens
from needs_snippets.models import Need, NeedPartner, Response
from needs_snippets.synthetic import SYNTHETIC_EDITION, refresh_statistics, seed_synthetic

from ..accounts import sessions
from ..models import MembersAreaPage, PillarPage, ReportPage

#: The demo's focal point of a member organisation (needs_snippets/demo/registries.py).
MEMBER_LOGIN = "focal-unodc"
#: Names of the public paths that are not pages like the others (the report's goal).
REPORT, PUBLIC_API = "published report", "public API needs"


def synthetic_counts():
    return (
        Need.objects.filter(cycle__edition=SYNTHETIC_EDITION).count(),
        Response.objects.filter(title__startswith="Synthetic action ").count(),
    )


def prepare_content(needs, responses, *, reuse, progress):
    """The demo site and logins (load_demo, which adds only what is missing), and synthetic
    data at the size asked for: kept from an earlier run if `reuse` and the counts match."""
    call_command("load_demo", stdout=StringIO())
    if reuse and synthetic_counts() == (needs, responses):
        progress(f"Reusing the synthetic {needs} needs and {responses} responses.")
    else:
        progress(f"Seeding {needs} synthetic needs and {responses} responses…")
        seed_synthetic(needs, responses, progress=lambda line: progress(f"  {line}"))
    refresh_statistics()


def public_paths():
    """{name: path} of the home page, a pillar page, the latest published report and the
    public API's needs list."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    pillar = PillarPage.objects.live().public().order_by("path").first()
    report = ReportPage.objects.latest_published()
    return {
        "home page": home.url,
        f"pillar page ({pillar.title})": pillar.url,
        REPORT: report.url,
        PUBLIC_API: "/api/v3/needs/",
    }


def change_what_the_analyses_read():
    """Commit a write the analyses read: a synthetic need's partner link rewritten as it was.
    The analysis generation changes, so the next analysis is computed afresh."""
    link = NeedPartner.objects.filter(need__cycle__edition=SYNTHETIC_EDITION).order_by("pk")[:1]
    NeedPartner.objects.filter(pk__in=link.values("pk")).update(location=F("location"))


def members_paths():
    """{name: path} of the members' pages the bench times."""
    area = MembersAreaPage.objects.live().get()
    base = area.url
    return {
        "dashboard": base,
        "needs, page 1": base + area.reverse_subpage("needs"),
        "gaps": base + area.reverse_subpage("gaps"),
        "overlaps": base + area.reverse_subpage("overlaps"),
        "coverage": base + area.reverse_subpage("coverage"),
    }


def member_session(user):
    """A session of `user` signed in with a password and then a TOTP code, as the sign-in
    records it. Returns its key."""
    request = RequestFactory().get("/login/")
    request.session, request.user = SessionStore(), AnonymousUser()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    record_authentication(request, user, "password")
    record_authentication(request, user, "mfa", type="totp")
    sessions.start(request.session)
    request.session.save()
    return request.session.session_key


@contextmanager
def signed_in_member(secret_key):
    """Yield (login, session cookie header, Authorization header) of the demo member, for
    servers whose SECRET_KEY is `secret_key` (it signs the session and digests the token);
    the session and the token end with the block."""
    user = get_user_model().objects.get(username=MEMBER_LOGIN)
    with override_settings(SECRET_KEY=secret_key):
        session_key = member_session(user)
        token, plaintext = tokens.issue(user, "serving benchmark")
    try:
        yield (
            MEMBER_LOGIN,
            {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"},
            {"Authorization": f"Bearer {plaintext}"},
        )
    finally:
        token.revoke()
        SessionStore(session_key).delete()
