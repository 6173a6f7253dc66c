"""Montenegrin for the strings of Django and django-allauth, which have no Montenegrin
catalogue: their Serbian Latin ones, written to cms/fallback_catalogues/cnr (see LOCALE_PATHS,
where our own catalogues come first). Run again after upgrading either."""

import importlib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.core.management.base import BaseCommand

from cms import catalogues

#: The packages whose own strings the site shows (forms, dates, sign-in), and where each keeps
#: its catalogues.
SOURCES = {
    "django": "conf/locale",
    "django.contrib.auth": "locale",
    "allauth": "locale",
}


def serbian_latin_catalogue(package, folder):
    root = Path(importlib.import_module(package).__file__).parent
    with open(root / folder / "sr_Latn" / "LC_MESSAGES" / "django.po", "rb") as source:
        return read_po(source, locale="sr_Latn")


class Command(BaseCommand):
    help = "Write cms/fallback_catalogues/cnr from Django's and allauth's Serbian Latin strings."

    def handle(self, *args, **options):
        ours = catalogues.read_catalogue("cnr")
        fallback = Catalog(
            locale="sr_Latn",  # the plural rule of Montenegrin, which Babel does not know
            project="IISG Hub",
            fuzzy=False,  # compiled as it is
            header_comment=(
                "# Django's and django-allauth's own strings for Montenegrin:\n"
                "# their Serbian Latin catalogues, written by\n"
                "# manage.py write_montenegrin_fallback. Do not edit."
            ),
        )
        for package, folder in SOURCES.items():
            for message in serbian_latin_catalogue(package, folder):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if (
                    not message.id
                    or message.fuzzy
                    or not all(strings)
                    or (message.id, message.context) in fallback
                    or ours.get(message.id, message.context) is not None
                ):
                    continue
                fallback.add(message.id, message.string, context=message.context)
        path = catalogues.FALLBACKS_DIR / "cnr" / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as target:
            write_po(target, fallback, width=79, omit_header=False, sort_output=True)
        self.stdout.write(f"Wrote {len(fallback)} strings to {path}.")
