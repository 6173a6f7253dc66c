"""A member's responses as an IATI 2.03 activity file: valid against the standard's schema,
every code on the code lists the product keeps, and nothing invalid written."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from needs_snippets.constants import CURRENCY_CHOICES
from needs_snippets.iati import codelists
from needs_snippets.iati.activities import ActivityFile, yearly_shares
from needs_snippets.iati.schema import SCHEMA_DIR, InvalidActivityFile, validate
from needs_snippets.models import Member, Response
from tests.factories import MemberFactory, ResponseFactory, ResponseParticipantFactory, wb_partners

SHARED_SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "iati"

#: Where each coded attribute of an activity file takes its codes from.
CODED = {
    "reporting-org/@type": "OrganisationType",
    "participating-org/@role": "OrganisationRole",
    "participating-org/@type": "OrganisationType",
    "activity-status/@code": "ActivityStatus",
    "activity-date/@type": "ActivityDateType",
    "recipient-country/@code": "Country",
    "sector/@code": "Sector",
    "sector/@vocabulary": "SectorVocabulary",
    "description/@type": "DescriptionType",
    "budget/@type": "BudgetType",
    "budget/@status": "BudgetStatus",
    "budget/value/@currency": "Currency",
    "@default-currency": "Currency",
}


@pytest.fixture
def reporting(db):
    partners = wb_partners()
    member = MemberFactory(
        name="Organisation A",
        iati_identifier="XI-IATI-ORGA",
        iati_organisation_type="40",
    )
    implementer = MemberFactory(name="Organisation B")
    training = ResponseFactory(
        reporting_member=member, title="Training of border police", sector="15210",
        beneficiaries=[partners["AL"], partners["XK"]], budget=Decimal("300000.00"),
        currency="EUR", planned_start=date(2022, 3, 1), planned_end=date(2024, 8, 31),
        actual_start=date(2022, 4, 1), iati_identifier="XI-IATI-ORGA-2022-07",
    )  # fmt: skip
    ResponseParticipantFactory(response=training, member=member, role=1)
    ResponseParticipantFactory(response=training, member=implementer, role=4)
    equipment = ResponseFactory(reporting_member=member, title="Equipment for port controls")
    ResponseParticipantFactory(response=equipment, member=member, role=2)
    undated = ResponseFactory(
        reporting_member=member, title="Undated idea", planned_start=None, planned_end=None
    )
    ResponseParticipantFactory(response=undated, member=member, role=2)
    nobody = ResponseFactory(reporting_member=member, title="Nobody named")
    return {
        "member": member,
        "training": training,
        "equipment": equipment,
        "undated": undated,
        "nobody": nobody,
    }


def written(member, responses=None):
    activity_file = ActivityFile(
        member, responses or Response.objects.filter(reporting_member=member)
    )
    return activity_file, etree.fromstring(activity_file.content())


def test_the_file_validates_against_the_iati_2_03_schema(reporting):
    activity_file, root = written(reporting["member"])
    validate(root)  # raises with the schema's message if not
    assert root.get("version") == "2.03"
    assert activity_file.written == len(root.findall("iati-activity")) == 2


def test_each_response_is_an_activity_with_what_the_member_recorded(reporting):
    _, root = written(reporting["member"])
    training = root.find("iati-activity[iati-identifier='XI-IATI-ORGA-2022-07']")
    assert training.findtext("title/narrative") == "Training of border police"
    assert training.find("reporting-org").attrib == {"ref": "XI-IATI-ORGA", "type": "40"}
    participants = training.iter("participating-org")
    assert [(o.get("role"), o.findtext("narrative")) for o in participants] == [
        ("1", "Organisation A"), ("4", "Organisation B"),
    ]  # fmt: skip
    assert [(d.get("type"), d.get("iso-date")) for d in training.iter("activity-date")] == [
        ("1", "2022-03-01"), ("2", "2022-04-01"), ("3", "2024-08-31"),
    ]  # fmt: skip
    assert [c.get("code") for c in training.iter("recipient-country")] == ["AL", "XK"]
    assert training.find("sector").attrib == {"code": "15210", "vocabulary": "1"}
    assert training.find("activity-status").get("code") == "2"
    # A response without its own identifier is named after the organisation and its number.
    equipment = reporting["equipment"]
    assert (
        root.find(f"iati-activity[iati-identifier='XI-IATI-ORGA-IISG-{equipment.pk}']") is not None
    )


def test_a_budget_over_more_than_a_year_is_split_into_yearly_indicative_budgets(reporting):
    _, root = written(reporting["member"])
    training = root.find("iati-activity[iati-identifier='XI-IATI-ORGA-2022-07']")
    budgets = [
        (b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date"),
         Decimal(b.findtext("value")), b.get("status"))
        for b in training.iter("budget")
    ]  # fmt: skip
    assert [(start, end) for start, end, _, _ in budgets] == [
        ("2022-03-01", "2023-02-28"), ("2023-03-01", "2024-02-29"), ("2024-03-01", "2024-08-31"),
    ]  # fmt: skip
    assert sum(value for _, _, value, _ in budgets) == Decimal("300000.00")
    assert {status for *_, status in budgets} == {"1"}  # indicative


def test_yearly_shares_are_by_days_and_add_up_to_the_cent():
    shares = yearly_shares(Decimal("100.00"), date(2023, 1, 1), date(2025, 1, 1))
    assert [value for *_, value in shares] == [Decimal("49.86"), Decimal("50.00"), Decimal("0.14")]
    assert yearly_shares(Decimal("10"), date(2023, 5, 1), date(2023, 5, 31)) == [
        (date(2023, 5, 1), date(2023, 5, 31), Decimal("10"))
    ]


def test_what_cannot_be_a_valid_activity_is_left_out_and_said_why(reporting):
    activity_file, root = written(reporting["member"])
    reasons = {o.response.title: o.reason for o in activity_file.omissions}
    assert "give at least its planned start" in reasons["Undated idea"]
    assert "names no participating organisation" in reasons["Nobody named"]
    titles = [a.findtext("title/narrative") for a in root.iter("iati-activity")]
    assert "Undated idea" not in titles and "Nobody named" not in titles


def test_every_code_written_is_on_the_iati_code_lists_kept(reporting):
    _, root = written(reporting["member"])
    seen = 0
    for activity in root.iter("iati-activity"):
        for path, name in CODED.items():
            element_path, _, attribute = path.rpartition("@")
            elements = activity.findall(element_path.rstrip("/")) if element_path else [activity]
            for element in elements:
                if element.get(attribute) is not None:
                    assert element.get(attribute) in codelists.codelist(name), (path, name)
                    seen += 1
    assert seen > 20


def test_the_code_lists_name_their_source():
    for name in codelists.available():
        codes = codelists.codelist(name)
        assert codes.source["repository"].startswith("https://github.com/IATI/")
        assert len(codes.source["commit"]) == 40 and codes.names
    assert "XK" in codelists.codelist("Country")  # Kosovo*
    # IATI's list lags ISO 4217 by the newest codes; the export says so rather than write them.
    newer = [code for code, _ in CURRENCY_CHOICES if code not in codelists.codelist("Currency")]
    assert len(newer) < 5


def test_a_currency_iati_does_not_list_yet_leaves_the_response_out_and_says_why(reporting):
    newer = next(c for c, _ in CURRENCY_CHOICES if c not in codelists.codelist("Currency"))
    Response.objects.filter(pk=reporting["equipment"].pk).update(currency=newer)
    activity_file, _ = written(reporting["member"])
    reasons = {o.response.title: o.reason for o in activity_file.omissions}
    assert reasons["Equipment for port controls"] == (
        f"“{newer}” is not on the IATI Currency code list."
    )


def test_the_schema_kept_is_the_one_beside_the_checkout():
    if not SHARED_SCHEMAS.is_dir():
        pytest.skip("no IATI schemas beside this checkout to compare with")
    for name in ("iati-activities-schema.xsd", "iati-common.xsd", "xml.xsd"):
        assert (SCHEMA_DIR / name).read_bytes() == (SHARED_SCHEMAS / name).read_bytes(), name


def test_the_schema_refuses_an_invalid_file_with_its_message():
    broken = etree.fromstring(b'<iati-activities version="2.03"><iati-activity/></iati-activities>')
    with pytest.raises(InvalidActivityFile, match="line 1: .*iati-activity"):
        validate(broken)


def test_an_organisation_identifier_must_start_with_a_registration_agency(db):
    member = MemberFactory(name="Organisation C")
    for wrong in ("ORG-123", "XI-IATI", "XI-IATI-"):
        member.iati_identifier = wrong
        with pytest.raises(ValidationError, match="registered the organisation"):
            member.full_clean()
    member.iati_identifier = "XM-DAC-12345"
    member.full_clean()


def test_a_sector_must_be_a_dac_purpose_code(reporting):
    response = reporting["equipment"]
    response.sector = "99999"
    with pytest.raises(ValidationError) as error:
        response.full_clean()
    assert "sector" in error.value.message_dict


def test_an_organisation_without_its_iati_identity_gets_no_file(db):
    member = Member.objects.create(name="Organisation D", kind="other")
    with pytest.raises(ValueError, match="no IATI organisation identifier"):
        ActivityFile(member, Response.objects.none())
