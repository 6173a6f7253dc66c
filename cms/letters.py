"""E-mails to people, each in the language they chose.

Contract: `send_to_people(people, compose, preference=None)` groups the people with an e-mail
address by their chosen language (their profile's, cms.languages.person_language) and sends one
message per language, the addresses in blind copy. `compose()` is called with that language
active and returns (subject, body); the message says its language (Content-Language) and is
sent with it active, so the designation footnote (cms/mail.py) is in the same language.
Returns the number of addresses written to.

`preference` names the Wagtail notification preference (a UserProfile field) that governs the
e-mail: people who turned it off are left out. An e-mail sent without one is procedural, one
that a decision requires (a vote request, a reminder, a deadline, a notification to the Board),
and reaches everyone concerned.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import translation

from .languages import person_language

#: The preferences our e-mails follow (Wagtail's four, read in IISG Hub's terms: see
#: iisg_pages/accounts/notification_settings.py, where people set them).
REVIEW_REQUESTS = "submitted_notifications"  # content waits for your group's review
OUTCOMES = "approved_notifications"  # a report published, a response confirmed
DISPUTES = "rejected_notifications"  # a partner disputes one of your responses
ANSWERS = "updated_comments_notifications"  # a member answers your decision


def addresses_by_language(people, preference=None):
    """{language: sorted addresses} of `people` (users or user ids) who have an address (and,
    given a `preference`, have not turned it off)."""
    ids = {getattr(person, "pk", person) for person in people}
    users = (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )
    if preference is not None:  # no profile yet: Wagtail's default, on
        users = users.exclude(**{f"wagtail_userprofile__{preference}": False})
    grouped = defaultdict(set)
    for user in users:
        grouped[person_language(user)].add(user.email)
    return {language: sorted(addresses) for language, addresses in sorted(grouped.items())}


def subject_line(text):
    """`text` as a subject may hold it: on one line (a name with a line break, from a public
    form say, would otherwise stop the message)."""
    return " ".join(str(text).split())


def send_to_people(people, compose, preference=None):
    sent = 0
    for language, addresses in addresses_by_language(people, preference).items():
        with translation.override(language):
            subject, body = compose()
            EmailMessage(
                subject=subject_line(subject),
                body=str(body),
                bcc=addresses,
                headers={"Content-Language": language},
            ).send()
        sent += len(addresses)
    return sent
