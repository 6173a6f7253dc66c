"""The demo's public pages, read from `demo_data/site_pages.json` and checked on load: a
missing field or an unknown kind of block stops `load_demo` with a message that names the file,
the item and what is wrong (needs_snippets.demo.rows.DemoDataError)."""

import json
from datetime import date
from functools import cache
from pathlib import Path

from needs_snippets.demo.rows import DemoDataError, display_path

from .demo_blocks import bullets, heading, paragraph

SITE_PAGES_FILE = Path(__file__).parent / "demo_data" / "site_pages.json"
PAGE_FIELDS = ("title", "introduction")
NEWS_FIELDS = ("title", "date", "end_date", "place", "pillar", "introduction", "body")


def _fail(where, problem):
    raise DemoDataError(f"{display_path(SITE_PAGES_FILE)}, {where}: {problem}")


def _require(item, fields, where):
    if not isinstance(item, dict):
        _fail(where, "expected an object")
    missing = [name for name in fields if name not in item]
    if missing:
        _fail(where, f"missing {', '.join(missing)}")
    return item


def _date(value, where, required=True):
    if value is None and not required:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        _fail(where, f"{value!r} is not a date (YYYY-MM-DD)")


def body_blocks(source, where):
    """StreamField JSON of a body written as {"paragraphs": [...]}, {"heading": ...} or
    {"bullets": {"intro": ..., "items": [...]}} blocks."""
    if not isinstance(source, list):
        _fail(where, "a body is a list of blocks")
    blocks = []
    for number, block in enumerate(source, start=1):
        kind = next(iter(block), None) if isinstance(block, dict) and len(block) == 1 else None
        if kind == "paragraphs" and isinstance(block[kind], list):
            blocks.append(paragraph(*block[kind]))
        elif kind == "heading" and isinstance(block[kind], str):
            blocks.append(heading(block[kind]))
        elif kind == "bullets":
            value = _require(block[kind], ("intro", "items"), f"{where}, block {number}")
            blocks.append(bullets(value["intro"], value["items"]))
        else:
            _fail(f"{where}, block {number}", "expected paragraphs, heading or bullets")
    return blocks


@cache
def site_pages():
    """The file's content, checked, with bodies as StreamField JSON and dates as dates."""
    try:
        data = json.loads(SITE_PAGES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        _fail("the file", f"cannot be read as JSON ({error})")
    _require(
        data,
        ("home", "standard_pages", "pillars", "news_index", "report_index",
         "membership_application", "members_area", "news", "report"),
        "the file",
    )  # fmt: skip
    home = _require(data["home"], (*PAGE_FIELDS, "body"), "home")
    home = {**home, "body": body_blocks(home["body"], "home")}
    standard = []
    for number, page in enumerate(data["standard_pages"], start=1):
        where = f"standard page {number}"
        page = _require(page, ("slug", *PAGE_FIELDS, "body"), where)
        standard.append({**page, "body": body_blocks(page["body"], where)})
    news = []
    for number, item in enumerate(data["news"], start=1):
        where = f"news item {number}"
        item = _require(item, NEWS_FIELDS, where)
        news.append(
            {
                **item,
                "date": _date(item["date"], where),
                "end_date": _date(item["end_date"], where, required=False),
                "body": body_blocks(item["body"], where),
            }
        )
    for code, texts in data["pillars"].items():
        _require(texts, ("scope", "support_group"), f"pillar {code}")
    for name in ("news_index", "report_index", "membership_application", "members_area"):
        _require(data[name], PAGE_FIELDS, name)
    _require(data["report"], ("title", "summary"), "report")
    return {**data, "home": home, "standard_pages": standard, "news": news}
