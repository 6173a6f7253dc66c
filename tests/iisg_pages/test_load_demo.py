"""`manage.py load_demo` builds the demo once; running it again changes nothing."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Revision, Site

from iisg_pages.models import HomePage
from needs_snippets.models import Need, Response
from needs_snippets.roles import BOARD, MEMBERS, SECRETARIAT, SUPPORT_GROUPS

pytestmark = pytest.mark.django_db


def counts():
    models = apps.get_app_config("needs_snippets").get_models()
    return {
        **{model.__name__: model.objects.count() for model in models},
        "users": get_user_model().objects.count(),
        "revisions": Revision.objects.count(),
        "home pages": HomePage.objects.count(),
    }


def load(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice_gives_the_same_counts(settings):
    first_output = load(settings)
    first = counts()
    second_output = load(settings)

    assert counts() == first
    assert "Demo content created" in first_output
    assert "nothing changed" in second_output


def test_demo_has_the_content_the_issue_names(settings):
    load(settings)
    assert Need.objects.count() == 60
    assert Need.objects.filter(live=True).count() == 60
    assert 35 <= Response.objects.count() <= 45
    assert Need.objects.regional().exists() and Need.objects.partner_specific().exists()
    assert Need.objects.gaps().count() >= 10
    assert Response.objects.overlaps().exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_prints_one_login_per_role(settings):
    output = load(settings)
    User = get_user_model()
    for group in [SECRETARIAT, *SUPPORT_GROUPS.values(), MEMBERS]:
        assert User.objects.filter(groups__name=group).exists(), group
    assert User.objects.filter(groups__name=BOARD).count() == 7
    for username in ["secretariat", "reviewer-wbcti", "board-xk", "focal-unodc", "focal-osce"]:
        assert username in output
        assert User.objects.get(username=username).check_password("iisg-demo-2026")


def test_focal_points_belong_to_different_organisations(settings):
    load(settings)
    User = get_user_model()
    organisations = {
        User.objects.get(username=name).focal_points.get().member.short_name
        for name in ["focal-unodc", "focal-osce"]
    }
    assert organisations == {"UNODC", "OSCE"}


def test_load_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert Need.objects.count() == 0


def test_home_page_is_served(settings, client):
    load(settings)
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "WBCTi" in content and "Western Balkans Border Security Initiative" in content
