import json
import time

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from django.conf import settings as site_settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from cms.security import throttling
from iisg_pages import models, page_cache, report_cache
from iisg_pages.demo_blocks import chapter, key_figure, needs_table
from iisg_pages.members.access import private_collection
from needs_snippets import choices
from needs_snippets.roles import SECRETARIAT
from tests.access import world  # noqa: F401 (the permission-matrix fixture, for every test)
from tests.default_site import default_site_home
from tests.editions import two_editions  # noqa: F401 (two editions compared, for every test)
from tests.factories import (
    PASSWORD,
    AreaFactory,
    AxisFactory,
    MappingCycleFactory,
    NeedFactory,
    PillarFactory,
    UserFactory,
    wb_partners,
)
from tests.pages import add


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: limits and used second-factor codes are counted
    there, and would otherwise carry over from one test to the next; so would the pages,
    report articles, limits' reservations and filter choices a process keeps in memory."""
    cache.clear()
    report_cache.memory.clear()
    page_cache.forget_local()
    throttling.reservations.clear()
    choices.forget_local()
    yield
    cache.clear()
    report_cache.memory.clear()
    page_cache.forget_local()
    throttling.reservations.clear()
    choices.forget_local()


@pytest.fixture(autouse=True)
def each_test_starts_in_the_source_language():
    """A request leaves its language active in the thread (Django's LocaleMiddleware does not
    reset it, as each new request sets its own); a test starts where a new worker thread does,
    in the source language, whatever the test before it asked for."""
    translation.activate(site_settings.LANGUAGE_CODE)
    yield
    translation.activate(site_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def emails_go_through_the_designation_rule(settings):
    """Django's test set-up sends e-mail straight to its outbox; send it through the site's
    backend (cms/mail.py), which then hands it to the outbox, as production hands it to SMTP."""
    settings.EMAIL_BACKEND = "cms.mail.DesignationFootnoteBackend"


@pytest.fixture(autouse=True)
def force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a completed sign-in, second factor included, as
    allauth records it in the session. Sign-in itself is tested through the real forms
    (tests/iisg_pages/test_login.py, tests/security/test_second_factor.py)."""
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        session = self.session
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "mfa", "at": time.time(), "type": "totp"}
        ]
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def sign_in(client):
    """`sign_in(username, password=PASSWORD, next_url=None, **extra)`: the test client posts
    the site's one sign-in form (no force_login), and gets its response."""

    def post(username, password=PASSWORD, next_url=None, **extra):
        data = {"login": username, "password": password}
        if next_url is not None:
            data["next"] = next_url
        return client.post("/login/", data, **extra)

    return post


@pytest.fixture
def signed_in(client):
    """`signed_in()`: whether the test client's session now holds a signed-in person."""
    return lambda: "_auth_user_id" in client.session


@pytest.fixture(scope="session")
def local_s3():
    """moto's S3 server on a spare port, for the whole run (tests/object_storage.py)."""
    from tests.object_storage import LocalS3

    server = LocalS3()
    yield server
    server.stop()


@pytest.fixture
def secretariat_client(client, db):
    client.force_login(UserFactory(username="secretariat-editor", groups=[SECRETARIAT]))
    return client


@pytest.fixture
def site_tree(db):
    """A small public site: home, about, a pillar, news, and an unpublished-yet report."""
    p = wb_partners()
    ct = PillarFactory(code="WBCTi", name="Western Balkans Counter-Terrorism Initiative")
    crime = PillarFactory(code="WBCSCi", name="Western Balkans Counter Serious Crime Initiative")
    prevent = AxisFactory(pillar=ct, name="Prevent")
    respond = AxisFactory(pillar=ct, name="Respond")
    legislation, operational = AreaFactory(code="legislation"), AreaFactory(code="operational")
    cycle = MappingCycleFactory()
    needs = {
        "returnees": NeedFactory(
            cycle=cycle, reference_code="WBCTi-PRE-OPE-01", title="Returnee rehabilitation",
            pillar=ct, axis=prevent, area=operational, partners=[p["AL"], p["XK"], p["RS"]],
        ),
        "strategy": NeedFactory(
            cycle=cycle, reference_code="WBCTi-PRE-LEG-01", title="CVE strategy renewal",
            pillar=ct, axis=prevent, area=legislation, partners=[p["ME"]],
        ),
        "crisis": NeedFactory(
            cycle=cycle, reference_code="WBCTi-RES-OPE-01", title="Crisis exercises",
            pillar=ct, axis=respond, area=operational, partners=[p["BA"], p["MK"]],
        ),
        "money": NeedFactory(
            cycle=cycle, reference_code="WBCSCi-PRV-OPE-01", title="Financial investigations",
            pillar=crime, partners=[p["AL"], p["BA"], p["RS"]],
        ),
    }  # fmt: skip
    root = Page.get_first_root_node()
    home = add(root, models.HomePage(title="IISG", slug="iisg", introduction="About the IISG."))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "IISG"},
    )
    about = add(
        home, models.StandardPage(title="About IISG", slug="about", introduction="What it is.")
    )
    pillar_page = add(
        home,
        models.PillarPage(
            title="WBCTi", slug="wbcti", pillar=ct, introduction="Counter-terrorism."
        ),
    )
    news_index = add(home, models.NewsIndexPage(title="News", slug="news"))
    news = add(
        news_index,
        models.NewsPage(
            title="WBCTi Support Group in Prishtina",
            slug="prishtina",
            date="2021-03-03",
            end_date="2021-03-04",
            place="Prishtina, Kosovo*",
            pillar=ct,
            introduction="The first of three pillar meetings.",
        ),
    )
    reports = add(home, models.ReportIndexPage(title="Reports", slug="reports"))
    report = models.ReportPage(
        title="Biennial Needs Mapping Report 2021–2022",
        slug="report-2021-2022",
        live=False,
        cycle=cycle,
        summary="The needs of the Western Balkans.",
        body=json.dumps(
            [
                chapter(
                    "Introduction",
                    [
                        key_figure("needs", "{count} needs in all."),
                        key_figure("regional", "{count} regional needs."),
                    ],
                ),
                chapter(
                    "WBCTi",
                    [
                        key_figure("regional", "{count} regional needs in WBCTi.", ct),
                        needs_table("Needs in WBCTi", ct),
                    ],
                    pillar=ct,
                ),
                chapter("Regional needs", [needs_table("", regional_only=True)]),
            ]
        ),
    )
    reports.add_child(instance=report)
    report.save_revision()
    return {
        "home": home, "about": about, "pillar_page": pillar_page, "news_index": news_index,
        "news": news, "reports": reports, "report": report, "needs": needs, "partners": p,
        "pillars": {"WBCTi": ct, "WBCSCi": crime}, "cycle": cycle,
    }  # fmt: skip


