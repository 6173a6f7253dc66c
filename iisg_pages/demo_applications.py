"""The demo's membership applications under way, read from
`demo_data/membership_applications.json` (illustrative, with a note) and checked on load: a
missing field, an unknown kind, procedure or pillar, or a malformed date stops `load_demo` with
a message naming the file, the application and what to fix (needs_snippets.demo.rows.JsonFile).
"""

from pathlib import Path

from needs_snippets.demo import registries
from needs_snippets.demo.rows import JsonFile
from needs_snippets.models import ApplicationFocalPoint, MembershipApplication, Pillar

from .models.pages import submit_application

APPLICATIONS_FILE = Path(__file__).parent / "demo_data" / "membership_applications.json"
APPLICATION_FIELDS = (
    "organisation",
    "kind",
    "procedure",
    "applicant_name",
    "signatory_function",
    "applicant_email",
)
FOCAL_POINT_FIELDS = ("pillar", "name", "email", "phone")


def _texts(file, item, names, where):
    """The values of `names` in `item`, each a text that is not blank."""
    values = file.fields(item, names, where)
    return {name: file.text(value, where, name) for name, value in zip(names, values, strict=True)}


def _application(file, item, where):
    """The fields of one application, its focal points' as a list under "focal_points"."""
    application = _texts(file, item, APPLICATION_FIELDS, where)
    kinds = [value for value, _label in MembershipApplication._meta.get_field("kind").choices]
    file.choice(application["kind"], kinds, where, "kind")
    procedures = MembershipApplication.Procedure.values
    file.choice(application["procedure"], procedures, where, "procedure")
    pillars = [pillar["code"] for pillar in registries.PILLARS]
    (contacts,) = file.fields(item, ("focal_points",), where)
    focal_points = []
    for number, contact in enumerate(file.entries(contacts, f"{where}, focal_points"), start=1):
        at = f"{where}, focal point {number}"
        point = _texts(file, contact, FOCAL_POINT_FIELDS, at)
        file.choice(point["pillar"], pillars, at, "pillar")
        focal_points.append(point)
    return {**application, "focal_points": focal_points}


def read(path=None):
    """The date of signature and the applications, checked."""
    file = JsonFile(path or APPLICATIONS_FILE)
    data = file.read()
    signed_on, items = file.fields(data, ("signed_on", "applications"), "the file")
    return {
        "signed_on": file.date(signed_on, "signed_on", required=True),
        "applications": [
            _application(file, item, f"application {number}")
            for number, item in enumerate(file.entries(items, "applications"), start=1)
        ],
    }


def load_membership_applications():
    """Two applications under way: one for the Board, one EU JHA agency to be notified.
    Returns how many were submitted (an organisation that has applied is left alone)."""
    data = read()
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}
    created = 0
    for fields in data["applications"]:
        if MembershipApplication.objects.filter(organisation=fields["organisation"]).exists():
            continue
        application = MembershipApplication(
            confirms_interest=True,
            understands_information_sharing=True,
            understands_no_sensitive_information=True,
            signatory_entitled=True,
            signed_on=data["signed_on"],
            **{name: fields[name] for name in APPLICATION_FIELDS},
        )
        application.focal_points = [
            ApplicationFocalPoint(**{**point, "pillar": pillars[point["pillar"]]})
            for point in fields["focal_points"]
        ]
        submit_application(application)
        created += 1
    return created
