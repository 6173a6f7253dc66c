import json
from unittest.mock import patch

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Site, WorkflowState

from iisg_pages import models
from iisg_pages.demo_blocks import chapter, key_figure, needs_table
from iisg_pages.workflow_setup import ensure_report_workflow
from tests.factories import (
    AreaFactory,
    AxisFactory,
    MappingCycleFactory,
    NeedFactory,
    PillarFactory,
    UserFactory,
    board_seats,
    bulk_needs,
    wb_partners,
)


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


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
def more_needs(site_tree):
    """A function adding `count` live WBCTi needs of Albania and Kosovo* to the site's cycle,
    coded `prefix`-00000 onwards: `more_needs(450, "B")`."""
    ct = site_tree["pillars"]["WBCTi"]
    axis, area = ct.axes.first(), site_tree["needs"]["returnees"].area
    partners = [site_tree["partners"]["AL"], site_tree["partners"]["XK"]]

    def add(count, prefix):
        return bulk_needs(count, site_tree["cycle"], ct, axis, area, partners, prefix=prefix)

    return add


@pytest.fixture
def translate(db):
    """`translate(page, language, **fields)`: the page's translation into `language`, published
    with `fields` (its parents must be translated already, as an editor would have done)."""

    def make(page, language, **fields):
        translated = page.copy_for_translation(Locale.objects.get(language_code=language))
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        return translated

    return make


@pytest.fixture
def adopt(db):
    """`adopt(report, when=None)`: record that the Board adopted the report, at `when` (now by
    default): an approved state of the report approval workflow, which is found by its stable
    key (made and assigned to the report's index the first time, as the set-up does)."""

    def record(report, when=None):
        workflow = ensure_report_workflow(report.get_parent())
        with patch("django.utils.timezone.now", return_value=when or timezone.now()):
            return WorkflowState.objects.create(
                base_content_type=report.get_base_content_type(),
                object_id=str(report.pk),
                content_type=report.content_type,
                workflow=workflow,
                status=WorkflowState.STATUS_APPROVED,
            )

    return record


def publish(page, django_capture_on_commit_callbacks):
    """Publish the page's latest revision and run what waits for the commit (the PDF)."""
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def approval(site_tree):
    """The report under its approval workflow, and the people in it: two Support Group
    reviewers, seven Board members each holding one of the seven seats."""
    for code in ("WBCTi", "WBCSCi"):
        pillar = site_tree["pillars"][code]
        pillar.support_group = Group.objects.get(name=f"Support Group {code}")
        pillar.save()
    ensure_report_workflow(site_tree["reports"])
    people = {
        "secretariat": UserFactory(username="sec", groups=["Secretariat"]),
        "cti": UserFactory(username="cti", groups=["Support Group WBCTi"]),
        "csci": UserFactory(username="csci", groups=["Support Group WBCSCi"]),
        "board": [UserFactory(username=f"board{i}", groups=["Board"]) for i in range(7)],
        "member": UserFactory(username="member", groups=["Members"]),
    }
    people["seats"] = board_seats(holders=people["board"])
    return site_tree["report"], people


def task_state(report):
    """The task state under way in the report's workflow."""
    return WorkflowState.objects.get(status="in_progress").current_task_state


def act(client, user, report, action, comment=None):
    """`user` takes `action` on the report through Wagtail's workflow action URL."""
    client.force_login(user)
    state = task_state(report)
    url = reverse("wagtailadmin_pages:workflow_action", args=[report.pk, action, state.pk])
    data = {"comment": comment} if comment is not None else {}
    return client.post(url, data)
