"""The IATI 2.03 activities schema (`schema/`, as the IATI Standard publishes it in
IATI-Schemas, branch version-2.03), and validation against it."""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).parent / "schema"
ACTIVITIES_SCHEMA = SCHEMA_DIR / "iati-activities-schema.xsd"
VERSION = "2.03"


class InvalidActivityFile(ValueError):
    """An IATI activity file that the 2.03 schema refuses; the message says where and why."""


@cache
def activities_schema():
    """The compiled schema (its imports resolved from `schema/`), once per process."""
    return etree.XMLSchema(etree.parse(str(ACTIVITIES_SCHEMA)))


def validate(document):
    """Check an lxml document or element against the schema; InvalidActivityFile names the
    first problems, with their lines."""
    schema = activities_schema()
    if schema.validate(document):
        return
    problems = [f"line {error.line}: {error.message}" for error in list(schema.error_log)[:5]]
    raise InvalidActivityFile("This is not a valid IATI 2.03 activity file: " + "; ".join(problems))
