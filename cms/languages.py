"""The languages IISG Hub speaks, and Montenegrin's entry where Django has none.

Contract: `LANGUAGES` lists every language the product has catalogues for, English (the source
and the IISG's working language) first; `enabled(codes)` keeps those a deployment asks for
(English always); `register_montenegrin()` adds `cnr` to Django's language table so that
`get_language_info("cnr")` and the language switcher know it; `person_language(user)` is the
language a person chose (their Wagtail profile's), English if none or one no longer offered;
`bcp47(code)` is a Django language code as HTML's `lang` writes it.
"""

from django.conf import settings
from django.conf.locale import LANG_INFO

SOURCE_LANGUAGE = "en-gb"

# Each language in its own name, as the switcher shows it.
LANGUAGES = [
    (SOURCE_LANGUAGE, "English"),
    ("sq", "Shqip"),
    ("bs", "Bosanski"),
    ("cnr", "Crnogorski"),
    ("hr", "Hrvatski"),
    ("mk", "Македонски"),
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
]

# PostgreSQL's text search configuration per language: Snowball's Serbian stemmer reads both
# scripts and serves its neighbours; Albanian and Macedonian have no stemmer, so their words
# are matched whole (Albanian also without its diacritics: "pergjigje" finds "përgjigje").
# iisg_albanian is created by iisg_pages' migrations.
SEARCH_CONFIGS = {
    SOURCE_LANGUAGE: "english",
    "sq": "iisg_albanian",
    "bs": "serbian",
    "cnr": "serbian",
    "hr": "serbian",
    "mk": "simple",
    "sr-latn": "serbian",
    "sr": "serbian",
}

# The interface's translations as they stand: made without a native speaker's review.
UNREVIEWED = "sq,bs,cnr,hr,mk,sr-latn,sr"

MONTENEGRIN = {
    "bidi": False,
    "code": "cnr",
    "name": "Montenegrin",
    "name_local": "crnogorski",
}


def register_montenegrin():
    LANG_INFO.setdefault("cnr", MONTENEGRIN)


def enabled(codes):
    """The languages among `LANGUAGES` whose codes are in `codes` (a comma-separated string;
    empty: all), English always first. An unknown code is an error that names it."""
    wanted = {code.strip().lower() for code in codes.split(",") if code.strip()}
    if not wanted:
        return list(LANGUAGES)
    known = {code for code, _name in LANGUAGES}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            f"IISG_LANGUAGES names unknown language codes {', '.join(unknown)}; "
            f"known: {', '.join(sorted(known))}."
        )
    return [(code, name) for code, name in LANGUAGES if code == SOURCE_LANGUAGE or code in wanted]


def person_language(user):
    """The language a person chose in their profile, if it is one of LANGUAGES; else English."""
    if user is None or not user.is_authenticated:
        return settings.LANGUAGE_CODE
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = getattr(profile, "preferred_language", "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def bcp47(code):
    """A Django language code as HTML's `lang` writes it: sr-latn → sr-Latn, en-gb → en-GB."""
    language, _, rest = code.partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"
