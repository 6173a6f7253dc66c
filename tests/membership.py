"""Membership applications for the tests: one filed as the public form files it, a decision
taken on it, and the public form's data as a browser posts it."""

from datetime import date

from iisg_pages.models.pages import submit_application
from needs_snippets.models import ApplicationFocalPoint, MembershipApplication, Pillar

#: The Secretariat's assessment, every criterion met.
ALL_CRITERIA = {"criterion_0": True, "criterion_1": True, "criterion_2": True}
APPLICANT = "jean.martin@example.org"
#: The applicant's focal points by pillar code: name, e-mail, telephone.
CONTACTS = {
    "WBCTi": ("Ana Horvat", "ana.horvat@example.org", "+386 1 000 0001"),
    "WBBSi": ("Ivan Petrov", "ivan.petrov@example.org", "+43 1 000 0002"),
}
#: The public application form, filled in and valid (its WBCTi focal point only).
VALID_FORM = {
    "organisation": "Council of Europe",
    "kind": "international_organisation",
    "confirms_interest": "on",
    "understands_information_sharing": "on",
    "understands_no_sensitive_information": "on",
    "focal_point_wbcti_name": "Ana Horvat",
    "focal_point_wbcti_email": "ana.horvat@example.org",
    "focal_point_wbcti_phone": "+381 11 000 0001",
    "applicant_name": "Jean Martin",
    "signatory_function": "Director of External Relations",
    "signed_on": "2026-11-20",
    "signatory_entitled": "on",
    "applicant_email": APPLICANT,
}


def apply(procedure="meeting", kind="international_organisation", contacts=None, **fields):
    """An application of the Council of Europe (or `organisation`) by Jean Martin, submitted
    as the public form submits it, with the focal points of `contacts` (default CONTACTS; their
    pillars must exist)."""
    application = MembershipApplication(
        organisation=fields.pop("organisation", "Council of Europe"),
        kind=kind,
        confirms_interest=True,
        understands_information_sharing=True,
        understands_no_sensitive_information=True,
        applicant_name="Jean Martin",
        signatory_function="Director of External Relations",
        signatory_entitled=True,
        signed_on=date(2026, 11, 20),
        applicant_email=APPLICANT,
        procedure=procedure,
        **fields,
    )
    application.focal_points = [
        ApplicationFocalPoint(pillar=Pillar.objects.get(code=code), name=n, email=e, phone=p)
        for code, (n, e, p) in (CONTACTS if contacts is None else contacts).items()
    ]
    return submit_application(application)


def act(application, user, action, **kwargs):
    """`user` takes `action` on the application's current task; returns it reloaded."""
    application = MembershipApplication.objects.get(pk=application.pk)
    state = application.current_workflow_task_state
    state.task.specific.on_action(state, user, action, **kwargs)
    return MembershipApplication.objects.get(pk=application.pk)
