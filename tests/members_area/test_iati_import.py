"""A member imports an IATI activity file: its Western Balkans activities become candidate
responses with their likeliest needs; the member accepts one (a response) or rejects it.
Re-importing updates, never duplicates; an invalid file writes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from needs_snippets.iati.matching import SIMILARITY_CHARS
from needs_snippets.models import CandidateResponse, Member, Response

pytestmark = pytest.mark.django_db

ORG_A = "XI-IATI-ORGA"


def activity(identifier, title, countries, description="", status="2"):
    countries = "".join(f'<recipient-country code="{c}"/>' for c in countries)
    return f"""
  <iati-activity xml:lang="en" default-currency="EUR">
    <iati-identifier>{identifier}</iati-identifier>
    <reporting-org ref="{ORG_A}" type="40"><narrative>Organisation A</narrative></reporting-org>
    <title><narrative>{title}</narrative></title>
    <description type="1"><narrative>{description or title}</narrative></description>
    <participating-org ref="{ORG_A}" role="1">
      <narrative>Organisation A</narrative>
    </participating-org>
    <activity-status code="{status}"/>
    <activity-date type="1" iso-date="2023-01-01"/>
    <activity-date type="3" iso-date="2024-06-30"/>
    {countries}
    <sector code="15130" vocabulary="1"/>
  </iati-activity>"""


def iati_file(*activities):
    body = "".join(activities)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">'
    return f"{head}{body}\n</iati-activities>".encode()


TRAINING = activity(
    f"{ORG_A}-1", "Parallel financial investigations training", ["AL"],
    "Training for a specialised unit for parallel financial investigations alongside "
    "criminal cases.",
)  # fmt: skip
BORDER = activity(f"{ORG_A}-2", "Border police equipment", ["RS", "FR"])
ELSEWHERE = activity(f"{ORG_A}-3", "Customs reform in France", ["FR"])


@pytest.fixture
def importing(client, area):
    Member.objects.filter(pk=area["org_a"].pk).update(
        iati_identifier=ORG_A, iati_organisation_type="40"
    )
    client.force_login(area["users"]["member_a"])
    return {**area, "client": client, "url": area["page"].url + "iati/"}


def upload(world, content, member=None, name="activities.xml"):
    member = member or world["org_a"]
    file = SimpleUploadedFile(name, content, content_type="application/xml")
    return world["client"].post(world["url"] + f"{member.pk}/import/", {"file": file}, follow=True)


def test_the_regions_activities_become_candidates_with_their_likeliest_needs(importing):
    page = upload(importing, iati_file(TRAINING, BORDER, ELSEWHERE)).content.decode()
    assert "Read 3 activities: 2 new and 0 updated candidates" in page
    assert "1 for other recipients left out" in page
    candidates = {c.iati_identifier: c for c in CandidateResponse.objects.all()}
    assert set(candidates) == {f"{ORG_A}-1", f"{ORG_A}-2"}
    training = candidates[f"{ORG_A}-1"]
    assert training.recipient_countries == ["AL"] and training.sector == "15130"
    assert training.roles == [1] and training.status == "pending"
    # The published need of Albania that the training resembles comes first; never the draft.
    assert [s["code"] for s in training.suggestions][:1] == ["WBCSCi-PRV-OPE-01"]
    assert "WBCSCi-PRV-OPE-02" not in [s["code"] for s in training.suggestions]
    assert candidates[f"{ORG_A}-2"].recipient_countries == ["RS"]  # France left out
    assert "Parallel financial investigations training" in page
    assert "WBCSCi-PRV-OPE-01 Financial investigations" in page


def test_importing_again_updates_and_never_duplicates(importing):
    upload(importing, iati_file(TRAINING, BORDER))
    renamed = TRAINING.replace(
        "<title><narrative>Parallel financial", "<title><narrative>Renamed financial"
    )
    page = upload(importing, iati_file(renamed, BORDER)).content.decode()
    assert "0 new and 2 updated candidates" in page
    assert CandidateResponse.objects.count() == 2
    assert CandidateResponse.objects.get(iati_identifier=f"{ORG_A}-1").title.startswith("Renamed")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not xml at all", "not a valid IATI 2.03 activity file"),
        (iati_file(TRAINING.replace("<activity-status", "<activity-state")), "activity-state"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<iati-activities version="2.03">&e;</iati-activities>',
            "not a valid IATI 2.03 activity file",
        ),
    ],
)
def test_an_invalid_file_is_refused_with_the_schemas_message_and_nothing_written(
    importing, content, message
):
    upload(importing, iati_file(BORDER))
    page = upload(importing, content).content.decode()
    assert "Nothing was imported." in page and message in page
    assert "root:" not in page  # no file of the server was read
    assert list(CandidateResponse.objects.values_list("iati_identifier", flat=True)) == [
        f"{ORG_A}-2"
    ]


def test_an_accepted_candidate_becomes_a_response_answering_the_needs_chosen(importing):
    upload(importing, iati_file(TRAINING))
    candidate = CandidateResponse.objects.get()
    accepted = importing["client"].post(
        importing["url"] + f"candidates/{candidate.pk}/",
        {"decision": "accept", "needs": [importing["need"].pk]},
    )
    response = Response.objects.get(iati_identifier=f"{ORG_A}-1")
    assert accepted.status_code == 302 and accepted["Location"].endswith(
        f"/responses/{response.pk}/"
    )
    assert response.reporting_member == importing["org_a"]
    assert list(response.needs.all()) == [importing["need"]]
    assert [b.country_code for b in response.beneficiaries.all()] == ["AL"]
    assert [(p.member, p.role) for p in response.participations.all()] == [(importing["org_a"], 1)]
    assert response.sector == "15130" and response.planned_end.isoformat() == "2024-06-30"
    assert response.latest_revision is not None
    candidate.refresh_from_db()
    assert candidate.status == "accepted" and candidate.response == response
    # Imported again with a new title: the same response, updated.
    upload(importing, iati_file(TRAINING.replace("Parallel financial", "Parallel money")))
    assert Response.objects.filter(iati_identifier=f"{ORG_A}-1").count() == 1
    response.refresh_from_db()
    assert response.title == "Parallel money investigations training"
    # Given to another organisation by the Secretariat, it is no longer the member's to write.
    Response.objects.filter(pk=response.pk).update(reporting_member=importing["org_b"])
    page = upload(importing, iati_file(TRAINING.replace("Parallel financial", "Rewritten")))
    assert "0 new and 1 updated candidates" in page.content.decode()
    response.refresh_from_db()
    assert response.title == "Parallel money investigations training"


def test_accepting_needs_a_published_need_of_its_recipients(importing):
    upload(importing, iati_file(TRAINING))
    candidate = CandidateResponse.objects.get()
    for needs in ([], [importing["draft"].pk], ["abc"]):
        page = importing["client"].post(
            importing["url"] + f"candidates/{candidate.pk}/",
            {"decision": "accept", "needs": needs}, follow=True,
        ).content.decode()  # fmt: skip
        assert "Choose at least one of the suggested needs" in page
    assert not Response.objects.filter(iati_identifier=f"{ORG_A}-1").exists()


def test_a_rejected_candidate_stays_out(importing):
    upload(importing, iati_file(TRAINING))
    candidate = CandidateResponse.objects.get()
    importing["client"].post(
        importing["url"] + f"candidates/{candidate.pk}/", {"decision": "reject"}
    )
    candidate.refresh_from_db()
    assert candidate.status == "rejected" and candidate.response is None
    page = importing["client"].get(importing["url"]).content.decode()
    assert (
        "Candidate responses to review" not in page and f'id="candidate-{candidate.pk}"' not in page
    )


@pytest.mark.parametrize("role", ["member_b", "reviewer", "board"])
def test_nobody_else_imports_for_an_organisation_or_reviews_its_candidates(importing, role):
    upload(importing, iati_file(TRAINING))
    candidate = CandidateResponse.objects.get()
    client = importing["client"]
    client.force_login(importing["users"][role])
    file = SimpleUploadedFile("a.xml", iati_file(BORDER), content_type="application/xml")
    assert (
        client.post(
            importing["url"] + f"{importing['org_a'].pk}/import/", {"file": file}
        ).status_code
        == 404
    )
    decided = client.post(importing["url"] + f"candidates/{candidate.pk}/", {"decision": "reject"})
    assert decided.status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == "pending" and CandidateResponse.objects.count() == 1


def test_the_exported_file_imports_back(importing):
    """Round trip: a member's own IATI file, imported, gives a candidate per WB activity."""
    from tests.factories import ResponseParticipantFactory

    for key in ("a_open", "a_restricted"):
        ResponseParticipantFactory(response=importing[key], member=importing["org_a"], role=1)
    exported = importing["client"].get(importing["url"] + f"{importing['org_a'].pk}/activities/")
    etree.fromstring(exported.content)
    upload(importing, exported.content)
    assert CandidateResponse.objects.count() == 2
    assert io.BytesIO(exported.content).read(5) == b"<?xml"


