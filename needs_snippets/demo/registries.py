"""Demo reference data: pillars and their axes, areas, member organisations, the cycle.
The pillars' lead and co-lead partners and the Secretariat's host are in
`data/support_groups.json`, with the seeds they come from."""

from datetime import date
from pathlib import Path

SUPPORT_GROUPS_FILE = Path(__file__).parent / "data" / "support_groups.json"

PILLARS = [
    {
        "code": "WBCTi",
        "name": "Western Balkans Counter-Terrorism Initiative",
        "scope": "Actions related to counter-terrorism and preventing and countering violent "
        "extremism.",
        "axes": ["Anticipate", "Prevent", "Protect", "Respond"],
    },
    {
        "code": "WBCSCi",
        "name": "Western Balkans Counter Serious Crime Initiative",
        "scope": "Actions related to fighting serious organised crime.",
        "axes": ["Prevention", "Response"],
    },
    {
        "code": "WBBSi",
        "name": "Western Balkans Border Security Initiative",
        "scope": "Actions related to border security.",
        "axes": ["Prevention", "Response"],
    },
]

AREAS = [
    ("legislation", "Legislation/strategy"),
    ("institutional", "Institutional set-up and tools"),
    ("operational", "Operational work (including capacity)"),
]

# (name, short name, kind, country code, joined)
MEMBERS = [
    ("Albania", "AL", "wb_partner", "AL", date(2017, 9, 8)),
    ("Bosnia and Herzegovina", "BA", "wb_partner", "BA", date(2017, 9, 8)),
    ("Kosovo", "XK", "wb_partner", "XK", date(2017, 9, 8)),
    ("Montenegro", "ME", "wb_partner", "ME", date(2017, 9, 8)),
    ("North Macedonia", "MK", "wb_partner", "MK", date(2017, 9, 8)),
    ("Serbia", "RS", "wb_partner", "RS", date(2017, 9, 8)),
    ("European Commission", "EC", "eu_institution", None, date(2017, 9, 8)),
    ("Regional Cooperation Council", "RCC", "international_organisation", None, date(2020, 4, 1)),
    ("DCAF Ljubljana", "DCAF", "international_organisation", None, date(2017, 9, 8)),
    ("PCC SEE Secretariat", "PCC SEE", "international_organisation", None, date(2017, 9, 8)),
    (
        "United Nations Office on Drugs and Crime",
        "UNODC",
        "international_organisation",
        None,
        date(2021, 6, 15),
    ),
    (
        "Organization for Security and Co-operation in Europe",
        "OSCE",
        "international_organisation",
        None,
        date(2021, 6, 15),
    ),
    (
        "International Organization for Migration",
        "IOM",
        "international_organisation",
        None,
        date(2021, 6, 15),
    ),
    (
        "United Nations Development Programme",
        "UNDP",
        "international_organisation",
        None,
        date(2021, 6, 15),
    ),
    ("Austria, Federal Ministry of the Interior", "AT", "eu_member_state", None, date(2017, 9, 8)),
    ("Slovenia, Ministry of the Interior", "SI", "eu_member_state", None, date(2017, 9, 8)),
    ("Europol", "Europol", "eu_jha_agency", None, date(2021, 3, 1)),
    ("Frontex", "Frontex", "eu_jha_agency", None, date(2021, 3, 1)),
]

NEEDS_CYCLE = {
    "edition": "2021–2022",
    "kind": "needs",
    "period_start": date(2021, 1, 1),
    "period_end": date(2022, 12, 31),
    "status": "in_progress",
    "current_phase": 2,
    # phase: (planned start, planned end, actual start, actual end). The demo's report is
    # adopted by running the real workflow (iisg_pages.demo), which keeps these dates. Two
    # dates come from the
    # seeds: the 5th Board meeting approved the methodology on 2 February 2021 (taken as the
    # start of identification) and the Support Group's first pillar meeting was held on 3-4
    # March 2021 (taken as the start of formulation); the others are illustrative. Desk-review
    # documents predate the formulation phase's end (needs_snippets.demo.catalogue checks it).
    "phases": {
        1: (date(2021, 2, 2), date(2021, 3, 15), date(2021, 2, 2), date(2021, 3, 2)),
        2: (date(2021, 3, 16), date(2021, 6, 30), date(2021, 3, 3), date(2021, 6, 30)),
        3: (date(2021, 7, 1), date(2021, 7, 31), date(2021, 7, 1), date(2021, 7, 30)),
        4: (date(2021, 8, 1), date(2021, 8, 31), date(2021, 8, 2), None),
    },
}

RESPONSES_CYCLE = {
    "edition": "2022",
    "kind": "responses",
    "period_start": date(2022, 1, 1),
    "period_end": date(2022, 12, 31),
    "status": "planned",
    "current_phase": None,
    "phases": {},
}

MEETINGS = [
    {
        "title": "5th IISG Board Meeting",
        "kind": "board",
        "pillar": None,
        "start_date": date(2021, 2, 2),
        "end_date": None,
        "place": "Place not recorded",  # the seeds do not say where it met
        "summary": "The Board approved the needs mapping methodology and the IISG membership "
        "methodology.",
    },
    {
        "title": "Regional Pillar Support Group meeting on WBCTi",
        "kind": "support_group",
        "pillar": "WBCTi",
        "start_date": date(2021, 3, 3),
        "end_date": date(2021, 3, 4),
        "place": "Prishtina, Kosovo*",
        "summary": "First of three pillar meetings: the Support Group agreed the four-part "
        "approach (Anticipate, Prevent, Protect, Respond) and its objectives as the template "
        "for WBCTi needs; Western Balkans partners will follow with their needs per measure.",
    },
]

# Demo logins: (username, first name, last name, group, member short name or None, pillar)
DEMO_PASSWORD = "iisg-demo-2026"  # noqa: S105 - printed for the demo, never used in production
#: The member whose focal point reviews the demo's imported IATI activities.
IATI_IMPORTER = "UNODC"

USERS = [
    ("secretariat", "Sara", "Secretariat", "Secretariat", "RCC", None),
    ("reviewer-wbcti", "Viktor", "Reviewer", "Support Group WBCTi", "DCAF", "WBCTi"),
    ("reviewer-wbcsci", "Vesna", "Reviewer", "Support Group WBCSCi", "PCC SEE", "WBCSCi"),
    ("reviewer-wbbsi", "Vlado", "Reviewer", "Support Group WBBSi", "AT", "WBBSi"),
    ("board-al", "Arta", "Board", "Board", "AL", None),
    ("board-ba", "Berin", "Board", "Board", "BA", None),
    ("board-xk", "Kaltrina", "Board", "Board", "XK", None),
    ("board-me", "Milica", "Board", "Board", "ME", None),
    ("board-mk", "Marko", "Board", "Board", "MK", None),
    ("board-rs", "Stefan", "Board", "Board", "RS", None),
    ("board-ec", "Elena", "Board", "Board", "EC", None),
    ("focal-unodc", "Ursula", "Focal point", "Members", "UNODC", None),
    ("focal-osce", "Oskar", "Focal point", "Members", "OSCE", None),
]
