"""Kosovo* and its footnote, one rule for every HTML page: wherever a page names Kosovo*, its
footer carries the designation footnote (base.html marks the place). Templates print the
footnote themselves with `{% kosovo_footnote %}` where it belongs in the content (the report,
the PDF); this rule sees that it is there and adds nothing then."""

from django.utils.html import escape

from needs_snippets.constants import KOSOVO_FOOTNOTE

MARKER = "<!-- designation-footnote -->"
NAMED = "Kosovo*"


class DesignationFootnoteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or MARKER.encode() not in response.content
        ):
            return response
        # On the encoded body: a report's page is megabytes, decoding it costs more than this.
        body, charset = response.content, response.charset
        footnote = str(KOSOVO_FOOTNOTE)
        needed = NAMED.encode(charset) in body and not any(
            text.encode(charset) in body for text in (escape(footnote), footnote)
        )
        footer = f'<p class="footnote" id="designation-footnote">{escape(footnote)}</p>'
        response.content = body.replace(
            MARKER.encode(charset), footer.encode(charset) if needed else b"", 1
        )
        return response
