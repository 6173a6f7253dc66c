"""Uploaded files: a size limit with a message that says it, and names made safe to store.

IISG_MAX_UPLOAD_SIZE (bytes, 20 MB by default) bounds documents; consultation templates have
their own, lower limit (needs_snippets/consultation/layout.py).
"""

import os
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Longest stored file name, extension included (Django's FileField keeps 100 for the path).
MAX_NAME_LENGTH = 80


def normalised_filename(name, default="upload"):
    """`name` as a short, plain file name: its last path part, composed Unicode without
    undecodable bytes or control characters, runs of anything but letters, digits, dots,
    hyphens and underscores turned into one hyphen, and at most MAX_NAME_LENGTH characters
    with the extension kept."""
    name = os.path.basename(str(name).replace("\\", "/"))
    name = name.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
    stem, extension = os.path.splitext(unicodedata.normalize("NFC", name))
    extension = re.sub(r"[^\w]+", "", extension)[:10].lower()
    extension = f".{extension}" if extension else ""
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")
    stem = stem[: MAX_NAME_LENGTH - len(extension)].rstrip(".-_") or default
    return stem + extension


def check_upload_size(file, limit=None):
    """Refuse `file` (an UploadedFile) when it is larger than the limit, saying both sizes."""
    limit = limit or settings.IISG_MAX_UPLOAD_SIZE
    if file is not None and file.size > limit:
        raise ValidationError(
            _(
                "The file is %(size).1f MB; files are at most %(max)s MB here. Make it smaller "
                "(compress it, remove pictures) or split it, then upload it again."
            )
            % {"size": file.size / 1024 / 1024, "max": limit // 1024 // 1024},
            code="file_too_large",
        )
