"""Membership decisions: assessment, Board unanimity or silent procedure, JHA notification;
focal points with their own addresses; automatic members (former lead partners, the
Secretariat's host); the pillars' Support Groups."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.models import ModelLogEntry

from needs_snippets.membership_admin import MembershipBasisFormatter
from needs_snippets.models import (
    ApplicationFocalPoint,
    FocalPoint,
    Member,
    MembershipApplication,
    MembershipBasis,
    Pillar,
    PillarRole,
    SecretariatHost,
)
from needs_snippets.models.support_groups import refresh_all, support_group_composition
from tests.admin_forms import opened_form
from tests.factories import (
    MemberFactory,
    NeedFactory,
    PillarFactory,
    focal_point,
)
from tests.membership import ALL_CRITERIA, APPLICANT, act, apply

pytestmark = pytest.mark.django_db


def test_assessment_then_unanimity_makes_a_member_with_its_focal_points_own_addresses(
    deciders, mailoutbox, django_capture_on_commit_callbacks
):
    application = act(
        apply(), deciders["secretariat"], "approve", comment="Meets all three.", **ALL_CRITERIA
    )
    assert application.current_workflow_task.name == "Board approval by unanimity"
    with django_capture_on_commit_callbacks(execute=True):
        for member in deciders["board"]:
            application = act(application, member, "approve")

    assert application.status == MembershipApplication.Status.APPROVED
    member = Member.objects.get(name="Council of Europe")
    assert member.joined == timezone.localdate()
    assert member.membership_basis == MembershipBasis.BOARD_APPROVAL
    assert application.member == member
    focal_points = FocalPoint.objects.filter(member=member)
    assert sorted(focal_points.values_list("pillar__code", "name", "email", "phone")) == [
        ("WBBSi", "Ivan Petrov", "ivan.petrov@example.org", "+43 1 000 0002"),
        ("WBCTi", "Ana Horvat", "ana.horvat@example.org", "+386 1 000 0001"),
    ]
    assert not focal_points.filter(email=APPLICANT).exists()
    [mail] = [m for m in mailoutbox if m.to == [APPLICANT]]
    assert "approved" in mail.subject


def test_focal_points_are_one_per_pillar_and_complete(deciders):
    application = apply()
    second = ApplicationFocalPoint(
        application=application,
        pillar=Pillar.objects.get(code="WBCTi"),
        name="Second person",
        email="second@example.org",
        phone="+386 1 000 0003",
    )
    with pytest.raises(ValidationError, match="One focal point per pillar"):
        second.full_clean()
    incomplete = ApplicationFocalPoint(
        application=application, pillar=Pillar.objects.get(code="WBCSCi"), name="No address"
    )
    with pytest.raises(ValidationError) as error:
        incomplete.full_clean()
    assert set(error.value.message_dict) == {"email", "phone"}


def test_a_focal_point_moved_without_an_address_never_gets_the_applicants(deciders):
    """Focal points moved from the former name-only fields have no e-mail: approval leaves them
    out (and says so in the log) rather than giving them the applicant's address."""
    application = apply(procedure="silent")
    ApplicationFocalPoint.objects.filter(application=application, pillar__code="WBBSi").update(
        email="", phone=""
    )
    application.accept(reason="Test")
    member = Member.objects.get(name="Council of Europe")
    assert list(member.focal_points.values_list("pillar__code", "email")) == [
        ("WBCTi", "ana.horvat@example.org")
    ]
    assert not FocalPoint.objects.filter(email=APPLICANT).exists()
    entry = ModelLogEntry.objects.get(action="iisg.membership.accepted")
    assert entry.data["focal_points_without_email"] == ["WBBSi"]


def test_assessment_needs_every_criterion(deciders):
    application = apply()
    with pytest.raises(PermissionDenied):
        act(application, deciders["secretariat"], "approve", comment="Partly.", criterion_0=True)
    with pytest.raises(PermissionDenied):  # the Board does not assess
        act(application, deciders["board"][0], "approve", comment="x", **ALL_CRITERIA)


