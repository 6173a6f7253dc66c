"""The report: needs tables and figures, the frozen edition, the PDF, and query counts."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from iisg_pages.models import ReportPDF
from iisg_pages.report_data import ReportData
from needs_snippets.models import Need
from tests.factories import MeasureFactory, ObjectiveFactory, UserFactory
from tests.pages import publish

pytestmark = pytest.mark.django_db


def codes(table):
    return [row["code"] for group in table.groups for row in group.rows]


class TestNeedsTable:
    def test_rows_are_grouped_by_pillar_axis_objective_and_measure(self, site_tree):
        """Placed needs sit under their objective and measure; the others wait under their
        axis's Unclassified measure, after the classified ones."""
        needs = site_tree["needs"]
        prevent = needs["returnees"].axis
        objective = ObjectiveFactory(
            cycle=site_tree["cycle"], axis=prevent, code="WBCTi-PRE-1", title="Radicalisation"
        )
        measure = MeasureFactory(objective=objective, code="WBCTi-PRE-1.1", title="Exit work")
        for key in ("returnees", "strategy"):
            Need.objects.filter(pk=needs[key].pk).update(measure=measure)
        table = ReportData(site_tree["cycle"]).needs_table()
        assert [group.headings for group in table.groups] == [
            [
                ("pillar", "WBCTi"),
                ("axis", "WBCTi · Prevent"),
                ("objective", "WBCTi-PRE-1 Radicalisation"),
                ("measure", "WBCTi-PRE-1.1 Exit work"),
            ],
            [
                ("axis", "WBCTi · Respond"),
                ("objective", "WBCTi-RES-UNCL Unclassified"),
                ("measure", "WBCTi-RES-UNCL.0 Unclassified"),
            ],
            [
                ("pillar", "WBCSCi"),
                ("axis", f"WBCSCi · {needs['money'].axis.name}"),
                ("objective", f"{needs['money'].measure.objective.code} Unclassified"),
                ("measure", f"{needs['money'].measure.code} Unclassified"),
            ],
        ]
        # Within a measure, by area (each need shows its area) then code.
        assert codes(table) == [
            "WBCTi-PRE-LEG-01", "WBCTi-PRE-OPE-01", "WBCTi-RES-OPE-01", "WBCSCi-PRV-OPE-01",
        ]  # fmt: skip
        assert codes(ReportData(site_tree["cycle"]).needs_table({"measure": measure.pk})) == [
            "WBCTi-PRE-LEG-01", "WBCTi-PRE-OPE-01",
        ]  # fmt: skip

    def test_an_edition_frozen_before_the_hierarchy_keeps_its_grouping(self, site_tree):
        """A version 1 snapshot (no objectives or measures) renders pillar → axis → area, as
        it did when it was adopted."""
        rows = ReportData(site_tree["cycle"]).rows
        old_rows = [
            {key: value for key, value in row.items() if "objective" not in key
             and "measure" not in key}
            for row in rows
        ]  # fmt: skip
        snapshot = {"version": 1, "partners": [], "needs": old_rows}
        table = ReportData(site_tree["cycle"], snapshot=snapshot).needs_table()
        assert [group.headings for group in table.groups] == [
            [("pillar", "WBCTi"), ("axis", "WBCTi · Prevent"), ("area", "Prevent · Legislation")],
            [("area", "Prevent · Operational")],
            [("axis", "WBCTi · Respond"), ("area", "Respond · Operational")],
            [
                ("pillar", "WBCSCi"),
                ("axis", f"WBCSCi · {site_tree['needs']['money'].axis.name}"),
                ("area", f"{site_tree['needs']['money'].axis.name} · Operational"),
            ],
        ]

    def test_filters(self, site_tree):
        data = ReportData(site_tree["cycle"])
        ct = site_tree["pillars"]["WBCTi"].pk
        assert codes(data.needs_table({"pillar": ct, "regional_only": True})) == [
            "WBCTi-PRE-OPE-01"
        ]
        assert codes(data.needs_table({"partner": "BA"})) == [
            "WBCTi-RES-OPE-01", "WBCSCi-PRV-OPE-01",
        ]  # fmt: skip
        assert codes(data.needs_table({"regional_only": True})) == [
            "WBCTi-PRE-OPE-01", "WBCSCi-PRV-OPE-01",
        ]  # fmt: skip

    def test_partner_columns_star_kosovo_and_bring_the_footnote(self, site_tree):
        table = ReportData(site_tree["cycle"]).needs_table()
        assert [p["name"] for p in table.partners] == [
            "Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia",
            "Serbia",
        ]  # fmt: skip
        assert "UNSCR 1244/1999" in str(table.footnote)

    def test_key_figures(self, site_tree):
        data = ReportData(site_tree["cycle"])
        ct = site_tree["pillars"]["WBCTi"].pk
        assert data.key_figure("needs") == 4
        assert data.key_figure("regional") == 2
        assert data.key_figure("regional", {"pillar": ct}) == 1
        assert data.key_figure("partner_specific", {"pillar": ct}) == 2
        assert data.key_figure("gaps") == 4

    def test_unpublished_and_withdrawn_needs_are_not_shown(self, site_tree):
        Need.objects.filter(pk=site_tree["needs"]["crisis"].pk).update(live=False)
        Need.objects.filter(pk=site_tree["needs"]["strategy"].pk).update(status="withdrawn")
        assert codes(ReportData(site_tree["cycle"]).needs_table()) == [
            "WBCTi-PRE-OPE-01", "WBCSCi-PRV-OPE-01",
        ]  # fmt: skip


