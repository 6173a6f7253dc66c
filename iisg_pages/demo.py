"""Demo public site: home, About IISG, membership, pillars, news and the 2021–2022 report.

Texts come from the IISG's own documents (methodology, About IISG, the WBCTi Support Group
meeting report, the membership methodology, the background brief) and state nothing else about
real governments or organisations; what is not in them is marked illustrative (the report's
needs, the members' documents). Loading records that the database holds demo data, which puts
the "Demonstration data" banner on every page (iisg_pages.demo_banner). Idempotent: existing
pages are left alone.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from needs_snippets.models import (
    ApplicationFocalPoint,
    MappingCycle,
    MembershipApplication,
    Pillar,
)

from .demo_banner import record_demo_data
from .demo_blocks import bullets, heading, paragraph
from .demo_report import ensure_adopted_report, report_body
from .members.access import private_collection
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
from .models.pages import submit_application
from .workflow_setup import ensure_membership_workflows, ensure_report_workflow

HOME_INTRODUCTION = (
    "The Integrative Internal Security Governance (IISG) aims to improve the collective "
    "efficiency of security actions and actors in the Western Balkans and so support the "
    "European perspective of the region."
)

HOME_TEXT = (
    "One of the main outcomes of the IISG process is to map the needs of the Western Balkans "
    "and the corresponding responses by IISG members in all three pillars, and to publish them "
    "every two years in the Biennial Needs Mapping report."
)

ABOUT_BODY = [
    paragraph(
        "One of the main outcomes of the IISG process is to map the needs of the Western "
        "Balkans and the corresponding responses by IISG members in all three IISG pillars.",
        "The purpose of the needs mapping is to identify the legislative, institutional and "
        "operational needs of the Western Balkans to effectively prevent and respond to "
        "security threats in the three pillars of the IISG. Identifying the needs allows a "
        "subsequent identification of responses and, ultimately, the analysis of gaps, "
        "synergies and approaches.",
        "Reflecting the aim of the IISG, the needs identified should link up with progress on "
        "the European path of the Western Balkans. The framework for the identification of "
        "needs is the EU's Enlargement strategy (including acquis, standards and practices), "
        "regional sectoral and national strategies, and other relevant documents produced by "
        "IISG members.",
    ),
    heading("Governance"),
    paragraph(
        "The <b>IISG Board</b> is composed of one representative of each Western Balkans "
        "partner and one representative of the European Commission. All other IISG members "
        "may attend Board meetings as observers. The Board takes decisions by unanimity.",
        "The three pillars of the <b>Support Group</b> (WBCTi, WBCSCi, WBBSi) are technical "
        "structures composed of representatives of IISG members who are experts in the pillar. "
        "They contribute to the Biennial Needs Mapping and the Annual Response Mapping.",
        "The <b>Secretariat</b> supports the Board and the Support Group. As agreed by the "
        "IISG Board members at the 4th Board Meeting on 18 November 2019 in Skopje, the "
        "Regional Cooperation Council (RCC) became the host of the IISG Secretariat as of "
        "1 April 2020.",
    ),
]

MEMBERSHIP_BODY = [
    bullets(
        "IISG membership is composed of four main groups:",
        [
            "the six Western Balkans partners;",
            "the Western Balkans' relevant international partners operating in the region "
            "(international organisations, EU member states, other states, other international "
            "actors), subject to approval by the Board; former lead partners of the IISG and "
            "the hosting entity of the IISG Secretariat are members automatically;",
            "the European Commission and the European External Action Service;",
            "any EU Justice and Home Affairs agency, upon notification to the Board.",
        ],
    ),
    heading("Criteria for new members"),
    bullets(
        "New members are approved by the IISG Board. A potential member is assessed on "
        "whether it is:",
        [
            "a like-minded partner;",
            "committed to regional cooperation in the Western Balkans;",
            "supportive of EU values, EU policies and the EU perspective for the region.",
        ],
    ),
    paragraph(
        "An interested partner expresses its interest with the expression-of-interest form. "
        "The Secretariat prepares a brief assessment for the Board, which decides at a meeting "
        "or through a silent written procedure.",
        "An IISG member is not expected to share sensitive information, such as operational "
        "law enforcement information or intelligence information.",
    ),
]

PILLAR_TEXT = {
    "WBCTi": (
        "Actions related to counter-terrorism and preventing and countering violent extremism, "
        "following the four-part EU approach: Anticipate, Prevent, Protect, Respond.",
        "Technical experts of the Western Balkans partners and of the international partners "
        "that support them in counter-terrorism and P/CVE.",
    ),
    "WBCSCi": (
        "Actions related to fighting serious and organised crime, along the axes of "
        "prevention and response.",
        "Technical experts of the Western Balkans partners, the PCC SEE Secretariat and the "
        "international partners active against serious and organised crime.",
    ),
    "WBBSi": (
        "Actions related to border security, along the axes of prevention and response.",
        "Technical experts of the Western Balkans partners and of the international partners "
        "that support them in border security.",
    ),
}

NEWS = [
    {
        "title": "IISG Secretariat moves to the Regional Cooperation Council",
        "date": date(2020, 4, 1),
        "end_date": None,
        "place": "",  # the seeds do not say where
        "pillar": None,
        "introduction": "As agreed at the 4th Board Meeting in Skopje on 18 November 2019, the "
        "RCC hosts the IISG Secretariat as of 1 April 2020.",
        "body": [],
    },
    {
        "title": "5th IISG Board Meeting approves the needs mapping methodology",
        "date": date(2021, 2, 2),
        "end_date": None,
        "place": "",  # the seeds do not say where the Board met
        "pillar": None,
        "introduction": "The Board approved the needs mapping methodology and the IISG "
        "membership methodology, which allows broad participation in the IISG process.",
        "body": [
            paragraph(
                "The IISG Support Group set out to deliver the first mapping products within "
                "six months of the meeting, starting with a series of three pillar meetings."
            )
        ],
    },
    {
        "title": "WBCTi Support Group meets in Prishtina on the needs mapping template",
        "date": date(2021, 3, 3),
        "end_date": date(2021, 3, 4),
        "place": "Prishtina, Kosovo*",
        "pillar": "WBCTi",
        "introduction": "On 3 and 4 March 2021 the IISG Secretariat organised in Prishtina, "
        "Kosovo* the Regional Pillar Support Group meeting on WBCTi, the first in a series of "
        "three pillar meetings.",
        "body": [
            paragraph(
                "The meeting gathered participants from the IISG Support Group technical level "
                "to discuss the needs mapping report for the Western Balkans for the first "
                "time, and to decide on the template for WBCTi.",
                "The IISG Secretariat presented the four-part approach (Anticipate, Prevent, "
                "Protect, Respond) with the comments of the Western Balkans partners from the "
                "meetings of December 2020 and January 2021. All participants agreed with the "
                "four-part proposal and its objectives; the Western Balkans partners will "
                "follow with their list of needs per measure.",
            )
        ],
    },
]


# Illustrative applications, each focal point with their own address (demo_data/, with a note).
DEMO_APPLICATIONS_FILE = Path(__file__).parent / "demo_data" / "membership_applications.json"
DEMO_APPLICATIONS = json.loads(DEMO_APPLICATIONS_FILE.read_text(encoding="utf-8"))


def load_membership_applications():
    """Two applications under way: one for the Board, one EU JHA agency to be notified."""
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}
    created = 0
    for data in DEMO_APPLICATIONS["applications"]:
        if MembershipApplication.objects.filter(organisation=data["organisation"]).exists():
            continue
        fields = {k: v for k, v in data.items() if k != "focal_points"}
        application = MembershipApplication(
            confirms_interest=True,
            understands_information_sharing=True,
            understands_no_sensitive_information=True,
            signatory_entitled=True,
            signed_on=date.fromisoformat(DEMO_APPLICATIONS["signed_on"]),
            **fields,
        )
        application.focal_points = [
            ApplicationFocalPoint(
                pillar=pillars[contact["pillar"]],
                **{k: v for k, v in contact.items() if k != "pillar"},
            )
            for contact in data["focal_points"]
        ]
        submit_application(application)
        created += 1
    return created


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
    created = 0
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        home = make_home()
        created += 1
    pillars = list(Pillar.objects.all())
    builders = [
        (
            StandardPage,
            "about",
            lambda: StandardPage(
                title="About IISG",
                introduction=HOME_INTRODUCTION,
                body=json.dumps(ABOUT_BODY),
                show_in_menus=True,
            ),
        ),
        (
            StandardPage,
            "membership",
            lambda: StandardPage(
                title="Membership",
                introduction="Who can become an IISG member, and how the Board decides.",
                body=json.dumps(MEMBERSHIP_BODY),
                show_in_menus=True,
            ),
        ),
    ]
    for pillar in pillars:
        scope, support_group = PILLAR_TEXT.get(pillar.code, (pillar.scope, ""))
        builders.append(
            (
                PillarPage,
                slugify(pillar.code),
                lambda p=pillar, s=scope, g=support_group: PillarPage(
                    title=p.code,
                    pillar=p,
                    introduction=s,
                    support_group=g,
                    show_in_menus=True,
                ),
            )
        )
    builders += [
        (
            NewsIndexPage,
            "news",
            lambda: NewsIndexPage(
                title="News and meetings",
                show_in_menus=True,
                introduction="Meetings of the IISG Board and Support Group, and news of the IISG.",
            ),
        ),
        (
            ReportIndexPage,
            "reports",
            lambda: ReportIndexPage(
                title="Reports",
                show_in_menus=True,
                introduction="The Biennial Needs Mapping reports approved by the IISG Board.",
            ),
        ),
    ]
    children = {}
    for page_class, slug, build in builders:
        children[slug], was_created = ensure_child(home, page_class, slug, build)
        created += was_created

    _page, was_created = ensure_child(
        children["membership"],
        MembershipApplicationPage,
        "apply",
        lambda: MembershipApplicationPage(
            title="Apply for membership",
            introduction="International partners operating in the Western Balkans express their "
            "interest with this form. The Secretariat assesses it against the three criteria and "
            "the IISG Board decides. EU Justice and Home Affairs agencies join upon notification "
            "to the Board.",
        ),
    )
    created += was_created

    by_code = {pillar.code: pillar for pillar in pillars}
    for item in NEWS:
        _page, was_created = ensure_child(
            children["news"],
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
        lambda: MembersAreaPage(
            title="Members area",
            introduction="The secure database of the IISG, for its members.",
        ),
    )
    created += was_created
    load_private_documents()

    ensure_report_workflow(children["reports"])
    ensure_membership_workflows()
    load_membership_applications()
    cycle = MappingCycle.objects.get(edition="2021–2022", kind=MappingCycle.Kind.NEEDS)
    _report, was_created = ensure_adopted_report(
        children["reports"],
        lambda: ReportPage(
            title="Biennial Needs Mapping Report 2021–2022",
            cycle=cycle,
            summary="The legislative, institutional and operational security needs of the six "
            "Western Balkans partners in counter-terrorism, serious and organised crime and "
            "border security. A demonstration edition: its needs are illustrative, and the "
            "demo's Board seats adopted it through the approval workflow.",
            body=report_body(pillars),
        ),
    )
    created += was_created
    return created


def make_home():
    root = Page.get_first_root_node()
    home = HomePage(
        title="Integrative Internal Security Governance",
        slug="iisg",
        introduction=HOME_INTRODUCTION,
        body=json.dumps([paragraph(HOME_TEXT)]),
    )
    add_page(root, home)
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "IISG"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="IISG"
        )
    # Wagtail's placeholder "Welcome" page goes once nothing points at it.
    if previous_root and previous_root.specific_class is Page and previous_root.depth == 2:
        previous_root.delete()
    return home


ILLUSTRATIVE_NOTE = (
    "ILLUSTRATIVE EXAMPLE for the demonstration site: not a document of the IISG or of any "
    "organisation named. It shows how documents are shared with members in the private area."
)
LESSONS_LEARNT = "Lessons learnt from the 2021–2022 needs mapping (illustrative draft)"
PRIVATE_DOCUMENTS = [
    (
        "Minutes of an IISG Board meeting (illustrative example)",
        "board-minutes-illustrative-example.txt",
        f"{ILLUSTRATIVE_NOTE}\n\n"
        "Minutes of an IISG Board meeting (illustrative)\n\n"
        "1. The Board took note of the draft Biennial Needs Mapping report.\n"
        "2. The Support Group of each pillar reviews its chapter before the final draft is put "
        "to the Board for approval.\n"
        "3. The Board decides on the final report by unanimity.\n",
    ),
    (
        "Response mapping template 2022 (illustrative filled example)",
        "response-mapping-template-2022-illustrative.csv",
        "Title,Reporting member,Pillar,Needs answered,Beneficiaries,Status,Start,End\n"
        "Parallel financial investigations and money laundering cases (illustrative),OSCE,"
        "WBCSCi,WBCSCi-RES-INS-01,AL;BA;XK;ME;MK;RS,Finalisation,2020-09-01,2022-09-30\n",
    ),
    (
        LESSONS_LEARNT,
        "lessons-learnt-2021-2022-illustrative.txt",
        f"{ILLUSTRATIVE_NOTE}\n\n"
        "Lessons learnt from the 2021-2022 needs mapping (illustrative draft)\n\n"
        "1. Agree the templates with each Support Group before the desk review starts.\n"
        "2. Organise local consultations within existing national structures, such as donor "
        "and sector meetings, as the methodology foresees.\n"
        "3. Set clear guidelines on contributions and responsibilities in each pillar's "
        "Support Group.\n",
    ),
]
# Earlier versions of the demo loaded these, unmarked; the first gave the place, date and
# decisions of a Board meeting that no IISG document records. A database that still has them
# loses them.
RETIRED_DOCUMENTS = [
    "Minutes of the IISG Board meeting, Tirana, 17 March 2022",
    "Response mapping template 2022 (filled example)",
    "Lessons learnt from the 2021–2022 needs mapping (draft)",
]


def load_private_documents():
    """Demo documents in the Members collection, served to signed-in members only; one is the
    needs cycle's lessons-learnt paper."""
    Document = get_document_model()
    collection = private_collection()
    # Wagtail deletes a document's file once the transaction commits.
    Document.objects.filter(title__in=RETIRED_DOCUMENTS, collection=collection).delete()
    for title, filename, text in PRIVATE_DOCUMENTS:
        if Document.objects.filter(title=title, collection=collection).exists():
            continue
        document = Document(title=title, collection=collection)
        document.file.save(filename, ContentFile(text.encode("utf-8")), save=False)
        document.save()
    MappingCycle.objects.filter(
        kind=MappingCycle.Kind.NEEDS, edition="2021–2022", lessons_learnt=None
    ).update(
        lessons_learnt=Document.objects.filter(title=LESSONS_LEARNT, collection=collection).first()
    )
