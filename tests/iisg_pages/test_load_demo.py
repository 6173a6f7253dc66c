"""`manage.py load_demo` builds the demo once; running it again changes nothing."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F
from wagtail.documents import get_document_model
from wagtail.models import Revision, Site

from iisg_pages.members.access import private_collection
from iisg_pages.models import DemoDataRecord, HomePage, ReportPage
from needs_snippets import editions
from needs_snippets.constants import IATIActivityStatus
from needs_snippets.demo import catalogue
from needs_snippets.demo.catalogue import responses_reported_as_of
from needs_snippets.demo.rows import DemoDataError, is_illustrative
from needs_snippets.models import (
    CandidateResponse,
    MappingCycle,
    Measure,
    Meeting,
    Need,
    NeedPartner,
    NeedReview,
    Response,
    ResponseConfirmation,
    ResponseParticipant,
    StrategicDocument,
)
from needs_snippets.models.cycles import Phase
from needs_snippets.roles import BOARD, MEMBERS, SECRETARIAT, SUPPORT_GROUPS

pytestmark = pytest.mark.django_db

BANNER = 'aria-label="Demonstration data"'


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
    first = Need.objects.filter(cycle__edition="2021–2022")
    assert first.count() == first.filter(live=True).count() == 60
    assert 35 <= Response.objects.count() <= 45
    assert Need.objects.regional().exists() and Need.objects.partner_specific().exists()
    assert Need.objects.gaps().count() >= 10
    assert Response.objects.overlaps().exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_shows_per_partner_detail_validations_and_a_second_edition(settings):
    load(settings)
    links = NeedPartner.objects.filter(need__reference_code="WBCTi-ANT-INS-01")
    serbia = links.get(partner__country_code="RS")
    assert serbia.status == NeedPartner.Status.MET and serbia.state_of_play.endswith(
        "(illustrative)"
    )
    assert links.get(partner__country_code="BA").status == NeedPartner.Status.IDENTIFIED
    # A partner's own detail is in the published revision the members area reads.
    need = Need.objects.get(reference_code="WBCTi-ANT-INS-01")
    published = {
        link["partner"]: link["status"] for link in need.live_revision.content["partner_links"]
    }
    assert published[serbia.partner_id] == "met"
    # A need whose partner met it is no longer a gap for that partner.
    assert serbia.partner_id not in {
        link.partner_id for link in NeedPartner.objects.gaps().filter(need=need)
    }

    reviews = NeedReview.objects.select_related("member", "updated_by")
    assert reviews.count() == 7
    assert {review.member.short_name for review in reviews} >= {"UNODC", "OSCE", "Frontex"}
    assert all(review.comment.endswith("(illustrative)") for review in reviews if review.comment)
    assert {r.updated_by.username for r in reviews.filter(member__short_name="UNODC")} == {
        "focal-unodc"
    }

    second = MappingCycle.objects.get(edition="2023–2024", kind=MappingCycle.Kind.NEEDS)
    assert second.status == MappingCycle.Status.IN_PROGRESS
    carried = Measure.objects.filter(cycle=second)
    assert (
        carried.count() == Measure.objects.classified().filter(cycle__edition="2021–2022").count()
    )
    assert all(m.predecessor and m.predecessor.code == m.code for m in carried)


def test_demo_compares_two_editions_with_partners_confirmations(settings):
    load(settings)
    earlier, later = editions.default_pair()
    assert (earlier.edition, later.edition) == ("2021–2022", "2023–2024")
    entries = {
        e["code"] or e["previous_code"]: e
        for e in editions.compare(earlier, later, Response.objects.all())["entries"]
    }
    assert entries["WBBSi-PRE-INS-04"]["state"] == "new"
    assert entries["WBCSCi-PRE-INS-04"]["previous_code"] == "WBCSCi-PRE-INS-01"  # renamed
    assert {c["field"] for c in entries["WBCTi-PRE-LEG-01"]["changes"]} >= {"gap", "timeframe"}
    met = entries["WBBSi-PRE-INS-01"]
    assert met["state"] == "met" and len(met["outcome"]["responses"]) == 2
    assert entries["WBCTi-ANT-OPE-02"]["outcome"]["reason"].endswith("(illustrative)")
    decisions = ResponseConfirmation.objects.select_related("decided_by", "partner")
    assert {d.verdict for d in decisions} == {"confirmed", "disputed"}
    assert all(
        d.decided_by.username == f"board-{d.partner.country_code.lower()}" for d in decisions
    )
    disputed = decisions.get(verdict="disputed")
    assert disputed.reason.endswith("(illustrative)") and disputed.reply.endswith("(illustrative)")
    # UNODC's illustrative IATI file, imported: its two Western Balkans activities wait for
    # review, each with its likeliest need first.
    candidates = CandidateResponse.objects.filter(member__short_name="UNODC").order_by("title")
    assert [(c.status, c.suggestions[0]["code"]) for c in candidates] == [
        ("pending", "WBCSCi-RES-OPE-01"), ("pending", "WBCSCi-RES-INS-01"),
    ]  # fmt: skip
    assert all(c.title.endswith("(illustrative)") for c in candidates)


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


def test_the_sitemap_and_the_api_link_to_where_the_demo_is_served(settings, client):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:9000"  # make run PORT=9000
    load(settings)
    assert "<loc>http://127.0.0.1:9000/about/</loc>" in client.get("/sitemap.xml").content.decode()
    api = client.get("/api/v3/pages/", {"limit": 50}).content.decode()
    assert '"http://127.0.0.1:9000/about/"' in api and "localhost" not in api
    # Served at the default address next time (make run): the links follow.
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    load(settings)
    assert "<loc>http://127.0.0.1:8000/about/</loc>" in client.get("/sitemap.xml").content.decode()


# The honest demo: it states what the IISG's documents state and marks the rest illustrative;
# its dates sit inside the phases they belong to; the site says it holds demo data.


def test_every_demo_need_and_response_is_marked_illustrative(settings):
    load(settings)
    titles = [*Need.objects.values_list("title", flat=True)]
    titles += Response.objects.values_list("title", flat=True)
    assert len(titles) == 107  # 60 + 7 needs of the two editions, 40 responses
    assert [t for t in titles if not is_illustrative(t)] == []
    # The published revision, which the report and the API read, says it too.
    for need in Need.objects.filter(live=True):
        assert is_illustrative(need.live_revision.content["title"]), need.reference_code


def test_no_demo_response_has_a_budget_or_names_a_donor(settings):
    load(settings)
    assert not Response.objects.exclude(budget=None).exists()
    assert not Response.objects.exclude(funding_source="").exists()
    assert not Response.objects.exclude(currency="").exists()
    # A response names no organisation but the member that reports it.
    assert not ResponseParticipant.objects.exclude(member=F("response__reporting_member")).exists()


def test_private_documents_are_marked_illustrative(settings):
    load(settings)
    titles = list(
        get_document_model()
        .objects.filter(collection=private_collection())
        .values_list("title", flat=True)
    )
    assert titles and all("illustrative" in title for title in titles), titles
    assert not any("Tirana" in title for title in titles)


def formulation_end(cycle):
    phase = cycle.phases.get(phase=Phase.FORMULATION)
    return phase.actual_end or phase.planned_end


def test_desk_review_documents_are_dated_within_their_phase(settings):
    load(settings)
    documents = StrategicDocument.objects.exclude(cycle=None).select_related("cycle")
    assert documents.exists()
    for document in documents:
        assert document.published, document.title
        assert document.published <= formulation_end(document.cycle), document.title


def test_meetings_and_phases_of_a_cycle_fall_within_it(settings):
    load(settings)
    cycle = MappingCycle.objects.get(edition="2021–2022", kind=MappingCycle.Kind.NEEDS)
    phases = list(cycle.phases.order_by("phase"))
    assert [p.phase for p in phases] == [1, 2, 3, 4]
    for phase in phases:
        assert cycle.period_start <= phase.planned_start <= phase.planned_end, phase
        assert phase.planned_end <= cycle.period_end, phase
    # A phase starts only once the one before it has ended (on the same day at the earliest,
    # as when a decision moves the cycle on).
    for before, after in zip(phases, phases[1:], strict=False):
        assert before.planned_end < after.planned_start
        if before.actual_end and after.actual_start:
            assert before.actual_end <= after.actual_start, after
    first_day = min(p.actual_start or p.planned_start for p in phases)
    last_day = max(p.actual_end or p.planned_end for p in phases)
    meetings = Meeting.objects.filter(cycle=cycle)
    assert meetings.count() == 2
    for meeting in Meeting.objects.exclude(cycle=None).select_related("cycle"):
        end = meeting.end_date or meeting.start_date
        assert meeting.cycle.period_start <= meeting.start_date, meeting
        assert end <= meeting.cycle.period_end, meeting
    for meeting in meetings:
        assert first_day <= meeting.start_date <= (meeting.end_date or meeting.start_date)
        assert (meeting.end_date or meeting.start_date) <= last_day, meeting


def test_response_dates_agree_with_their_status(settings):
    load(settings)
    as_of = responses_reported_as_of()
    for response in Response.objects.all():
        for first, last in [
            (response.planned_start, response.planned_end),
            (response.actual_start, response.actual_end),
        ]:
            assert not (first and last) or first <= last, response.title
        assert not response.actual_start or response.actual_start <= as_of, response.title
        assert not response.actual_end or response.actual_end <= as_of, response.title
        if response.iati_status == IATIActivityStatus.PIPELINE:
            assert not response.actual_start, response.title


def test_the_report_and_the_members_area_show_the_marker_and_the_banner(settings, client):
    load(settings)
    report = ReportPage.objects.get(slug="biennial-needs-mapping-2021-2022")
    page = client.get(report.url).content.decode()
    assert "(illustrative)" in page
    assert BANNER in page
    client.force_login(get_user_model().objects.get(username="focal-unodc"))
    for route in ["needs/", "responses/"]:
        page = client.get(f"/members/{route}").content.decode()
        assert "(illustrative)" in page, route
        assert BANNER in page, route
    client.force_login(get_user_model().objects.get(username="admin"))
    assert BANNER in client.get("/admin/").content.decode()


def test_the_banner_goes_when_the_database_holds_no_demo_data(settings, client):
    load(settings)
    assert BANNER in client.get("/").content.decode()
    DemoDataRecord.objects.all().delete()
    assert BANNER not in client.get("/").content.decode()
    load(settings)  # loading again records it again
    assert BANNER in client.get("/").content.decode()


def copy_data_files(directory):
    for name in [
        "strategic_documents.csv", "hierarchy.csv", "needs.csv", "partner_details.csv",
        "validations.csv", "responses.csv", "confirmations.csv", "next_edition.json",
        "next_edition_needs.csv", "need_outcomes.csv",
    ]:  # fmt: skip
        (directory / name).write_text((catalogue.DATA_DIR / name).read_text(encoding="utf-8"))


def test_a_need_placed_under_a_measure_of_another_axis_is_named(tmp_path):
    copy_data_files(tmp_path)
    needs = tmp_path / "needs.csv"
    text = needs.read_text(encoding="utf-8")
    assert ",WBCTi-ANT-1.1," in text
    needs.write_text(text.replace(",WBCTi-ANT-1.1,", ",WBCTi-PRE-1.1,", 1), encoding="utf-8")
    with pytest.raises(
        DemoDataError,
        match=r"needs\.csv, row 2: 'measure' 'WBCTi-PRE-1.1' is not a measure of WBCTi Anticipate",
    ):
        catalogue.load(tmp_path)


def test_an_invalid_data_row_is_named_with_its_file_and_row(tmp_path):
    copy_data_files(tmp_path)
    needs = tmp_path / "needs.csv"
    rows = needs.read_text(encoding="utf-8").splitlines()
    rows[3] = rows[3].replace(" (illustrative)", "")
    needs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"needs\.csv, row 4: the title .* must end"):
        catalogue.load(tmp_path)

    responses = tmp_path / "responses.csv"
    needs.write_text((catalogue.DATA_DIR / "needs.csv").read_text(encoding="utf-8"))
    header, *rest = responses.read_text(encoding="utf-8").splitlines()
    responses.write_text("\n".join([header + ",budget", *rest]) + "\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match="remove the column 'budget'"):
        catalogue.load(tmp_path)


def test_a_desk_review_document_after_its_phase_is_refused(tmp_path):
    copy_data_files(tmp_path)
    documents = tmp_path / "strategic_documents.csv"
    text = documents.read_text(encoding="utf-8").replace("2020-10-06", "2021-10-19")
    documents.write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"row 2: published 2021-10-19 is after"):
        catalogue.load(tmp_path)


def test_a_partner_detail_or_validation_that_does_not_fit_is_named(tmp_path):
    copy_data_files(tmp_path)
    details = tmp_path / "partner_details.csv"
    text = details.read_text(encoding="utf-8")
    details.write_text(text.replace("WBCTi-ANT-INS-01,BA,", "WBCTi-ANT-INS-01,AL,"), "utf-8")
    with pytest.raises(DemoDataError, match=r"partner_details\.csv, row 5: AL did not identify"):
        catalogue.load(tmp_path)

    details.write_text(text, encoding="utf-8")
    validations = tmp_path / "validations.csv"
    rows = validations.read_text(encoding="utf-8").replace(",UNODC,validated,", ",AL,validated,", 1)
    validations.write_text(rows, encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"validations\.csv, row 2: 'member' is 'AL'"):
        catalogue.load(tmp_path)


def test_the_demo_is_translated_into_albanian_and_macedonian(settings, client):
    settings.IISG_DEMO_TRANSLATIONS = True
    assert "22 page translations (demonstration)" in load(settings)
    assert "nothing changed" in load(settings)
    albanian = client.get("/sq/").content.decode()
    assert '<html lang="sq">' in albanian
    assert "Qeverisja e Integruar e Sigurisë së Brendshme" in albanian
    assert "untranslated-note" not in albanian
    assert 'class="translation-status"' in albanian  # not reviewed by a native speaker yet
    about = client.get("/mk/about/").content.decode()
    assert '<html lang="mk">' in about and "<title>За IISG · IISG</title>" in about
    news = client.get("/sq/news/").content.decode()
    assert "Sekretariati i IISG zhvendoset në Këshillin e Bashkëpunimit Rajonal" in news
    assert "IISG Secretariat moves to the Regional Cooperation Council" not in news
    # The adopted report is published in English: the Albanian index lists it.
    reports = client.get("/sq/reports/").content.decode()
    assert "Biennial Needs Mapping Report 2021–2022" in reports
    # A language without translations shows the English pages, saying so.
    croatian = client.get("/hr/about/").content.decode()
    assert "About IISG" in croatian and "untranslated-note" in croatian


def test_the_demo_report_can_be_sent_for_translation(settings):
    """wagtail-localize reads each block by its id: the blocks inside the report's chapters
    have theirs (the same on every load), so the Secretariat's "Translate" works."""
    from wagtail_localize.models import StringSegment, TranslationSource

    load(settings)
    report = ReportPage.objects.get(slug="biennial-needs-mapping-2021-2022")
    source, _created = TranslationSource.get_or_create_from_instance(report)
    chapter_paths = StringSegment.objects.filter(source=source, context__path__contains=".body.")
    assert chapter_paths.exists()
    ids = [block["id"] for chapter in report.body.raw_data for block in chapter["value"]["body"]]
    load(settings)
    report.refresh_from_db()
    assert [b["id"] for c in report.body.raw_data for b in c["value"]["body"]] == ids
