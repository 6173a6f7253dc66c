"""Demo reference data, read from `data/registries.json` and checked on import: pillars and
their axes, areas, member organisations, the two cycles, meetings and the demo logins. The
pillars' lead and co-lead partners and the Secretariat's host are in `data/support_groups.json`,
with the seeds they come from. A missing field or a malformed date stops with a DemoDataError
that names the file, the item and what is wrong."""

from pathlib import Path

from .rows import JsonFile

DATA_DIR = Path(__file__).parent / "data"
REGISTRIES_FILE = DATA_DIR / "registries.json"
SUPPORT_GROUPS_FILE = DATA_DIR / "support_groups.json"

DEMO_PASSWORD = "iisg-demo-2026"  # noqa: S105 - printed for the demo, never used in production
#: The member whose focal point reviews the demo's imported IATI activities.
IATI_IMPORTER = "UNODC"

CYCLE_FIELDS = ("edition", "kind", "period_start", "period_end", "status", "current_phase")
MEETING_FIELDS = ("title", "kind", "pillar", "start_date", "end_date", "place", "summary")


def _cycle(file, data, where):
    fields = file.fields(data, (*CYCLE_FIELDS, "phases"), where)
    edition, kind, start, end, status, phase, _phases = fields
    return {
        "edition": edition,
        "kind": kind,
        "period_start": file.date(start, where),
        "period_end": file.date(end, where),
        "status": status,
        "current_phase": phase,
        # phase number: (planned start, planned end, actual start, actual end)
        "phases": {
            int(number): tuple(file.date(day, f"{where}, phase {number}") for day in days)
            for number, days in data["phases"].items()
        },
    }


def read(path=None):
    """The registries as the loader uses them (dates as dates, rows as tuples)."""
    file = JsonFile(path or REGISTRIES_FILE)
    data = file.read()
    sections = (
        "pillars",
        "areas",
        "members",
        "needs_cycle",
        "responses_cycle",
        "meetings",
        "users",
    )
    file.fields(data, sections, "the file")
    for number, pillar in enumerate(data["pillars"], start=1):
        file.fields(pillar, ("code", "name", "scope", "axes"), f"pillar {number}")
    members = []
    for number, member in enumerate(data["members"], start=1):
        where = f"member {number}"
        name, short, kind, country, joined = file.fields(
            member, ("name", "short_name", "kind", "country_code", "joined"), where
        )
        members.append((name, short, kind, country, file.date(joined, where)))
    meetings = []
    for number, meeting in enumerate(data["meetings"], start=1):
        where = f"meeting {number}"
        file.fields(meeting, MEETING_FIELDS, where)
        meetings.append(
            {
                **meeting,
                "start_date": file.date(meeting["start_date"], where),
                "end_date": file.date(meeting["end_date"], where),
            }
        )
    user_fields = ("username", "first_name", "last_name", "group", "member", "pillar")
    return {
        "pillars": data["pillars"],
        "areas": [
            tuple(file.fields(area, ("code", "name"), f"area {number}"))
            for number, area in enumerate(data["areas"], start=1)
        ],
        "members": members,
        "needs_cycle": _cycle(file, data["needs_cycle"], "needs_cycle"),
        "responses_cycle": _cycle(file, data["responses_cycle"], "responses_cycle"),
        "meetings": meetings,
        # (username, first name, last name, group, member short name or None, pillar)
        "users": [
            tuple(file.fields(user, user_fields, f"user {number}"))
            for number, user in enumerate(data["users"], start=1)
        ],
    }


_REGISTRIES = read()
PILLARS = _REGISTRIES["pillars"]
AREAS = _REGISTRIES["areas"]
#: (name, short name, kind, country code, joined)
MEMBERS = _REGISTRIES["members"]
NEEDS_CYCLE = _REGISTRIES["needs_cycle"]
RESPONSES_CYCLE = _REGISTRIES["responses_cycle"]
MEETINGS = _REGISTRIES["meetings"]
USERS = _REGISTRIES["users"]
