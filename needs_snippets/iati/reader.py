"""IATI activity files in: read, validated against the 2.03 schema as they stream, into plain
activities (one dict each).

`read_activities(file)` parses the file with lxml's iterparse, validating as it goes, and
clears each activity once read: a large d-portal download is never held whole in memory.
An invalid file raises InvalidActivityFile with the schema's message and line.
"""

import re
from datetime import date

from django.utils.translation import gettext as _
from lxml import etree

from .schema import InvalidActivityFile, activities_schema

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATE_TYPES = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}


def read_activities(source):
    """Yield each activity of the IATI file `source` (a path or a binary file object) as a
    dict: iati_identifier, reporting_org, title, description, recipient_countries, sectors
    (DAC 5-digit codes), activity_status, the four dates, participating orgs (ref, role,
    name), and the line it starts at."""
    closed = _ends_with_its_root(source)
    parser = etree.iterparse(
        source,
        events=("end",),
        tag="iati-activity",
        schema=activities_schema(),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        for _event, element in parser:
            yield {**readable(element), "line": element.sourceline}
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        last = error.error_log.last_error if error.error_log else None
        line = (last.line if last else 0) or error.lineno or 0
        if line:
            message = _("This is not a valid IATI 2.03 activity file: line %(line)s: %(error)s")
        else:
            message = _("This is not a valid IATI 2.03 activity file: %(error)s")
        raise InvalidActivityFile(message % {"line": line, "error": error.msg}) from None
    if not closed:  # the schema's own messages first, for a file that is no IATI file at all
        raise InvalidActivityFile(
            _(
                "This IATI file does not end with its closing </iati-activities>: it was cut "
                "short, or something follows it. Download or export it again."
            )
        )


#: How a whole activity file ends: its root's closing tag, then only comments, processing
#: instructions or white space.
CLOSED = re.compile(rb"</(?:[\w.-]+:)?iati-activities\s*>(?:\s|<!--.*?-->|<\?.*?\?>)*\Z", re.S)
TAIL_BYTES = 4096


def _ends_with_its_root(source):
    """Whether the file ends with its root element closed. lxml's validating iterparse ends
    quietly, as if the root were closed, where a file is cut after an activity."""
    if isinstance(source, str):
        with open(source, "rb") as file:
            return _ends_with_its_root(file)
    position = source.tell()
    source.seek(0, 2)
    source.seek(max(0, source.tell() - TAIL_BYTES))
    tail = source.read()
    source.seek(position)
    return bool(CLOSED.search(tail))


#: The longest IATI identifier kept (Response.iati_identifier).
MAX_IDENTIFIER = 150


def once(identifier, line, first_lines):
    """Note in `first_lines` that `identifier` is the activity's at `line`; InvalidActivityFile
    if an earlier activity of the file has it (the later would silently overwrite it)."""
    if identifier and identifier in first_lines:
        raise InvalidActivityFile(
            _(
                "line %(line)s: the iati-identifier %(identifier)s is also the one of the "
                "activity at line %(first)s, and an identifier names one activity: remove the "
                "copy, or give each activity its own identifier."
            )
            % {"line": line, "identifier": identifier, "first": first_lines[identifier]}
        )
    first_lines[identifier] = line


def readable(element):
    """`activity(element)`, or InvalidActivityFile naming the line when it cannot be read (the
    schema check of an activity ends after the activity is read)."""
    try:
        found = activity(element)
    except (AttributeError, TypeError, ValueError) as error:
        raise InvalidActivityFile(
            _(
                "This is not a valid IATI 2.03 activity file: line %(line)s: the activity "
                "cannot be read (%(error)s)."
            )
            % {"line": element.sourceline, "error": error}
        ) from None
    if len(found["iati_identifier"]) > MAX_IDENTIFIER:
        raise InvalidActivityFile(
            _(
                "line %(line)s: the iati-identifier is longer than %(limit)s characters: "
                "shorten it in the file."
            )
            % {"line": element.sourceline, "limit": MAX_IDENTIFIER}
        )
    return found


def activity(element):
    """One `iati-activity` element as plain data."""
    dates = {}
    for day in element.iterfind("activity-date"):
        name = DATE_TYPES.get(day.get("type"))
        if name and day.get("iso-date"):
            dates[name] = parse_date(day.get("iso-date"))
    status = element.find("activity-status")
    return {
        "iati_identifier": (element.findtext("iati-identifier") or "").strip(),
        "reporting_org": (element.find("reporting-org").get("ref") or "").strip()
        if element.find("reporting-org") is not None
        else "",
        "title": narrative(element.find("title")),
        "description": narrative(element.find("description")),
        "recipient_countries": sorted(
            {(c.get("code") or "").strip().upper() for c in element.iterfind("recipient-country")}
            - {""}
        ),
        "sectors": [
            s.get("code", "").strip()
            for s in element.iterfind("sector")
            if s.get("vocabulary", "1") == "1" and s.get("code")
        ],
        "activity_status": int(status.get("code")) if _is_number(status) else None,
        "participants": [
            {
                "ref": (org.get("ref") or "").strip(),
                "role": org.get("role"),
                "name": narrative(org),
            }
            for org in element.iterfind("participating-org")
        ],
        **{name: dates.get(name) for name in DATE_TYPES.values()},
    }


def narrative(element, language="en"):
    """The element's narrative in `language` (or without one), else its first; "" if none."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    for found in narratives:
        if found.get(XML_LANG, language) == language and (found.text or "").strip():
            return found.text.strip()
    return next((n.text.strip() for n in narratives if (n.text or "").strip()), "")


def parse_date(value):
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _is_number(status):
    return status is not None and is_code_number(status.get("code"))


def is_code_number(value):
    """A code of ASCII digits only (int() would take "²" or "٣")."""
    value = (value or "").strip()
    return value.isascii() and value.isdecimal() and len(value) < 6
