"""Fixed vocabularies of the secure database: designations, IATI code lists, ISO 4217."""

import json
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.designation import KOSOVO_COUNTRY_CODE, KOSOVO_FOOTNOTE

__all__ = ["KOSOVO_COUNTRY_CODE", "KOSOVO_FOOTNOTE"]  # and the vocabularies below


class IATIOrganisationRole(models.IntegerChoices):
    """IATI OrganisationRole code list: what a participating organisation does."""

    FUNDING = 1, _("Funding")
    ACCOUNTABLE = 2, _("Accountable")
    EXTENDING = 3, _("Extending")
    IMPLEMENTING = 4, _("Implementing")


class IATIActivityStatus(models.IntegerChoices):
    """IATI ActivityStatus code list."""

    PIPELINE = 1, _("Pipeline/identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


ISO_4217_FILE = Path(__file__).parent / "data" / "iso_4217_currencies.json"


def read_currency_codes(path=ISO_4217_FILE):
    """The file's currency codes, in its order; a ValueError names the file and the entry that
    is not a three-letter capital code, or is repeated or out of alphabetical order."""
    try:
        codes = json.loads(path.read_text(encoding="utf-8"))["codes"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a JSON object with a list of codes ({error!r}).") from None
    previous = ""
    for number, code in enumerate(codes, start=1):
        where = f"{path}, code {number}: {code!r}"
        if not (isinstance(code, str) and len(code) == 3 and code.isascii() and code.isupper()):
            raise ValueError(f"{where} is not an ISO 4217 code (three capital letters).")
        if code <= previous:
            raise ValueError(f"{where} follows {previous!r}: list each code once, A to Z.")
        previous = code
    return codes


#: The codes a response's currency may take; the file says which and why.
ISO_4217_CODES = read_currency_codes()
CURRENCY_CHOICES = [(code, code) for code in ISO_4217_CODES]
