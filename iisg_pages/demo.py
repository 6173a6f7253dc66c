"""Demo public site: home, About IISG, membership, pillars, news and the 2021–2022 report.

Texts (demo_data/site_pages.json, read by demo_content.py) come from the IISG's own documents
(methodology, About IISG, the WBCTi Support Group meeting report, the membership methodology,
the background brief) and state nothing else about real governments or organisations; what is
not in them is marked illustrative (the report's needs, the members' documents in
demo_documents.py, the membership applications in demo_applications.py). Loading
records that the database holds demo data, which puts the "Demonstration data" banner on every
page (iisg_pages.demo_banner). Idempotent: existing pages are left alone.
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import slugify
from wagtail.models import Page, Site

from needs_snippets.models import MappingCycle, Pillar

from .demo_applications import load_membership_applications
from .demo_banner import record_demo_data
from .demo_content import site_pages
from .demo_documents import load_private_documents
from .demo_report import ensure_adopted_report, report_body
from .models import (
    HomePage,
    MembersAreaPage,
    MembershipApplicationPage,
    NewsIndexPage,
    NewsPage,
    PillarPage,
    ReportIndexPage,
    ReportPage,
    StandardPage,
)
from .workflow_setup import (
    ensure_membership_workflows,
    ensure_need_workflow,
    ensure_report_workflow,
)


def add_page(parent, page):
    """Add `page` under `parent` and publish it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child(parent, page_class, slug, build):
    """The child of `parent` with this slug, built and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = build()
    page.slug = slug
    return add_page(parent, page), True


def load_public_site():
    """Build the demo site where it is missing. Returns the number of pages created."""
    # The database now holds demo data: every page, the admin and the PDF say so.
    record_demo_data()
    content = site_pages()
    created = 0
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        home = make_home(content["home"])
        created += 1
    serve_where_the_demo_runs(home)
    pillars = list(Pillar.objects.all())
    sections = {}
    for page_class, slug, build in _section_builders(content, pillars):
        sections[slug], was_created = ensure_child(home, page_class, slug, build)
        created += was_created
    created += _load_section_pages(home, sections, content, pillars)
    load_private_documents()

    ensure_report_workflow(sections["reports"])
    ensure_need_workflow()
    ensure_membership_workflows()
    load_membership_applications()
    cycle = MappingCycle.objects.get(edition="2021–2022", kind=MappingCycle.Kind.NEEDS)
    _report, was_created = ensure_adopted_report(
        sections["reports"],
        lambda: ReportPage(
            **content["report"], cycle=cycle, body=report_body(content["report_body"], pillars)
        ),
    )
    return created + was_created


def _section_builders(content, pillars):
    """(page class, slug, build) of each page under the home page: the standard pages, a page
    per pillar, the news and the reports."""
    builders = [
        (
            StandardPage,
            page["slug"],
            lambda page=page: StandardPage(
                title=page["title"],
                introduction=page["introduction"],
                body=json.dumps(page["body"]),
                show_in_menus=True,
            ),
        )
        for page in content["standard_pages"]
    ]
    for pillar in pillars:
        texts = content["pillars"].get(pillar.code, {"scope": pillar.scope, "support_group": ""})
        builders.append(
            (
                PillarPage,
                slugify(pillar.code),
                lambda p=pillar, t=texts: PillarPage(
                    title=p.code,
                    pillar=p,
                    introduction=t["scope"],
                    support_group=t["support_group"],
                    show_in_menus=True,
                ),
            )
        )
    return [
        *builders,
        (NewsIndexPage, "news", lambda: NewsIndexPage(**content["news_index"], show_in_menus=True)),
        (
            ReportIndexPage,
            "reports",
            lambda: ReportIndexPage(**content["report_index"], show_in_menus=True),
        ),
    ]


def _load_section_pages(home, sections, content, pillars):
    """The application form, the news items and the members' area. Returns how many pages
    were created."""
    _page, created = ensure_child(
        sections["membership"],
        MembershipApplicationPage,
        "apply",
        lambda: MembershipApplicationPage(**content["membership_application"]),
    )
    by_code = {pillar.code: pillar for pillar in pillars}
    for item in content["news"]:
        _page, was_created = ensure_child(
            sections["news"],
            NewsPage,
            slugify(item["title"]),
            lambda i=item: NewsPage(
                title=i["title"],
                date=i["date"],
                end_date=i["end_date"],
                place=i["place"],
                pillar=by_code.get(i["pillar"]),
                introduction=i["introduction"],
                body=json.dumps(i["body"]),
            ),
        )
        created += was_created
    _page, was_created = ensure_child(
        home,
        MembersAreaPage,
        "members",
        lambda: MembersAreaPage(**content["members_area"]),
    )
    return created + was_created


def make_home(content):
    root = Page.get_first_root_node()
    home = HomePage(
        title=content["title"],
        slug="iisg",
        introduction=content["introduction"],
        body=json.dumps(content["body"]),
    )
    add_page(root, home)
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "IISG"
        site.save()
    else:
        hostname, port = demo_address()
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="IISG"
        )
    # Wagtail's placeholder "Welcome" page goes once nothing points at it.
    if previous_root and previous_root.specific_class is Page and previous_root.depth == 2:
        previous_root.delete()
    return home


def demo_address():
    """(hostname, port) the demo is served at: WAGTAILADMIN_BASE_URL's (`make run` sets it
    from its HOST and PORT; http://127.0.0.1:8000 by default)."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return address.hostname or "localhost", address.port or (
        443 if address.scheme == "https" else 80
    )


def serve_where_the_demo_runs(home):
    """The demo's site (the default one, whose root is the demo's home page) at the address the
    demo is served at, so that the sitemap's and the API's absolute links lead to it (Wagtail
    creates the default site as localhost:80). Each load follows the address it is given; no
    other site is touched, and an address another site has is left to it."""
    hostname, port = demo_address()
    site = Site.objects.filter(is_default_site=True, root_page=home).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return
    site.hostname, site.port = hostname, port
    site.save()
