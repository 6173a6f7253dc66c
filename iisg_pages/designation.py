"""Kosovo* and its footnote, one rule for every HTML page: wherever a page names Kosovo*, its
footer carries the designation footnote (base.html marks the place). Templates print the
footnote themselves with `{% kosovo_footnote %}` where it belongs in the content (the report,
the PDF); this rule sees that it is there and adds nothing then."""

from django.utils.html import escape
from django.utils.translation import pgettext

from needs_snippets.constants import KOSOVO_FOOTNOTE

MARKER = "<!-- designation-footnote -->"
NAMED = "Kosovo*"


def names():
    """Kosovo* as English and the active language write it (a translated page may show data
    written in English)."""
    # Translators: the designation as the partner's name, with its asterisk (Albanian: Kosova*).
    return {NAMED, pgettext("designation", "Kosovo*")}


def designation_facts(body, charset="utf-8"):
    """(names Kosovo*, carries the footnote) of the encoded `body`, in the active language."""
    footnote = str(KOSOVO_FOOTNOTE)
    named = any(name.encode(charset) in body for name in names())
    footnoted = any(text.encode(charset) in body for text in (escape(footnote), footnote))
    return named, footnoted


def footer(needed):
    """What replaces MARKER: the footnote paragraph when `needed`, else nothing."""
    if not needed:
        return ""
    return f'<p class="footnote" id="designation-footnote">{escape(str(KOSOVO_FOOTNOTE))}</p>'


class DesignationFootnoteMiddleware:
    """Replaces MARKER in every HTML page by the footnote where the page needs it. A response
    with `designation_resolved` set has applied the rule itself (a report page around its kept
    article, iisg_pages/report_cache.py) and is passed through unread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or getattr(response, "designation_resolved", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or MARKER.encode() not in response.content
        ):
            return response
        # On the encoded body: a report's page is megabytes, decoding it costs more than this.
        body, charset = response.content, response.charset
        named, footnoted = designation_facts(body, charset)
        response.content = body.replace(
            MARKER.encode(charset), footer(named and not footnoted).encode(charset), 1
        )
        return response