def test_a_file_over_the_limit_is_refused_saying_the_limit(importing, settings):
    settings.IISG_MAX_IATI_FILE_SIZE = 1024 * 1024
    page = upload(importing, iati_file(*[TRAINING] * 1500)).content.decode()
    assert "Nothing was imported." in page and "files are at most 1 MB here" in page
    assert not CandidateResponse.objects.exists()


@pytest.mark.parametrize(
    "broken",
    [
        TRAINING.replace('<reporting-org ref="XI-IATI-ORGA" type="40">', "<x>").replace(
            "</reporting-org>", "</x>"
        ),
        TRAINING.replace(f"{ORG_A}-1", "X" * 200),
    ],
)
def test_an_activity_that_cannot_be_read_refuses_the_file_not_the_server(importing, broken):
    page = upload(importing, iati_file(BORDER, broken)).content.decode()
    assert "Nothing was imported." in page
    assert not CandidateResponse.objects.exists()


def test_a_status_code_that_is_no_number_is_left_empty(importing):
    odd = TRAINING.replace('<activity-status code="2"/>', '<activity-status code="²"/>')
    odd = odd.replace('role="1"', 'role="١"')
    upload(importing, iati_file(odd))
    candidate = CandidateResponse.objects.get()
    assert candidate.activity_status is None and candidate.roles == []


