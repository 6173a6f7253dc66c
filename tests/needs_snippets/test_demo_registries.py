"""The demo's reference data is a data file (needs_snippets/demo/data/registries.json),
checked when read: a broken file names the item and what to fix."""

import json

import pytest

from needs_snippets.demo import registries
from needs_snippets.demo.rows import DemoDataError


def broken(tmp_path, breaks):
    data = json.loads(registries.REGISTRIES_FILE.read_text(encoding="utf-8"))
    breaks(data)
    path = tmp_path / "registries.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_file_gives_dates_as_dates_and_rows_as_tuples():
    read = registries.read()
    assert read["needs_cycle"]["phases"][2][2].isoformat() == "2021-03-03"  # the pillar meeting
    assert ("Albania", "AL", "wb_partner", "AL") == read["members"][0][:4]
    assert read["users"][0] == ("secretariat", "Sara", "Secretariat", "Secretariat", "RCC", None)


@pytest.mark.parametrize(
    "breaks, message",
    [
        (lambda d: d["members"][2].pop("joined"), "member 3: missing joined"),
        (lambda d: d["meetings"][0].update(start_date="2 Feb 2021"), "meeting 1: '2 Feb 2021'"),
        (lambda d: d["needs_cycle"]["phases"]["1"].__setitem__(0, "2021-02-30"), "phase 1"),
        (lambda d: d.pop("users"), "the file: missing users"),
    ],
)
def test_a_broken_file_names_the_item(tmp_path, breaks, message):
    with pytest.raises(DemoDataError, match="registries.json") as error:
        registries.read(broken(tmp_path, breaks))
    assert message in str(error.value)
