"""Kosovo* and its footnote in every e-mail the site sends: one rule, at the e-mail backend.

Whatever sends a message (our notifications, Wagtail's workflow e-mails, sign-in e-mails), a
message that names Kosovo* carries the designation footnote at the end of its text, and of
its HTML part when it has one, in the language active when it is sent (cms/letters.py sends
each person's in their own). The messages then go through the backend named by
IISG_EMAIL_BACKEND (SMTP in production, the console in development).
"""

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.html import escape
from django.utils.translation import pgettext

from .designation import KOSOVO_FOOTNOTE

NAMED = "Kosovo*"


def _names_kosovo(*texts):
    """Whether a text names Kosovo*, as English or the active language writes it."""
    names = {NAMED, pgettext("designation", "Kosovo*")}
    return any(name in (text or "") for text in texts for name in names)


def with_designation_footnote(message):
    """`message` with the footnote added where it names Kosovo* and lacks it (idempotent)."""
    footnote = str(KOSOVO_FOOTNOTE)
    if not _names_kosovo(message.subject, message.body, *_html_parts(message)):
        return message
    if footnote not in message.body:
        message.body = f"{message.body.rstrip()}\n\n{footnote}\n"
    for index, alternative in enumerate(getattr(message, "alternatives", [])):
        content, mimetype = alternative
        if mimetype == "text/html" and escape(footnote) not in content and footnote not in content:
            paragraph = f'<p class="footnote">{escape(footnote)}</p>'
            if "</body>" in content:
                content = content.replace("</body>", f"{paragraph}</body>", 1)
            else:
                content = f"{content}{paragraph}"
            message.alternatives[index] = alternative._replace(content=content)
    return message


def _html_parts(message):
    return [
        content
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]


class DesignationFootnoteBackend(BaseEmailBackend):
    """Adds the designation footnote, then sends through IISG_EMAIL_BACKEND."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.inner = get_connection(
            settings.IISG_EMAIL_BACKEND, fail_silently=fail_silently, **kwargs
        )

    def open(self):
        return self.inner.open()

    def close(self):
        return self.inner.close()

    def send_messages(self, email_messages):
        return self.inner.send_messages(
            [with_designation_footnote(message) for message in email_messages]
        )