def test_rejection_is_kept_with_its_reason(
    deciders, mailoutbox, django_capture_on_commit_callbacks
):
    application = act(apply(), deciders["secretariat"], "approve", comment="OK", **ALL_CRITERIA)
    with django_capture_on_commit_callbacks(execute=True):
        application = act(
            application, deciders["board"][3], "reject", comment="No activity in the region."
        )
    assert application.status == MembershipApplication.Status.REJECTED
    assert application.decision_reason == "No activity in the region."
    assert not Member.objects.filter(name="Council of Europe").exists()
    assert application.current_workflow_state is None  # the decision closed the workflow
    [mail] = [m for m in mailoutbox if m.to == [APPLICANT]]
    assert "No activity in the region." in mail.body


def test_a_rejection_after_the_acceptance_changes_nothing(deciders):
    """Two decisions reaching one application (a second workflow, a late signal): the first,
    an acceptance, stands; the organisation stays a member."""
    application = apply()
    member = application.accept(reason="Approved at the Board meeting.")
    assert application.reject(reason="Too late.") is False
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.decision_reason == "Approved at the Board meeting."
    assert application.member == member and Member.objects.filter(pk=member.pk).exists()


def test_a_second_approval_changes_nothing_and_sends_no_second_letter(
    deciders, mailoutbox, django_capture_on_commit_callbacks
):
    """A second workflow on an accepted application, approved again: the member and the
    first decision's reason stay, and the applicant gets one letter, not two."""
    with django_capture_on_commit_callbacks(execute=True):
        application = act(apply(), deciders["secretariat"], "approve", comment="OK", **ALL_CRITERIA)
        for seat in deciders["board"]:
            application = act(application, seat, "approve", comment="Welcome.")
    assert application.status == MembershipApplication.Status.APPROVED
    reason = application.decision_reason
    with django_capture_on_commit_callbacks(execute=True):
        application.get_workflow().start(application, deciders["secretariat"])
        application = act(application, deciders["secretariat"], "approve", comment="Again.",
                          **ALL_CRITERIA)  # fmt: skip
        for seat in deciders["board"]:
            application = act(application, seat, "approve", comment="Again.")

    assert application.current_workflow_state is None
    assert application.decision_reason == reason
    assert Member.objects.filter(name="Council of Europe").count() == 1
    assert len([mail for mail in mailoutbox if mail.to == [APPLICANT]]) == 1


def test_silent_procedure_adopts_without_objection(deciders):
    application = act(
        apply(procedure="silent"), deciders["secretariat"], "approve", comment="OK", **ALL_CRITERIA
    )
    state = application.current_workflow_task_state.specific
    assert state.close_if_due(now=state.deadline + timedelta(minutes=1))
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.member.name == "Council of Europe"
    assert application.member.focal_points.count() == 2


# EU JHA agencies: upon notification to the Board.


def test_the_inspect_view_shows_the_annex_signature_block(client, deciders):
    application = apply(kind="eu_jha_agency", organisation="Eurojust")
    client.force_login(deciders["secretariat"])
    viewset = MembershipApplication.snippet_viewset
    content = client.get(reverse(viewset.get_url_name("inspect"), args=[application.pk]))
    content = content.content.decode()
    for text in (
        "Director of External Relations",
        "Entitled to sign on behalf of the organisation",
        "ivan.petrov@example.org",
        "+43 1 000 0002",
        "Board notified on",
        "Not yet",
        # Submitted at: in the site's time zone (Belgrade), as the listing gives it.
        formats.date_format(timezone.localtime(application.submitted_at), "DATETIME_FORMAT"),
    ):
        assert text.lower() in content.lower(), text
    assert ">None<" not in content.replace(" ", "").replace("\n", "")  # not yet a member: "-"


def test_the_admin_edit_form_keeps_focal_points_one_per_pillar(client, deciders):
    application = apply(procedure="silent")
    client.force_login(deciders["secretariat"])
    url = reverse(MembershipApplication.snippet_viewset.get_url_name("edit"), args=[application.pk])
    assert "ana.horvat@example.org" in client.get(url).content.decode()
    wbcti = Pillar.objects.get(code="WBCTi").pk
    data = {
        "organisation": "Council of Europe",
        "kind": "international_organisation",
        "confirms_interest": "on",
        "understands_information_sharing": "on",
        "understands_no_sensitive_information": "on",
        "applicant_name": "Jean Martin",
        "signatory_function": "Director",
        "signed_on": "2026-11-20",
        "signatory_entitled": "on",
        "applicant_email": APPLICANT,
        "procedure": "silent",
        "decision_reason": "",
        "focal_points-TOTAL_FORMS": "2",
        "focal_points-INITIAL_FORMS": "0",
        "focal_points-MIN_NUM_FORMS": "1",
        "focal_points-MAX_NUM_FORMS": "1000",
    }
    for index in range(2):
        data |= {
            f"focal_points-{index}-pillar": wbcti,
            f"focal_points-{index}-name": f"Person {index}",
            f"focal_points-{index}-email": f"person{index}@example.org",
            f"focal_points-{index}-phone": f"+386 1 000 000{index}",
            f"focal_points-{index}-ORDER": str(index),
            f"focal_points-{index}-id": "",
            f"focal_points-{index}-DELETE": "",
        }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "Please correct the duplicate" in response.content.decode()


