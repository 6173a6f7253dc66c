"""The "Demonstration data" banner: on every public page, in the members area, the admin and
the report PDF while the database holds demo data; nowhere otherwise."""

import html
import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from pypdf import PdfReader

from iisg_pages import demo_banner
from iisg_pages.models import DemoDataRecord, MembersAreaPage
from iisg_pages.pdf import render_report_pdf, report_html
from iisg_pages.report_data import ReportData
from needs_snippets.roles import MEMBERS, SECRETARIAT
from tests.factories import MemberFactory, UserFactory, focal_point

BANNER = re.compile(r'<section class="demo-banner[^"]*" aria-label="Demonstration data"')


@pytest.fixture
def pages(site_tree):
    """A public page, a members' page and an admin page, with a login for each."""
    members_page = site_tree["home"].add_child(
        instance=MembersAreaPage(title="Members area", slug="members")
    )
    members_page.save_revision().publish()
    member = focal_point(MemberFactory(name="Organisation A"), "focal-a", [MEMBERS])
    secretariat = UserFactory(username="secretariat-editor", groups=[SECRETARIAT])
    return {
        **site_tree,
        "urls": {
            "public": (None, site_tree["about"].url),
            "members": (member, members_page.url + "needs/"),
            "admin": (secretariat, "/admin/"),
        },
    }


def banners(pages):
    """Which of the public, members' and admin pages show the banner."""
    shown = {}
    for name, (user, url) in pages["urls"].items():
        client = Client()
        if user:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        shown[name] = bool(BANNER.search(response.content.decode()))
    return shown


def public_page(client, pages):
    return client.get(pages["urls"]["public"][1]).content.decode()


def test_no_banner_without_demo_data(pages):
    assert not DemoDataRecord.objects.exists()
    assert banners(pages) == {
        "public": False,
        "members": False,
        "admin": False,
    }


def test_banner_everywhere_once_demo_data_is_recorded(client, pages):
    assert demo_banner.record_demo_data() is True
    assert demo_banner.record_demo_data() is False  # one record, however often it is loaded
    assert banners(pages) == {
        "public": True,
        "members": True,
        "admin": True,
    }
    page = public_page(client, pages)
    assert str(demo_banner.TEXT) in html.unescape(page)
    # After the skip link, before the header: read first, and no trap for keyboard users.
    assert page.index("skip-link") < page.index("demo-banner") < page.index("site-header")


def test_banner_is_a_labelled_region_that_wraps_on_a_phone(client, pages):
    demo_banner.record_demo_data()
    page = public_page(client, pages)
    [banner] = re.findall(r'<section class="demo-banner.*?</section>', page, re.S)
    assert 'aria-label="Demonstration data"' in banner  # a named region landmark
    assert 'class="demo-banner demo-banner--site"' in banner and "style=" not in banner
    # The site's stylesheet styles it (the site's policy allows no inline styles).
    css = Path(finders.find("css/site.css")).read_text()
    rules = " ".join(re.findall(r"\.demo-banner--site[^{]*\{([^}]*)\}", css))
    assert "background: #fff4c2; color: #1b1f24" in rules  # 15:1 contrast
    # Nothing that keeps it from wrapping at 320 px: no fixed width, height or nowrap.
    assert not re.search(r"(?<![-\w])(width|height|white-space)\s*:", rules)


@pytest.mark.parametrize(
    ("setting", "recorded", "shown"),
    [
        ("auto", False, False),
        ("auto", True, True),
        ("off", True, False),
        ("on", False, True),
        ("ON", False, True),
        (False, True, False),
        (True, False, True),
    ],
)
def test_setting_forces_the_banner_on_or_off(client, pages, settings, setting, recorded, shown):
    settings.IISG_DEMO_BANNER = setting
    if recorded:
        demo_banner.record_demo_data()
    assert bool(BANNER.search(public_page(client, pages))) is shown


def test_an_unknown_setting_says_what_to_set(settings):
    settings.IISG_DEMO_BANNER = "sometimes"
    with pytest.raises(ImproperlyConfigured, match="IISG_DEMO_BANNER is 'sometimes'"):
        demo_banner.banner_shown()


def test_the_database_is_asked_once_per_request(client, pages, django_assert_max_num_queries):
    demo_banner.record_demo_data()
    request = client.get(pages["urls"]["public"][1]).wsgi_request
    with django_assert_max_num_queries(0):
        assert demo_banner.banner_shown(request) is True


def test_report_pdf_says_it_on_the_cover_and_every_page(site_tree):
    report = site_tree["report"]
    data = ReportData(site_tree["cycle"])
    assert "Demonstration data" not in report_html(report, data)

    demo_banner.record_demo_data()
    html = report_html(report, data)
    assert html.count('aria-label="Demonstration data"') == 2  # cover and notes
    pdf_bytes, page_count = render_report_pdf(report, data)
    pdf = PdfReader(io.BytesIO(pdf_bytes))
    for page in pdf.pages:
        assert "Demonstration data: illustrative content" in page.extract_text()
    assert demo_banner.TEXT.split(":")[0] in pdf.pages[0].extract_text().replace("\n", " ")
    assert page_count == len(pdf.pages)
