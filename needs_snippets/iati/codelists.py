"""The IATI code lists the product uses, kept as data files in `codelists/`, each naming the
IATI repository, branch, commit and file it was taken from.

Every code the product writes into an IATI file is one of these (`check`); model fields
offer the codes that are not withdrawn (`choices`).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CODELISTS_DIR = Path(__file__).parent / "codelists"


class UnknownCode(ValueError):
    """A code that is not on its IATI code list (or is withdrawn from it)."""


@dataclass(frozen=True)
class CodeList:
    name: str
    source: dict
    names: dict  # code -> English name, withdrawn codes included
    withdrawn: frozenset

    def __contains__(self, code):
        return code in self.names and code not in self.withdrawn

    @property
    def source_url(self):
        """The file's address at the commit it was taken from."""
        return f"{self.source['repository']}/blob/{self.source['commit']}/{self.source['file']}"


@cache
def codelist(name):
    """The code list `name` (e.g. "Sector"), read once per process."""
    data = json.loads((CODELISTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return CodeList(
        name=data["name"],
        source=data["source"],
        names={item["code"]: item["name"] for item in data["items"]},
        withdrawn=frozenset(item["code"] for item in data["items"] if item.get("withdrawn")),
    )


def available():
    """Names of every code list kept."""
    return sorted(path.stem for path in CODELISTS_DIR.glob("*.json"))


def choices(name, label="{code} {name}"):
    """(code, label) for each code of `name` in use, for a model field's choices."""
    codes = codelist(name)
    return [
        (code, label.format(code=code, name=title))
        for code, title in codes.names.items()
        if code not in codes.withdrawn
    ]


def check(name, code):
    """`code` as a string, if it is on the code list `name`; UnknownCode otherwise."""
    code = str(code)
    if code not in codelist(name):
        raise UnknownCode(
            _("“%(code)s” is not on the IATI %(name)s code list.") % {"code": code, "name": name}
        )
    return code


def organisation_type_choices():
    """Choices of Member.iati_organisation_type (a callable: migrations keep its name only)."""
    return choices("OrganisationType")


def sector_choices():
    """Choices of Response.sector: the OECD DAC 5-digit purpose codes (IATI vocabulary 1)."""
    return choices("Sector")


def validate_organisation_identifier(value):
    """An IATI organisation identifier: {registration agency}-{number}, the agency on the
    OrganisationRegistrationAgency code list."""
    agencies = codelist("OrganisationRegistrationAgency")
    prefix, number = _agency_and_number(value, agencies)
    if prefix is None or not number:
        raise ValidationError(
            _(
                "Start with the code of the agency that registered the organisation (on IATI's "
                "OrganisationRegistrationAgency list, e.g. XM-DAC or XI-IATI), then a hyphen "
                "and the organisation's number there."
            ),
            code="iati_organisation_identifier",
        )


def _agency_and_number(value, agencies):
    """The longest agency code `value` starts with (followed by a hyphen), and the rest."""
    parts = value.split("-")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = "-".join(parts[:cut])
        if prefix in agencies:
            return prefix, "-".join(parts[cut:])
    return None, ""