# Automatic members: former lead partners and the Secretariat's host.


def leads_of(pillar):
    """The pillar's lead partners today, as its public page lists them."""
    return [role.member for role in support_group_composition(pillar).leads]


def test_a_lead_role_that_ends_makes_an_automatic_member_with_the_reason(deciders):
    dcaf = MemberFactory(name="DCAF Ljubljana", membership_basis="")
    pillar = Pillar.objects.get(code="WBCTi")
    role = PillarRole.objects.create(
        pillar=pillar, member=dcaf, role=PillarRole.Role.LEAD, start=date(2017, 9, 8)
    )
    dcaf.refresh_from_db()
    assert dcaf.membership_basis == MembershipBasis.NOT_RECORDED  # still the lead partner
    assert leads_of(pillar) == [dcaf]

    role.end = timezone.localdate() - timedelta(days=1)
    role.save()

    dcaf.refresh_from_db()
    assert dcaf.membership_basis == MembershipBasis.FORMER_LEAD_PARTNER
    assert dcaf.status == Member.Status.ACTIVE
    assert leads_of(pillar) == []  # no longer leading the pillar
    entry = ModelLogEntry.objects.get(action="iisg.membership.basis")
    assert entry.data["label"] == "Automatic: former lead partner"
    assert entry.data["detail"].startswith("lead partner of WBCTi until")
    assert dcaf.refresh_membership_basis() is False  # idempotent
    assert refresh_all() == []
    assert ModelLogEntry.objects.filter(action="iisg.membership.basis").count() == 1


def test_the_basis_is_recorded_in_english_and_read_in_the_readers_language(deciders):
    """A change made from an Albanian admin is recorded in the working language; the history
    shows it to each reader in theirs."""
    dcaf = MemberFactory(name="DCAF Ljubljana", membership_basis="")
    role = PillarRole.objects.create(
        pillar=Pillar.objects.get(code="WBCTi"), member=dcaf, role=PillarRole.Role.LEAD,
        start=date(2017, 9, 8),
    )  # fmt: skip
    with translation.override("sq"):
        role.end = timezone.localdate() - timedelta(days=1)
        role.save()
    entry = ModelLogEntry.objects.get(action="iisg.membership.basis")
    assert entry.data["label"] == "Automatic: former lead partner"
    assert entry.data["detail"].startswith("lead partner of WBCTi until")
    formatter = MembershipBasisFormatter()
    assert str(formatter.format_message(entry)).startswith(
        "Member as: Automatic: former lead partner (lead partner of WBCTi until"
    )
    with translation.override("sq"):
        albanian = str(formatter.format_message(entry))
    assert str(MembershipBasis.FORMER_LEAD_PARTNER.label) not in albanian
    with translation.override("sq"):
        assert str(MembershipBasis.FORMER_LEAD_PARTNER.label) in albanian


def test_a_co_lead_role_that_ends_is_not_a_former_lead_partner(deciders):
    austria = MemberFactory(name="Austria", kind="eu_member_state")
    PillarRole.objects.create(
        pillar=Pillar.objects.get(code="WBCTi"),
        member=austria,
        role=PillarRole.Role.CO_LEAD,
        start=date(2017, 9, 8),
        end=date(2020, 1, 1),
    )
    austria.refresh_from_db()
    assert austria.membership_basis == MembershipBasis.NOT_RECORDED


