"""E-mails to people, each in the language they chose.

Contract: `send_to_people(people, compose)` groups the people with an e-mail address by their
chosen language (their profile's, cms.languages.person_language) and sends one message per
language, the addresses in blind copy. `compose()` is called with that language active and
returns (subject, body); the message says its language (Content-Language) and is sent with it
active, so the designation footnote (cms/mail.py) is in the same language. Returns the number
of addresses written to.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.utils import translation

from .languages import person_language


def addresses_by_language(people):
    """{language: sorted addresses} of `people` (users or user ids) who have an address."""
    ids = {getattr(person, "pk", person) for person in people}
    users = (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )
    grouped = defaultdict(set)
    for user in users:
        grouped[person_language(user)].add(user.email)
    return {language: sorted(addresses) for language, addresses in sorted(grouped.items())}


def send_to_people(people, compose):
    sent = 0
    for language, addresses in addresses_by_language(people).items():
        with translation.override(language):
            subject, body = compose()
            EmailMessage(
                subject=subject,
                body=str(body),
                bcc=addresses,
                headers={"Content-Language": language},
            ).send()
        sent += len(addresses)
    return sent
