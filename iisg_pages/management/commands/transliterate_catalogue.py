"""Serbian in Cyrillic (locale/sr) written from Serbian in Latin script (locale/sr_Latn)."""

from babel.messages.pofile import write_po
from django.core.management.base import BaseCommand

from cms import catalogues


class Command(BaseCommand):
    help = "Write locale/sr (Cyrillic) from locale/sr_Latn, transliterated; run after editing it."

    def handle(self, *args, **options):
        catalogue = catalogues.read_catalogue("sr-latn")
        catalogue.locale = "sr"
        for message in catalogue:
            if not message.id:
                continue
            english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
            if isinstance(message.string, tuple | list):
                message.string = tuple(catalogues.transliterate(s, english) for s in message.string)
            else:
                message.string = catalogues.transliterate(message.string, english)
        with open(catalogues.catalogue_path("sr"), "wb") as target:
            write_po(target, catalogue, width=79, omit_header=False)
        self.stdout.write(f"Wrote {catalogues.catalogue_path('sr')}.")
