"""The currencies a response may take are data (needs_snippets/data/iso_4217_currencies.json),
checked when read: a broken file names the entry and what to fix."""

import json

import pytest

from needs_snippets.constants import (
    CURRENCY_CHOICES,
    ISO_4217_CODES,
    ISO_4217_FILE,
    read_currency_codes,
)
from needs_snippets.models import Response


def test_the_choices_are_the_files_codes_labelled_by_code_from_a_to_z():
    assert len(ISO_4217_CODES) == 155 and ISO_4217_CODES == sorted(ISO_4217_CODES)
    assert CURRENCY_CHOICES[:2] == [("AED", "AED"), ("AFN", "AFN")]
    assert {"EUR", "USD", "ALL", "BAM", "MKD", "RSD"} <= set(ISO_4217_CODES)
    assert Response._meta.get_field("currency").choices == CURRENCY_CHOICES


@pytest.mark.parametrize(
    "breaks, message",
    [
        (lambda codes: codes.__setitem__(40, "eur"), "code 41: 'eur' is not an ISO 4217 code"),
        (lambda codes: codes.append("EURO"), "code 156: 'EURO' is not an ISO 4217 code"),
        (lambda codes: codes.insert(2, "AFN"), "code 3: 'AFN' follows 'AFN': list each code once"),
        (lambda codes: codes.append("ABC"), "code 156: 'ABC' follows 'ZWG'"),
    ],
)
def test_a_broken_file_names_the_code(tmp_path, breaks, message):
    data = json.loads(ISO_4217_FILE.read_text(encoding="utf-8"))
    breaks(data["codes"])
    path = tmp_path / "currencies.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="currencies.json") as error:
        read_currency_codes(path)
    assert message in str(error.value)


def test_a_file_without_codes_says_so(tmp_path):
    path = tmp_path / "currencies.json"
    path.write_text('{"name": "ISO 4217"}', encoding="utf-8")
    with pytest.raises(ValueError, match="currencies.json: not a JSON object with a list of codes"):
        read_currency_codes(path)