@pytest.fixture
def area(world):  # noqa: F811 (the permission matrix's fixture, imported above)
    """The members area under a home page, and a private document, over the `world`."""
    home = default_site_home()
    page = home.add_child(instance=models.MembersAreaPage(title="Members area", slug="members"))
    page.save_revision().publish()
    Document = get_document_model()
    document = Document(title="Board minutes, March 2022", collection=private_collection())
    document.file.save("board-minutes.txt", ContentFile(b"Minutes of the Board."), save=False)
    document.save()
    return {**world, "page": page, "document": document}


def pytest_collection_modifyitems(items):
    """Refuse a transactional test that does not restore the migrations' data.

    A transactional test empties every table when it ends; after a serialized one, Django does
    not re-create content types and permissions, so a later transactional test that is not
    serialized starts without them (and with stale cached content-type ids).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        options = marker.kwargs if marker else {}
        fixtures = set(getattr(item, "fixturenames", ()))
        transactional = options.get("transaction") or fixtures & {"transactional_db", "live_server"}
        serialized = options.get("serialized_rollback") or (
            "django_db_serialized_rollback" in fixtures
        )
        if transactional and not serialized:
            raise pytest.UsageError(
                f"{item.nodeid} uses the database transactionally: add serialized_rollback=True "
                "to its django_db mark (or request django_db_serialized_rollback)."
            )