def test_a_lead_role_ending_later_counts_from_the_day_after(deciders):
    member = MemberFactory(name="PCC SEE Secretariat")
    last_day = timezone.localdate() + timedelta(days=10)
    PillarRole.objects.create(
        pillar=Pillar.objects.get(code="WBCSCi"), member=member, start=None, end=last_day
    )
    member.refresh_from_db()
    assert member.membership_basis == MembershipBasis.NOT_RECORDED
    assert member.refresh_membership_basis(day=last_day) is False
    assert member.refresh_membership_basis(day=last_day + timedelta(days=1)) is True
    assert member.membership_basis == MembershipBasis.FORMER_LEAD_PARTNER


def test_the_secretariats_host_is_a_member_automatically(deciders):
    rcc = MemberFactory(name="Regional Cooperation Council", status=Member.Status.FORMER)
    hosting = SecretariatHost.objects.create(
        member=rcc, start=date(2020, 4, 1), decision="4th IISG Board Meeting"
    )
    rcc.refresh_from_db()
    assert rcc.membership_basis == MembershipBasis.SECRETARIAT_HOST
    assert rcc.status == Member.Status.ACTIVE
    entry = ModelLogEntry.objects.get(action="iisg.membership.basis")
    assert entry.data["detail"] == "hosts the IISG Secretariat since 1 April 2020"

    hosting.end = timezone.localdate() - timedelta(days=1)  # another host takes over
    hosting.save()
    rcc.refresh_from_db()
    assert rcc.membership_basis == MembershipBasis.NOT_RECORDED  # the reason no longer holds


def test_one_secretariat_host_at_a_time(deciders):
    SecretariatHost.objects.create(member=MemberFactory(name="RCC"), start=date(2020, 4, 1))
    overlapping = SecretariatHost(member=MemberFactory(name="Other"), start=date(2023, 1, 1))
    with pytest.raises(ValidationError, match="one host at a time"):
        overlapping.full_clean()


def test_kind_decides_the_basis_of_the_three_groups(deciders):
    assert Member.objects.get(country_code="AL").membership_basis == MembershipBasis.WB_PARTNER
    commission = Member.objects.get(name="European Commission")
    assert commission.membership_basis == MembershipBasis.EC_EEAS
    europol = MemberFactory(name="Europol", kind="eu_jha_agency")
    assert europol.membership_basis == MembershipBasis.JHA_NOTIFICATION


def test_an_automatic_basis_cannot_be_chosen_by_hand(deciders):
    member = MemberFactory(name="UNODC")
    member.membership_basis = MembershipBasis.FORMER_LEAD_PARTNER
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "recorded automatically" in str(error.value.message_dict["membership_basis"])
    member.membership_basis = MembershipBasis.BOARD_APPROVAL  # before applications were kept
    member.full_clean()
    member.save()
    member.refresh_from_db()
    assert member.membership_basis == MembershipBasis.BOARD_APPROVAL


def test_the_member_list_shows_the_basis(client, deciders):
    rcc = MemberFactory(name="Regional Cooperation Council")
    SecretariatHost.objects.create(member=rcc, start=date(2020, 4, 1))
    client.force_login(deciders["secretariat"])
    content = client.get(reverse("needs_snippets_member_modeladmin_index")).content.decode()
    assert "Automatic: host of the Secretariat" in content
    assert "Western Balkans partner" in content


# The pillars' Support Groups.


def test_the_pillar_shows_its_support_group(client, deciders):
    from django.contrib.auth.models import Group

    pillar = Pillar.objects.get(code="WBCTi")
    pillar.support_group = Group.objects.get(name="Support Group WBCTi")
    pillar.save()
    dcaf = MemberFactory(name="DCAF Ljubljana")
    austria = MemberFactory(
        name="Austria, Federal Ministry of the Interior", kind="eu_member_state"
    )
    PillarRole.objects.create(pillar=pillar, member=dcaf, start=date(2017, 9, 8))
    PillarRole.objects.create(
        pillar=pillar, member=austria, role=PillarRole.Role.CO_LEAD, start=date(2017, 9, 8)
    )
    reviewer = focal_point(dcaf, "reviewer-wbcti", groups=["Support Group WBCTi"])
    reviewer.first_name, reviewer.last_name = "Viktor", "Reviewer"
    reviewer.save()

    composition = support_group_composition(pillar)
    assert [r.member for r in composition.leads] == [dcaf]
    assert [r.member for r in composition.co_leads] == [austria]
    assert composition.reviewers == [reviewer]
    need = NeedFactory(pillar=pillar, axis__pillar=pillar)
    assert need.get_review_groups() == [pillar.support_group]  # its reviewers review its needs

    client.force_login(deciders["secretariat"])
    url = reverse(Pillar.snippet_viewset.get_url_name("inspect"), args=[pillar.pk])
    content = client.get(url).content.decode()
    for text in (
        "DCAF Ljubljana (since 8 September 2017)",
        "Austria, Federal Ministry of the Interior (since 8 September 2017)",
        "Viktor Reviewer (DCAF Ljubljana)",
        "Support Group WBCTi",
    ):
        assert text in content, text


