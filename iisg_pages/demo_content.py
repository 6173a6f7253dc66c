"""The demo's public pages, read from `demo_data/site_pages.json` and checked on load: a
missing field or an unknown kind of block stops `load_demo` with a message that names the file,
the item and what is wrong (needs_snippets.demo.rows.JsonFile)."""

from functools import cache
from pathlib import Path

from needs_snippets.demo.rows import JsonFile

from .demo_blocks import bullets, heading, paragraph

SITE_PAGES_FILE = Path(__file__).parent / "demo_data" / "site_pages.json"
SECTIONS = (
    "home",
    "standard_pages",
    "pillars",
    "news_index",
    "report_index",
    "membership_application",
    "members_area",
    "news",
    "report",
    "report_body",
)
PAGE_FIELDS = ("title", "introduction")
NEWS_FIELDS = ("title", "date", "end_date", "place", "pillar", "introduction", "body")


def body_blocks(file, source, where):
    """StreamField JSON of a body written as {"paragraphs": [...]}, {"heading": ...} or
    {"bullets": {"intro": ..., "items": [...]}} blocks."""
    if not isinstance(source, list):
        file.fail(where, "a body is a list of blocks")
    blocks = []
    for number, block in enumerate(source, start=1):
        kind = next(iter(block), None) if isinstance(block, dict) and len(block) == 1 else None
        if kind == "paragraphs" and isinstance(block[kind], list):
            blocks.append(paragraph(*block[kind]))
        elif kind == "heading" and isinstance(block[kind], str):
            blocks.append(heading(block[kind]))
        elif kind == "bullets":
            intro, items = file.fields(block[kind], ("intro", "items"), f"{where}, block {number}")
            blocks.append(bullets(intro, items))
        else:
            file.fail(f"{where}, block {number}", "expected paragraphs, heading or bullets")
    return blocks


@cache
def site_pages():
    """The file's content, checked, with bodies as StreamField JSON and dates as dates."""
    file = JsonFile(SITE_PAGES_FILE)
    data = file.read()
    file.fields(data, SECTIONS, "the file")
    file.fields(data["home"], (*PAGE_FIELDS, "body"), "home")
    home = {**data["home"], "body": body_blocks(file, data["home"]["body"], "home")}
    standard = []
    for number, page in enumerate(data["standard_pages"], start=1):
        where = f"standard page {number}"
        file.fields(page, ("slug", *PAGE_FIELDS, "body"), where)
        standard.append({**page, "body": body_blocks(file, page["body"], where)})
    news = []
    for number, item in enumerate(data["news"], start=1):
        where = f"news item {number}"
        file.fields(item, NEWS_FIELDS, where)
        news.append(
            {
                **item,
                "date": file.date(item["date"], where, required=True),
                "end_date": file.date(item["end_date"], where),
                "body": body_blocks(file, item["body"], where),
            }
        )
    for code, texts in data["pillars"].items():
        file.fields(texts, ("scope", "support_group"), f"pillar {code}")
    for name in ("news_index", "report_index", "membership_application", "members_area"):
        file.fields(data[name], PAGE_FIELDS, name)
    file.fields(data["report"], ("title", "summary"), "report")
    _check_report_body(file, data["report_body"])
    return {**data, "home": home, "standard_pages": standard, "news": news}


def _check_report_body(file, body):
    """The report body's texts have every field `demo_report.report_body` reads."""
    file.fields(body, ("chapters", "pillar_chapter", "annex"), "report_body")
    for number, opening in enumerate(body["chapters"], start=1):
        where = f"report_body, chapter {number}"
        file.fields(opening, ("title", "paragraphs", "key_figures", "charts"), where)
        for figure in opening["key_figures"]:
            file.fields(figure, ("figure", "sentence"), f"{where}, key figure")
    file.fields(
        body["pillar_chapter"],
        ("title", "key_figure", "table_caption"),
        "report_body, pillar_chapter",
    )
    file.fields(body["annex"], ("title", "table_caption"), "report_body, annex")
