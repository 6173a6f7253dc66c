"""What this release of the code renders pages with: a digest of the templates and the
template tags. Caches that keep rendered HTML (the page cache, the report's article) key it
with the release, so that after an upgrade no machine serves what an earlier layout rendered,
however long it was to be kept."""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

#: Where the site's HTML comes from, under BASE_DIR.
RENDERING = ("templates", "iisg_pages/templatetags")


@functools.cache
def release():
    """The digest (16 hex digits) of every file under RENDERING, names and contents."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder in RENDERING:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
