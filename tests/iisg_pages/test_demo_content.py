"""The demo's public pages are data (iisg_pages/demo_data/site_pages.json), checked on load:
a broken file stops the load with a message naming the file, the item and what to fix."""

import json
from types import SimpleNamespace

import pytest

from iisg_pages import demo_content
from iisg_pages.demo_report import report_body
from needs_snippets.demo.rows import DemoDataError


@pytest.fixture
def pages_file(tmp_path, monkeypatch):
    """A copy of the real file to break, read instead of it."""
    data = json.loads(demo_content.SITE_PAGES_FILE.read_text(encoding="utf-8"))
    path = tmp_path / "site_pages.json"
    monkeypatch.setattr(demo_content, "SITE_PAGES_FILE", path)
    demo_content.site_pages.cache_clear()
    yield data, path
    demo_content.site_pages.cache_clear()


def load(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return demo_content.site_pages()


def test_the_real_file_loads_into_page_bodies(pages_file):
    data, path = pages_file
    pages = load(path, data)
    about = next(page for page in pages["standard_pages"] if page["slug"] == "about")
    assert about["body"][0]["type"] == "paragraph" and about["body"][1]["type"] == "heading"
    assert pages["news"][0]["date"].isoformat() == "2020-04-01"


def test_the_report_body_has_the_opening_chapters_one_per_pillar_and_the_annex(pages_file):
    data, path = pages_file
    pillars = [
        SimpleNamespace(pk=1, code="WBCTi", name="Counter-terrorism", scope="Its scope."),
        SimpleNamespace(pk=2, code="WBBSi", name="Border security", scope="Its scope."),
    ]
    body = json.loads(report_body(load(path, data)["report_body"], pillars))
    titles = [chapter["value"]["title"] for chapter in body]
    assert titles == [
        "Introduction",
        "Methodology",
        "WBCTi: Counter-terrorism",
        "WBBSi: Border security",
        "Regional needs across the pillars",
    ]
    border = body[3]["value"]
    assert border["pillar"] == 2
    assert border["body"][1]["value"]["sentence"] == "{count} regional needs in WBBSi."
    assert border["body"][2]["value"]["caption"] == "Needs in WBBSi"
    assert body[-1]["value"]["kind"] == "annex"
    assert body[-1]["value"]["body"][0]["value"]["regional_only"] is True


@pytest.mark.parametrize(
    "breaks, message",
    [
        (lambda d: d["news"][1].pop("date"), "news item 2: missing date"),
        (lambda d: d["news"][0].update(date="1 April 2020"), "news item 1: '1 April 2020' is"),
        (lambda d: d["standard_pages"][0]["body"].append({"table": []}), "standard page 1, block"),
        (lambda d: d.pop("report"), "the file: missing report"),
        (
            lambda d: d["report_body"]["chapters"][1].pop("charts"),
            "report_body, chapter 2: missing charts",
        ),
        (
            lambda d: d["report_body"]["chapters"][0]["key_figures"][0].pop("sentence"),
            "report_body, chapter 1, key figure: missing sentence",
        ),
        (
            lambda d: d["report_body"]["pillar_chapter"].pop("table_caption"),
            "report_body, pillar_chapter: missing table_caption",
        ),
    ],
)
def test_a_broken_file_names_the_item_and_the_problem(pages_file, breaks, message):
    data, path = pages_file
    breaks(data)
    with pytest.raises(DemoDataError, match="site_pages.json") as error:
        load(path, data)
    assert message in str(error.value)


def test_a_file_that_is_not_json_says_so(pages_file):
    _data, path = pages_file
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DemoDataError, match="cannot be read as JSON"):
        demo_content.site_pages()
