"""The published report's article (header, contents, chapters), rendered once per publication
and kept, compressed, in the default cache (Redis in production), whether the page cache is on
or not (iisg_pages/page_cache.py), and in each process's memory for the articles last served.

The key names the page's live revision and everything else the article shows that is not in
it: the release of the templates that render it (cms/release.py), when it was published, the
extract's partner, the language, the site and path its links use, the cycle's edition and the
corrigenda in effect. A new publication, a republished older revision included, is never
served what another one rendered. Previews and drafts are never kept; the site's frame around
the article (the signed-in reader's menu, tokens) is rendered for each request, and a kept
article is set into it as bytes (ArticleResponse), so that a page's cost does not grow with
the report's size.
"""

import codecs
import hashlib
import zlib
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template.response import TemplateResponse
from django.utils.http import quote_etag
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cms.release import release

from . import designation, page_cache
from .process_memory import ProcessMemory

ARTICLE_TEMPLATE = "iisg_pages/includes/report_article.html"
PLACE = "<!-- report-article -->"  # where ArticleResponse sets the kept article


class KeptArticle(NamedTuple):
    """A rendered article as UTF-8 bytes, with what the page around it needs to know of it."""

    html: bytes
    digest: str  # of `html`, for the page's ETag
    names_kosovo: bool
    has_footnote: bool

    @classmethod
    def of(cls, html):
        body = html.encode()
        return cls(body, hashlib.md5(body, usedforsecurity=False).hexdigest(),
                   *designation.designation_facts(body))  # fmt: skip


#: The articles this process served last: a kept article is read from the shared cache and
#: inflated once per process, not per request.
memory = ProcessMemory("IISG_REPORT_ARTICLE_MEMORY", sizeof=lambda article: len(article.html))


def article_key(page, request, partner, corrigenda):
    """The cache key of the article of `page` as `request` sees it (one partner's extract when
    `partner`), or None when it is rendered afresh: previews and pages not live."""
    if getattr(request, "is_preview", False) or not page.live or not page.last_published_at:
        return None
    if not page.live_revision_id:
        return None
    depends = [
        release(), page.last_published_at.isoformat(), partner, get_language(), request.get_host(),
        page.url_path, page.edition_name, str(page_cache.privacy_version()),
        *(day.isoformat() for day in corrigenda),
    ]  # fmt: skip
    digest = hashlib.sha256("\n".join(depends).encode()).hexdigest()[:32]
    return f"iisg:report-article:{page.pk}:{page.live_revision_id}:{digest}"


def kept_article(key):
    """The KeptArticle under `key` (from this process's memory, else the shared cache), or
    None."""
    if not key:
        return None
    article = memory.get(key)
    if article is None:
        kept = cache.get(key)
        if kept is None:
            return None
        compressed, digest, names_kosovo, has_footnote = kept
        html = zlib.decompress(compressed)  # noqa: S308 (written by keep_article alone)
        article = KeptArticle(html, digest, names_kosovo, has_footnote)
        memory.put(key, article)
    return article


def keep_article(key, html):
    """Keep the article `html` (str) under `key` in the shared cache and this process."""
    article = KeptArticle.of(html)
    kept = (zlib.compress(article.html), *article[1:])
    cache.set(key, kept, settings.IISG_REPORT_ARTICLE_SECONDS)
    memory.put(key, article)


def render_article(context):
    """PLACE when the article is kept (`report_article` in `context`, an ArticleResponse sets
    it in), else the article rendered from ARTICLE_TEMPLATE and kept under
    `report_article_key` when there is one."""
    if context.get("report_article") is not None:
        return mark_safe(PLACE)  # noqa: S308 (a constant)
    html = context.template.engine.get_template(ARTICLE_TEMPLATE).render(context)
    if key := context.get("report_article_key"):
        keep_article(key, html)
    return html


def article_response(request, template, context):
    """The response for a report page's `context`: an ArticleResponse around the kept
    article, else a TemplateResponse that renders the article."""
    if context.get("report_article") is None:
        return TemplateResponse(request, template, context)
    return ArticleResponse(request, template, context)


class ArticleResponse(TemplateResponse):
    """A report page whose kept article is set into the rendered frame at PLACE as bytes,
    never decoded, scanned or hashed again: the designation footnote (iisg_pages/designation.py)
    is decided from the frame and the article's kept facts, the ETag from the frame and the
    article's digest, and the Content-Length from their lengths (no middleware after it changes
    an HTML page's content but the designation rule, which passes it by). The same bytes as
    the page rendered whole."""

    rendering_attrs = [*TemplateResponse.rendering_attrs, "article"]  # not kept by pickling

    def __init__(self, request, template, context, **kwargs):
        super().__init__(request, template, context, **kwargs)
        self.article = context["report_article"]
        self.add_post_render_callback(ArticleResponse.set_article)

    def set_article(self):
        frame, charset = self.content, self.charset
        place = PLACE.encode(charset)
        if frame.count(place) != 1:
            raise ImproperlyConfigured(f"{self.template_name} shows {{% report_article %}} once")
        named, footnoted = designation.designation_facts(frame, charset)
        needed = (named or self.article.names_kosovo) and not (
            footnoted or self.article.has_footnote
        )
        marker, footer = designation.MARKER.encode(charset), designation.footer(needed)
        head, _place, tail = frame.replace(marker, footer.encode(charset), 1).partition(place)
        html = self.article.html
        if codecs.lookup(charset).name != "utf-8":
            html = html.decode().encode(charset)
        self.content = b"".join((head, html, tail))
        self.designation_resolved = True
        # Known here; CommonMiddleware would otherwise copy the content to count it.
        self["Content-Length"] = str(len(head) + len(html) + len(tail))
        digest = hashlib.md5(head + self.article.digest.encode() + tail, usedforsecurity=False)
        self["ETag"] = quote_etag(digest.hexdigest())
