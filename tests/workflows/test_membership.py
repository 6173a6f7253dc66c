"""Membership decisions: assessment, Board unanimity or silent procedure, JHA notification."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from iisg_pages.workflow_setup import ensure_membership_workflows
from needs_snippets.models import FocalPoint, Member, MembershipApplication
from tests.factories import PillarFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_CRITERIA = {"criterion_0": True, "criterion_1": True, "criterion_2": True}


@pytest.fixture
def people():
    ensure_membership_workflows()
    for code in ("WBCTi", "WBCSCi", "WBBSi"):
        PillarFactory(code=code)
    return {
        "secretariat": UserFactory(username="sec", groups=["Secretariat"]),
        "board": [UserFactory(username=f"board{i}", groups=["Board"]) for i in range(7)],
    }


def apply(procedure="meeting", kind="international_organisation", **fields):
    application = MembershipApplication.objects.create(
        organisation=fields.pop("organisation", "Council of Europe"),
        kind=kind,
        confirms_interest=True,
        understands_information_sharing=True,
        understands_no_sensitive_information=True,
        focal_point_wbcti="Ana Horvat",
        focal_point_wbbsi="Ivan Petrov",
        applicant_name="Jean Martin",
        applicant_email="jean.martin@example.org",
        procedure=procedure,
        live=False,
        **fields,
    )
    application.save_revision()
    workflow = application.get_workflow()
    if workflow:
        workflow.start(application, None)
    return application


def act(application, user, action, **kwargs):
    application = MembershipApplication.objects.get(pk=application.pk)
    state = application.current_workflow_task_state
    state.task.specific.on_action(state, user, action, **kwargs)
    return MembershipApplication.objects.get(pk=application.pk)


def test_assessment_then_unanimity_makes_a_member(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    application = act(
        apply(), people["secretariat"], "approve", comment="Meets all three.", **ALL_CRITERIA
    )
    assert application.current_workflow_task.name == "Board approval by unanimity"
    with django_capture_on_commit_callbacks(execute=True):
        for member in people["board"]:
            application = act(application, member, "approve")

    assert application.status == MembershipApplication.Status.APPROVED
    member = Member.objects.get(name="Council of Europe")
    assert member.joined == timezone.localdate()
    assert application.member == member
    assert sorted(FocalPoint.objects.filter(member=member).values_list("pillar__code", "name")) == [
        ("WBBSi", "Ivan Petrov"), ("WBCTi", "Ana Horvat"),
    ]  # fmt: skip
    [mail] = [m for m in mailoutbox if m.to == ["jean.martin@example.org"]]
    assert "approved" in mail.subject


def test_assessment_needs_every_criterion(people):
    application = apply()
    with pytest.raises(PermissionDenied):
        act(application, people["secretariat"], "approve", comment="Partly.", criterion_0=True)
    with pytest.raises(PermissionDenied):  # the Board does not assess
        act(application, people["board"][0], "approve", comment="x", **ALL_CRITERIA)


def test_rejection_is_kept_with_its_reason(people, mailoutbox, django_capture_on_commit_callbacks):
    application = act(apply(), people["secretariat"], "approve", comment="OK", **ALL_CRITERIA)
    with django_capture_on_commit_callbacks(execute=True):
        application = act(
            application, people["board"][3], "reject", comment="No activity in the region."
        )
    assert application.status == MembershipApplication.Status.REJECTED
    assert application.decision_reason == "No activity in the region."
    assert not Member.objects.filter(name="Council of Europe").exists()
    assert application.current_workflow_state is None  # the decision closed the workflow
    [mail] = [m for m in mailoutbox if m.to == ["jean.martin@example.org"]]
    assert "No activity in the region." in mail.body


def test_silent_procedure_adopts_without_objection(people):
    application = act(
        apply(procedure="silent"), people["secretariat"], "approve", comment="OK", **ALL_CRITERIA
    )
    state = application.current_workflow_task_state.specific
    assert state.close_if_due(now=state.deadline + timedelta(minutes=1))
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.member.name == "Council of Europe"


def test_jha_agency_joins_upon_notification_without_a_vote(client, people, mailoutbox):
    application = apply(kind="eu_jha_agency", organisation="Eurojust")
    assert application.get_workflow() is None
    url = reverse("membership_jha_notified", args=[application.pk])

    client.force_login(people["board"][0])
    client.post(url)
    assert not Member.objects.filter(name="Eurojust").exists()

    client.force_login(people["secretariat"])
    listing = client.get(reverse(MembershipApplication.snippet_viewset.get_url_name("list")))
    assert url in listing.content.decode()  # the "Record notification to the Board" button
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "make it a member" in confirm.content.decode()
    assert not Member.objects.filter(name="Eurojust").exists()  # GET changes nothing
    assert client.post(url).status_code == 302
    assert Member.objects.get(name="Eurojust").kind == "eu_jha_agency"
    application.refresh_from_db()
    assert application.decision_reason == "EU JHA agency: notified to the Board."
