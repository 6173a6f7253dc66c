"""Fixtures of the public site's tests beyond the site itself (`site_tree`, in tests/conftest.py):
more needs, translations, the Board's adoption, the report's approval workflow and its people."""

from unittest.mock import patch

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, WorkflowState

from iisg_pages.workflow_setup import ensure_report_workflow
from tests.factories import UserFactory, board_seats, bulk_needs


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