def test_published_report_keeps_its_content_when_a_need_is_edited(
    client, site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    need = site_tree["needs"]["returnees"]
    need.title = "Renamed after publication"
    need.save_revision().publish()
    Need.objects.filter(pk=site_tree["needs"]["strategy"].pk).delete()

    live = client.get(report.url).content.decode()
    assert "Returnee rehabilitation" in live
    assert "Renamed after publication" not in live
    assert "CVE strategy renewal" in live

    preview = report.make_preview_request().rendered_content
    assert "Renamed after publication" in preview
    assert "CVE strategy renewal" not in preview

    # Publishing the same revision again never changes its edition; a new revision does.
    report = publish(report, django_capture_on_commit_callbacks)
    assert "Renamed after publication" not in client.get(report.url).content.decode()
    report.save_revision()
    report = publish(report, django_capture_on_commit_callbacks)
    assert "Renamed after publication" in client.get(report.url).content.decode()


def test_publishing_freezes_the_edition_in_the_revision_too(
    site_tree, django_capture_on_commit_callbacks
):
    report = publish(site_tree["report"], django_capture_on_commit_callbacks)
    revision = report.live_revision
    revision.refresh_from_db()
    assert revision.content["edition_snapshot"]["needs"][0]["code"] == "WBCTi-PRE-LEG-01"
    assert report.edition_snapshot == revision.content["edition_snapshot"]


class TestPDF:
    def test_pdf_is_prepared_after_publishing_without_delaying_it(
        self, client, site_tree, django_capture_on_commit_callbacks
    ):
        report = site_tree["report"]
        # Publishing queues the rendering for after the commit: the page is live at once.
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            report.get_latest_revision().publish()
        report.refresh_from_db()
        assert report.live and len(callbacks) == 1
        response = client.get(f"{report.url}pdf/")
        assert response.status_code == 202
        assert "The PDF is being prepared" in response.content.decode()
        assert response["Retry-After"] == "10"

    def test_pdf_holds_the_report(self, client, site_tree, django_capture_on_commit_callbacks):
        report = publish(site_tree["report"], django_capture_on_commit_callbacks)
        response = client.get(f"{report.url}pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
        # A reference code may wrap at a hyphen in its narrow column.
        text = "\n".join(page.extract_text() for page in pdf.pages).replace("-\n", "-")

        assert pdf.metadata.title == "Biennial Needs Mapping Report 2021–2022"
        for need in site_tree["needs"].values():
            assert need.reference_code in text
        assert "Kosovo*" in text or "XK*" in text
        assert "identified by Montenegro" in text  # a mark's words for assistive technology
        assert "State of play: " in text and "Gap: " in text  # a need's details, labelled
        assert "UNSCR 1244/1999" in text
        contents = text[text.index("Contents") :][:600]
        assert re.search(r"Introduction\W+\d", contents)  # entries with their page numbers
        stored = ReportPDF.objects.get(page=report, revision=report.live_revision)
        assert stored.page_count == len(pdf.pages)

    def test_pdf_is_pdf_ua(self, client, site_tree, django_capture_on_commit_callbacks):
        report = publish(site_tree["report"], django_capture_on_commit_callbacks)
        raw = b"".join(client.get(f"{report.url}pdf/").streaming_content)
        assert raw.startswith(b"%PDF-")
        pdf = PdfReader(io.BytesIO(raw))
        xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert 'pdfuaid:part="1"' in xmp  # declares PDF/UA-1
        assert "/StructTreeRoot" in pdf.trailer["/Root"]  # tagged for assistive technology
        assert pdf.trailer["/Root"]["/Lang"] == "en-GB"

    def test_draft_pdf_is_for_editors_only(
        self, client, admin_client, site_tree, django_capture_on_commit_callbacks
    ):
        report = site_tree["report"]
        url = reverse("iisg_pages:report_draft_pdf", args=[report.pk])
        assert client.get(url).status_code == 302  # to the login page
        reader = UserFactory(groups=["Members"])
        client.force_login(reader)
        assert client.get(url).status_code in (302, 403)
        with django_capture_on_commit_callbacks(execute=True):
            assert admin_client.get(url).status_code == 202
        response = admin_client.get(url)
        assert response.status_code == 200
        text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
        assert "Draft — not approved by the IISG Board" in text

    def test_published_pdf_is_never_an_earlier_draft_rendering(
        self, client, admin_client, site_tree, django_capture_on_commit_callbacks
    ):
        report = site_tree["report"]
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.get(reverse("iisg_pages:report_draft_pdf", args=[report.pk]))
        report = publish(report, django_capture_on_commit_callbacks)  # the same revision
        response = client.get(f"{report.url}pdf/")
        first_page = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0]
        assert "Published edition" in first_page.extract_text()
        assert "Draft" not in first_page.extract_text()

    def test_scheduled_publication_freezes_nothing_until_it_goes_live(
        self, site_tree, django_capture_on_commit_callbacks
    ):
        from datetime import timedelta

        from django.utils import timezone

        report = site_tree["report"]
        report.go_live_at = timezone.now() + timedelta(days=1)
        revision = report.save_revision()
        with django_capture_on_commit_callbacks(execute=True):
            revision.publish()
        report.refresh_from_db()
        assert not report.live
        assert report.edition_snapshot is None
        assert not ReportPDF.objects.filter(page=report).exists()

    def test_unpublished_report_has_no_public_pdf(self, client, site_tree):
        assert client.get(f"{site_tree['report'].url}pdf/").status_code == 404


@pytest.mark.parametrize("published", [True, False], ids=["published", "draft data"])
def test_report_page_query_count_does_not_grow_with_needs(
    client, site_tree, more_needs, django_capture_on_commit_callbacks, published
):
    report = site_tree["report"]

    def queries_for_report_with(extra_needs, prefix):
        more_needs(extra_needs, prefix)
        if published:
            publish(report, django_capture_on_commit_callbacks)
        render = (lambda: client.get(report.url)) if published else report.make_preview_request
        render()  # warm the per-process caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = render()
        assert response.status_code == 200
        return len(queries)

    with_50 = queries_for_report_with(46, "A")  # 4 needs in the fixture
    with_500 = queries_for_report_with(450, "B")
    assert with_50 == with_500