def test_roles_are_edited_in_the_pillar(client, deciders):
    pillar = Pillar.objects.get(code="WBBSi")
    dcaf = MemberFactory(name="DCAF Ljubljana")
    client.force_login(deciders["secretariat"])
    url = reverse(Pillar.snippet_viewset.get_url_name("edit"), args=[pillar.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "WBBSi",
            "name": pillar.name,
            "scope": "",
            "support_group": "",
            "sort_order": "2",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-MIN_NUM_FORMS": "0",
            "roles-MAX_NUM_FORMS": "1000",
            "roles-0-member": dcaf.pk,
            "roles-0-role": "lead",
            "roles-0-start": "2017-09-08",
            "roles-0-end": "2021-12-31",
            "roles-0-id": "",
            "roles-0-DELETE": "",
        },
    )
    assert response.status_code == 302
    dcaf.refresh_from_db()
    assert dcaf.membership_basis == MembershipBasis.FORMER_LEAD_PARTNER
    entry = ModelLogEntry.objects.get(action="iisg.membership.basis")
    assert entry.user == deciders["secretariat"]


def test_a_pillar_with_its_lead_and_co_lead_is_saved(client, deciders):
    """Two roles or more are sorted as the form saves them (leads first, unknown starts first),
    in memory as in the database."""
    pillar = Pillar.objects.get(code="WBBSi")
    austria, dcaf = MemberFactory(name="Austria"), MemberFactory(name="DCAF Ljubljana")
    slovenia = MemberFactory(name="Slovenia")
    PillarRole.objects.create(pillar=pillar, member=austria, role="co_lead", start=date(2019, 1, 1))
    PillarRole.objects.create(pillar=pillar, member=slovenia, role="lead", start=date(2020, 1, 1))
    PillarRole.objects.create(pillar=pillar, member=dcaf, role="lead")
    client.force_login(deciders["secretariat"])
    url = reverse(Pillar.snippet_viewset.get_url_name("edit"), args=[pillar.pk])
    response = client.post(url, {**opened_form(client, url), "scope": "Border security."})
    assert response.status_code == 302
    pillar.refresh_from_db()
    assert pillar.scope == "Border security."
    assert [role.member for role in pillar.roles.all()] == [dcaf, slovenia, austria]


def test_a_pillar_is_deleted_with_its_roles(deciders):
    pillar = PillarFactory(code="TEST", name="A pillar to delete")
    dcaf = MemberFactory(name="DCAF Ljubljana")
    PillarRole.objects.create(
        pillar=pillar, member=dcaf, start=date(2017, 9, 8), end=date(2020, 1, 1)
    )
    PillarRole.objects.create(pillar=pillar, member=dcaf, role=PillarRole.Role.CO_LEAD)
    assert [role.member for role in support_group_composition(pillar).co_leads] == [dcaf]
    pillar.delete()
    assert not PillarRole.objects.exists()
    dcaf.refresh_from_db()
    assert dcaf.membership_basis == MembershipBasis.NOT_RECORDED  # its lead role went too


def test_a_periodic_job_records_roles_that_ended_since(deciders):
    from iisg_pages.periodic import get_periodic_jobs

    member = MemberFactory(name="PCC SEE Secretariat")
    role = PillarRole.objects.create(pillar=Pillar.objects.get(code="WBCSCi"), member=member)
    # The last day passed without anybody saving the role.
    PillarRole.objects.filter(pk=role.pk).update(end=timezone.localdate() - timedelta(days=1))
    member.refresh_from_db()
    assert member.membership_basis == MembershipBasis.NOT_RECORDED

    [job] = [job for job in get_periodic_jobs() if job.name == "refresh_membership"]
    job.run()
    member.refresh_from_db()
    assert member.membership_basis == MembershipBasis.FORMER_LEAD_PARTNER
    assert leads_of(Pillar.objects.get(code="WBCSCi")) == []
