"""The shape of the consultation templates, shared by what writes and what reads them."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

#: Bumped when columns change: an older file is refused with a request to download again.
FORMAT_VERSION = 3
#: The hidden sheet naming what a workbook is (kind, cycle, pillar, partner or member).
ABOUT_SHEET = "About"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
NEEDS_SHEET = "Needs"
RESPONSES_SHEET = "Responses"
NEEDS_LIST_SHEET = "Needs to link"

#: Limits on what is read: a larger file or more rows gets an error before any work. The file
#: size is IISG_MAX_TEMPLATE_SIZE (10 MB by default: a filled template is far smaller).
MAX_FILE_BYTES = settings.IISG_MAX_TEMPLATE_SIZE
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
#: A template has five sheets; its data sheet at most MAX_ROWS rows of about a dozen columns.
MAX_SHEETS = 10
MAX_ROWS = 20_000
MAX_CELLS = 500_000
#: Rows added empty below the existing ones, for new entries.
BLANK_ROWS = 50

YES, NO = "Yes", "No"
LIST_SEPARATOR = ";"


def value(label):
    """A choice's label as a template writes it and its checker reads it: in English, whoever
    downloads or uploads the file. Values are the template's contract, like its sheet names
    and headers; only its instructions and help texts follow the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def choice_lookup(choices):
    """{label or code, lower case: code} of a model's choices (labels in English, see value)."""
    lookup = {value(label).lower(): code for code, label in choices.choices}
    lookup.update({str(code).lower(): code for code in choices.values})
    return lookup


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    width: int = 18
    help: str = ""


NEEDS_COLUMNS = [
    Column("code", "Reference code", 18,
           _("Leave empty for a new need; the Secretariat gives it a code.")),
    Column("title", "Title", 40, _("What is needed, in one line.")),
    Column("axis", "Axis", 16, _("Choose from the list.")),
    Column("measure", "Measure", 40,
           _("The objective's measure the need falls under: choose from the list (a measure of "
             "the row's axis), or leave empty for the Secretariat to place it.")),
    Column("area", "Area", 28, _("Choose from the list.")),
    Column("state_of_play", "State of play", 50, _("WHAT the situation is now.")),
    Column("gap", "Gap", 50, _("WHERE and WHICH the gap is.")),
    Column("action_needed", "Action needed", 50, _("WHAT needs to be done.")),
    Column("timeframe", "Timeframe", 30, _("WHEN: choose from the list.")),
    Column("identified", "Identified by your institutions", 16,
           _("Yes if this need applies to your institutions, No if it does not.")),
    Column("partner_status", "Your status", 18,
           _("Where this need stands for you: choose from the list (Identified if unsure).")),
    Column("partner_state_of_play", "Your state of play", 40,
           _("Your own situation, where it differs from the state of play above.")),
    Column("partner_location", "Where, for you", 30,
           _("WHERE the need applies in your administration: institutions, regions…")),
    Column("partner_due", "Due, for you", 14, _("WHEN you need it done: a date, e.g. 2026-12-31.")),
    Column("sources", "Sources", 40,
           _("Titles of strategic documents from the Lists sheet, one per line.")),
]  # fmt: skip

_NEEDS_BY_KEY = {column.key: column for column in NEEDS_COLUMNS}

#: The review template of international partners: the pillar's needs to validate, comment and
#: offer support for, and empty rows to complement them with new needs.
REVIEW_COLUMNS = [
    Column("code", "Reference code", 18, _("Leave empty to propose a new need.")),
    *(_NEEDS_BY_KEY[key] for key in (
        "title", "axis", "measure", "area", "state_of_play", "gap", "action_needed", "timeframe",
    )),
    Column("partners", "Partners that identified it", 24,
           _("For reading: the partners themselves say which needs are theirs.")),
    Column("verdict", "Your validation", 28, _("Choose from the list, or leave empty.")),
    Column("comment", "Your comment", 50,
           _("What to correct or complement, and why: the need's own text is the partners'.")),
    Column("support", "Support you can offer", 40,
           _("Expertise, funding or activities you could offer for this need.")),
]  # fmt: skip

RESPONSES_COLUMNS = [
    Column("id", "Response number", 12, _("Leave empty for a new action.")),
    Column("title", "Title", 40, _("The programme or action, in one line.")),
    Column("description", "Description", 60, _("What it does, for whom.")),
    Column("pillar", "Pillar", 10, _("Choose from the list.")),
    Column("needs", "Needs answered", 30,
           _("Reference codes from the “Needs to link” sheet, separated by ;")),
    Column("beneficiaries", "Beneficiary partners", 22,
           _("Country codes (AL, BA, XK, ME, MK, RS), separated by ;")),
    Column("iati_status", "Activity status", 24, _("Choose from the list (IATI).")),
    Column("planned_start", "Planned start", 14, _("A date, e.g. 2025-01-31.")),
    Column("planned_end", "Planned end", 14, _("A date, not before the start.")),
    Column("actual_start", "Actual start", 14, _("A date.")),
    Column("actual_end", "Actual end", 14, _("A date, not before the start.")),
    Column("budget", "Budget", 14, _("A number, without the currency.")),
    Column("currency", "Currency", 10, _("ISO 4217, e.g. EUR.")),
    Column("funding_source", "Funding source", 24, _("e.g. EU IPA III")),
    Column("sensitivity", "Visibility", 30, _("Choose from the list.")),
]  # fmt: skip


#: A hidden column after the last one: the version (latest revision) of each row's entry when
#: the template was downloaded. A row whose entry changed since is a conflict, left alone
#: unless the Secretariat chooses otherwise, and so is a row naming its entry whose version
#: was emptied or typed over (plans.change_of); files without it are compared by content.
VERSION_COLUMN = Column(
    "version", "Row version (do not edit)", 10,
    _("Filled in by the site: which version of the entry you downloaded."),
)  # fmt: skip


def _headings(columns):
    return {column.key: column.heading for column in columns}


#: The column headings of the fields a planned change names, by template kind: the fields
#: without a column of their own are the importing partner's ("partners": whether it
#: identified the need; "detail": its own four columns); None: a field a review template's
#: proposed need always leaves empty, not listed.
CHANGED_FIELD_HEADINGS = {
    "needs": {
        **_headings(NEEDS_COLUMNS),
        "partners": _NEEDS_BY_KEY["identified"].heading,
        "detail": ", ".join(
            _NEEDS_BY_KEY[key].heading
            for key in (
                "partner_status",
                "partner_state_of_play",
                "partner_location",
                "partner_due",
            )
        ),  # fmt: skip
    },
    "review": {
        **_headings(REVIEW_COLUMNS),
        **dict.fromkeys(("partners", "detail", "sources", "review")),
    },
    "responses": _headings(RESPONSES_COLUMNS),
}


def changed_headings(kind, keys):
    """The headings of the columns whose fields `keys` a `kind` template's row changes, as
    the row's Fields in the import's report (a key of no column stays as it is)."""
    headings = CHANGED_FIELD_HEADINGS.get(kind, {})
    return [headings.get(key, key) for key in keys if headings.get(key, key) is not None]


def row_of(columns, **values):
    """A sheet row: `values` by column key, in the columns' order (missing ones empty)."""
    return [values.get(column.key) for column in columns]


def column_letter(index):
    """Spreadsheet letter of the 0-based column `index` (A, B, … Z, AA …)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
