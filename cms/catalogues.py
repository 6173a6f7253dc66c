"""The interface's catalogues (locale/<language>/LC_MESSAGES/django.po): what is missing from
them, and Serbian in Cyrillic made from Serbian in Latin script.

Contract: `problems(language)` lists, for one catalogue, every string of the source the
catalogue lacks, every entry untranslated or fuzzy, every translation whose placeholders
(%(name)s, %s, {name}) or HTML tags differ from the English, and every translation left
identical to the English that locale/identical.txt (names and codes, for every language or
for one) does not list. `source_strings()` extracts the source's strings with Django's
makemessages (GNU gettext's xgettext must be installed). `transliterate(text, english)` writes
Serbian Latin text in Cyrillic, leaving placeholders, markup, addresses and the English's own
abbreviations (IISG, WBCTi) as they are.
"""

import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cyrtranslit
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils.translation import to_locale

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Strings of the libraries we use, for a language they do not translate (Montenegrin).
# Outside locale/, which makemessages -a reads as a list of languages.
FALLBACKS_DIR = Path(settings.BASE_DIR) / "cms" / "fallback_catalogues"
IDENTICAL_ALLOWED_FILE = LOCALE_DIR / "identical.txt"
# What makemessages must not read: the environment, tests, collected and static files, and
# the catalogues themselves (found there, they would take the extraction instead of ours).
IGNORED = [
    ".venv/*",
    "tests/*",
    "static/*",
    "iisg_pages/static/*",
    "media/*",
    "backups/*",
    "locale",
]

#: A printf placeholder, named or not, with its flags, width and precision (%(size).1f), or a
#: format field ({name}).
PLACEHOLDER_PATTERN = (
    r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0+-]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|\{[A-Za-z_][A-Za-z0-9_]*\}"
)
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Kept in Latin script inside Cyrillic text: placeholders, tags, entities, addresses, words
# with letters Serbian has not (Swagger), and the English's own abbreviations and names in
# capitals (IISG, WBCTi, PDF; `transliterate`'s `english`). Serbian abbreviations (SB UN,
# MSP) and words in capitals for emphasis (KADA) are Serbian: transliterated.
KEEP_LATIN = re.compile(
    PLACEHOLDER_PATTERN + r"|</?[A-Za-z][^>]*>|&[a-z]+;|https?://\S+|\S+@\S+"
    r"|\b\w*[qwxyQWXY]\w*\b"
)
CAPITALISED = re.compile(r"\b[A-Za-z]*[A-Z]{2,}[A-Za-z]*\b")


def catalogue_path(language):
    return LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.po"


def read_catalogue(language):
    with open(catalogue_path(language), "rb") as source:
        return read_po(source, locale=None, abort_invalid=True)


def identical_allowed(language=None):
    """The English strings a translation into `language` may keep as they are: one per line
    (# comments), for every language, or after "[code] " for that language only (a word that
    language spells as English does)."""
    if not IDENTICAL_ALLOWED_FILE.exists():
        return set()
    allowed = set()
    for line in IDENTICAL_ALLOWED_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        scoped = re.match(r"\[([\w-]+)\] (.+)", line)
        if scoped is None:
            allowed.add(line)
        elif language is not None and scoped.group(1).lower() == language.lower():
            allowed.add(scoped.group(2))
    return allowed


def source_strings():
    """{(context, msgid)} of every string marked for translation in the source."""
    # Inside the project (hidden, so not walked): makemessages writes each file's strings to
    # the first locale path whose parent holds the file.
    with tempfile.TemporaryDirectory(
        dir=settings.BASE_DIR, prefix=".catalogue-check-"
    ) as directory:
        with override_settings(LOCALE_PATHS=[directory]):
            call_command(
                "makemessages",
                locale=["xx"],
                ignore_patterns=IGNORED,
                no_obsolete=True,
                verbosity=0,
            )
        template = (Path(directory) / "xx" / "LC_MESSAGES" / "django.po").read_bytes()
        # A new catalogue's header has placeholders where its plural rule goes.
        template = template.replace(
            b"nplurals=INTEGER; plural=EXPRESSION;", b"nplurals=2; plural=0;"
        )
        extracted = read_po(io.BytesIO(template))
    return {(message.context, _singular(message.id)) for message in extracted if message.id}


def _singular(message_id):
    return message_id[0] if isinstance(message_id, tuple | list) else message_id


def _forms(value):
    return list(value) if isinstance(value, tuple | list) else [value]


@dataclass(frozen=True)
class Problem:
    language: str
    msgid: str
    what: str

    def __str__(self):
        return f"{self.language}: {self.what}: {self.msgid!r}"


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def _tags(text):
    return sorted(TAG.findall(text))


def problems(language, expected=None):
    """The catalogue's problems (see the module's contract); `expected`, when given, is the
    source's {(context, msgid)} that the catalogue must all have."""
    catalogue = read_catalogue(language)
    allowed = identical_allowed(language)
    found = []
    present = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = _forms(message.id)
        present.add((message.context, ids[0]))
        strings = _forms(message.string)
        if message.fuzzy:
            found.append(Problem(language, ids[0], "fuzzy"))
            continue
        if not all(strings):
            found.append(Problem(language, ids[0], "untranslated"))
            continue
        english_placeholders = {p for each in ids for p in _placeholders(each)}
        for index, text in enumerate(strings):
            english = ids[min(index, len(ids) - 1)]
            if len(ids) == 1 and _placeholders(text) != _placeholders(english):
                found.append(Problem(language, ids[0], "placeholders differ"))
                break
            if len(ids) > 1 and not set(_placeholders(text)) <= english_placeholders:
                found.append(Problem(language, ids[0], "placeholders not in the English"))
                break
            if _tags(text) != _tags(english):
                found.append(Problem(language, ids[0], "HTML tags differ"))
                break
        else:
            if len(ids) == 1 and strings[0] == ids[0] and ids[0] not in allowed:
                found.append(Problem(language, ids[0], "identical to the English"))
    missing = (expected or set()) - present
    for _context, msgid in sorted(missing, key=str):
        found.append(Problem(language, msgid, "missing (run makemessages)"))
    return found


def transliterate(text, english=""):
    """Serbian Latin `text` in Cyrillic script (see the module's contract); `english`, the
    source string, names the abbreviations to keep in Latin."""
    kept = set(CAPITALISED.findall(english))
    keep = KEEP_LATIN
    if kept:
        names = "|".join(re.escape(word) for word in sorted(kept, key=len, reverse=True))
        keep = re.compile(rf"{KEEP_LATIN.pattern}|\b(?:{names})\b")
    pieces = []
    position = 0
    for match in keep.finditer(text):
        pieces.append(cyrtranslit.to_cyrillic(text[position : match.start()], "sr"))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(cyrtranslit.to_cyrillic(text[position:], "sr"))
    return "".join(pieces)
