"""Two needs-mapping editions compared: each need new, continuing, changed, met or dropped;
lineage by code or by the predecessor the Secretariat linked; counts per pillar, axis and
partner."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from needs_snippets import editions
from needs_snippets.models import NeedOutcome, Response
from tests.factories import MappingCycleFactory, NeedFactory


def by_code(comparison):
    return {e["code"] or e["previous_code"]: e for e in comparison["entries"]}


def test_each_need_gets_one_of_the_five_states(two_editions):
    comparison = editions.compare(two_editions["earlier"], two_editions["later"])
    states = {code: e["state"] for code, e in by_code(comparison).items()}
    assert states == {
        "WBCSCi-PRE-01": "continuing",
        "WBCSCi-PRE-02": "changed",
        "WBCSCi-PRV-07": "continuing",  # renamed, linked to WBCSCi-PRE-03: not new, not ended
        "WBCSCi-PRE-09": "new",
        "WBCSCi-PRE-04": "met",
        "WBCSCi-PRE-05": "dropped",
        "WBCSCi-PRE-06": "dropped",
    }


def test_a_renamed_code_keeps_its_lineage_and_shows_what_changed(two_editions):
    renamed = by_code(editions.compare(two_editions["earlier"], two_editions["later"]))[
        "WBCSCi-PRV-07"
    ]
    assert renamed["previous_code"] == "WBCSCi-PRE-03"
    assert renamed["previous_id"] == two_editions["renamed"].pk
    assert renamed["changes"] == []  # only its code changed


def test_a_changed_need_lists_each_field_with_a_word_diff(two_editions):
    edited = by_code(editions.compare(two_editions["earlier"], two_editions["later"]))[
        "WBCSCi-PRE-02"
    ]
    changes = {c["field"]: c for c in edited["changes"]}
    assert set(changes) == {"gap", "measure", "partners"}
    assert (
        changes["partners"]["before"] == "AL, RS" and changes["partners"]["after"] == "AL, ME, RS"
    )
    assert changes["measure"]["before"] == "M1" and changes["measure"]["after"] == "M2"
    assert ("removed", "parallel financial investigations.") in changes["gap"]["diff"]
    assert ("added", "witness protection.") in changes["gap"]["diff"]


def test_a_carried_over_measure_is_not_a_change(two_editions):
    same = by_code(editions.compare(two_editions["earlier"], two_editions["later"]))[
        "WBCSCi-PRE-01"
    ]
    assert same["state"] == "continuing" and same["changes"] == []


def test_met_and_dropped_needs_carry_their_evidence_reason_and_responses(two_editions):
    shown = Response.objects.all()
    entries = by_code(editions.compare(two_editions["earlier"], two_editions["later"], shown))
    met = entries["WBCSCi-PRE-04"]["outcome"]
    assert met["evidence"] == "Units set up in Albania and Serbia in 2022."
    assert met["responses"] == ["Financial investigations training"]
    # A reader who may not see the response is not told its title.
    hidden = editions.compare(two_editions["earlier"], two_editions["later"], shown.none())
    assert by_code(hidden)["WBCSCi-PRE-04"]["outcome"]["responses"] == []
    assert entries["WBCSCi-PRE-05"]["outcome"]["reason"].startswith("Merged into")
    assert entries["WBCSCi-PRE-06"]["outcome"] is None  # dropped, its reason not recorded yet


def test_counts_per_pillar_axis_partner_and_overall(two_editions):
    comparison = editions.compare(two_editions["earlier"], two_editions["later"])
    counts = editions.counts(comparison["entries"])
    assert counts["overall"] == {"new": 1, "continuing": 2, "changed": 1, "met": 1, "dropped": 2}
    assert counts["pillars"]["WBCSCi"] == counts["overall"]
    assert counts["axes"][("WBCSCi", "Prevention")] == counts["overall"]
    assert counts["partners"]["ME"] == {
        "new": 1, "continuing": 0, "changed": 1, "met": 0, "dropped": 0,
    }  # fmt: skip
    montenegro = editions.select(comparison["entries"], partner="ME", state="new")
    assert [e["code"] for e in montenegro] == ["WBCSCi-PRE-09"]


def test_editions_in_between_keep_the_line(two_editions):
    """2021–2022 compared with 2025–2026 through 2023–2024: the renamed need's line holds."""
    latest = MappingCycleFactory(
        edition="2025–2026", period_start=date(2025, 1, 1), period_end=date(2026, 12, 31)
    )
    later_renamed = two_editions["later"].needs.get(reference_code="WBCSCi-PRV-07")
    NeedFactory(
        cycle=latest, reference_code="WBCSCi-PRV-07", title="Cybercrime units",
        pillar=later_renamed.pillar, axis=later_renamed.axis,
        partners=list(later_renamed.partners.all()),
    )  # fmt: skip
    entries = by_code(editions.compare(two_editions["earlier"], latest))
    assert entries["WBCSCi-PRV-07"]["previous_code"] == "WBCSCi-PRE-03"


def test_a_predecessor_must_be_of_an_earlier_edition(two_editions):
    later_need = two_editions["later"].needs.get(reference_code="WBCSCi-PRE-09")
    earlier_need = two_editions["same"]
    earlier_need.predecessor = later_need
    with pytest.raises(ValidationError) as error:
        earlier_need.clean()
    assert "earlier edition" in str(error.value.message_dict["predecessor"])


def test_an_outcome_states_its_evidence_or_reason(two_editions):
    for outcome, missing in (("met", "evidence"), ("dropped", "reason")):
        with pytest.raises(ValidationError) as error:
            NeedOutcome(need=two_editions["unrecorded"], outcome=outcome).full_clean()
        assert missing in error.value.message_dict


def test_comparing_needs_an_earlier_and_a_later_edition(two_editions):
    with pytest.raises(ValueError, match="earlier edition with a later one"):
        editions.compare(two_editions["later"], two_editions["earlier"])


def test_a_word_diff_keeps_the_words_in_common():
    assert editions.word_diff("Set up a unit now", "Set up two units now") == [
        ("same", "Set up"), ("removed", "a unit"), ("added", "two units"), ("same", "now"),
    ]  # fmt: skip
