"""The published report's article (header, contents, chapters), rendered once per publication
and kept, compressed, in the default cache (Redis in production), whether the page cache is on
or not (iisg_pages/page_cache.py).

The key names the page's live revision and everything else the article shows that is not in
it: when it was published, the extract's partner, the language, the site and path its links
use, the cycle's edition and the corrigenda in effect. A new publication, a republished older
revision included, is never served what another one rendered. Previews and drafts are never
kept; the site's frame around the article (the signed-in reader's menu, tokens) is rendered
for each request.
"""

import hashlib
import zlib

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

ARTICLE_TEMPLATE = "includes/report_article.html"


def article_key(page, request, partner, corrigenda):
    """The cache key of the article of `page` as `request` sees it (one partner's extract when
    `partner`), or None when it is rendered afresh: previews and pages not live."""
    if getattr(request, "is_preview", False) or not page.live or not page.last_published_at:
        return None
    if not page.live_revision_id:
        return None
    depends = [
        page.last_published_at.isoformat(), partner, get_language(), request.get_host(),
        page.url_path, page.cycle.edition, *(day.isoformat() for day in corrigenda),
    ]  # fmt: skip
    digest = hashlib.sha256("\n".join(depends).encode()).hexdigest()[:32]
    return f"iisg:report:{page.pk}:{page.live_revision_id}:{digest}"


def kept_article(key):
    """The article kept under `key`, or None."""
    kept = cache.get(key) if key else None
    return None if kept is None else mark_safe(zlib.decompress(kept).decode())  # noqa: S308


def render_article(context):
    """The article as kept (`report_article` in `context`), else rendered from
    ARTICLE_TEMPLATE and kept under `report_article_key` when there is one."""
    if context.get("report_article") is not None:
        return context["report_article"]
    html = context.template.engine.get_template(ARTICLE_TEMPLATE).render(context)
    if key := context.get("report_article_key"):
        cache.set(key, zlib.compress(html.encode()), settings.IISG_REPORT_ARTICLE_SECONDS)
    return html