def test_a_long_description_is_matched_by_its_beginning_and_all_its_words(importing):
    """pg_trgm's similarity takes time growing with the square of its text and cannot be
    interrupted: a description of a few hundred kilobytes held a database process for hours.
    It reads the title and the beginning of the description; every word still counts."""
    long = TRAINING.replace(
        "criminal cases.", "criminal cases. " + "Capacity building for the police. " * 6000
    )
    with CaptureQueriesContext(connection) as queries:
        page = upload(importing, iati_file(long)).content.decode()
    assert "Read 1 activities: 1 new and 0 updated candidates" in page
    candidate = CandidateResponse.objects.get()
    assert len(candidate.description) > 200_000  # kept whole
    assert [s["code"] for s in candidate.suggestions][:1] == ["WBCSCi-PRV-OPE-01"]
    similarity = [q["sql"] for q in queries.captured_queries if "WORD_SIMILARITY" in q["sql"]]
    longer_than_read = "Capacity building for the police. " * (SIMILARITY_CHARS // 34 + 1)
    assert similarity and not any(longer_than_read in sql for sql in similarity)


CUT_SHORT = "does not end with its closing &lt;/iati-activities&gt;"


@pytest.mark.parametrize(
    ("ending", "said"),
    [
        (b"", CUT_SHORT),
        (b"\n<iati-activity>", CUT_SHORT),
        (b"</iati-activities>\n<<<garbage", "not a valid IATI 2.03 activity file"),
    ],
)
def test_a_file_cut_short_or_with_something_after_it_writes_nothing(importing, ending, said):
    whole = iati_file(TRAINING, BORDER)
    page = upload(importing, whole.replace(b"</iati-activities>", ending)).content.decode()
    assert "Nothing was imported." in page and said in page
    assert not CandidateResponse.objects.exists()
    page = upload(importing, whole + b"\n<!-- exported by d-portal -->\n").content.decode()
    assert "Read 2 activities" in page


def test_two_activities_of_one_identifier_refuse_the_file(importing):
    """The later would silently overwrite the earlier: the file says which lines to fix."""
    copy = BORDER.replace("Border police equipment", "Border police equipment, phase 2")
    page = upload(importing, iati_file(TRAINING, BORDER, copy)).content.decode()
    assert "Nothing was imported." in page
    assert (
        f"line 31: the iati-identifier {ORG_A}-2 is also the one of the activity at line 17" in page
    )
    assert not CandidateResponse.objects.exists()


def test_an_identifier_repeated_outside_the_region_is_left_out_with_it(importing):
    """A multi-publisher download may repeat an activity for other recipients: it is not read
    further, so the file is imported."""
    repeated = ELSEWHERE.replace("Customs reform in France", "Customs reform in France, again")
    page = upload(importing, iati_file(TRAINING, ELSEWHERE, repeated)).content.decode()
    assert "Nothing was imported." not in page
    assert "2 for other recipients left out" in page
    assert CandidateResponse.objects.count() == 1
