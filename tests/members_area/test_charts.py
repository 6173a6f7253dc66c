"""The members area's charts page: each chart draws what its table says, over the needs the
filters select and the responses the user may see."""

import re

import pytest
from bs4 import BeautifulSoup

from needs_snippets.models import NeedPartner

pytestmark = pytest.mark.django_db


def numbers_of(figure):
    """(what the picture says, what the table says) for one rendered chart figure."""
    table = figure.find("table")
    header = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    cells = {
        tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }
    svg = figure.find("svg")
    return header, cells, svg


def test_the_members_charts_draw_what_their_tables_say(client, area):
    NeedPartner.objects.create(need=area["need"], partner=area["partners"]["ME"])
    client.force_login(area["users"]["member_a"])
    response = client.get(area["page"].url + "analysis/charts/", {"shade": "gaps"})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    figures = {f["id"]: f for f in html.find_all("figure", class_="chart")}
    assert {
        "chart-map-gaps", "chart-needs-by-partner-axis", "chart-coverage-by-partner-pillar",
        "chart-responses-by-member-pillar", "chart-budgets-by-member-pillar",
    } <= set(figures)  # fmt: skip

    header, cells, svg = numbers_of(figures["chart-needs-by-partner-axis"])
    totals = [t.get_text() for t in svg.find_all("text", class_="chart__total")]
    labels = [t.get_text() for t in svg.find_all("text", class_="chart__label")]
    assert dict(zip(labels, totals, strict=True)) == {
        name: values[-1] for name, values in cells.items() if values[-1] != "0"
    } | {name: "0" for name, values in cells.items() if values[-1] == "0"}
    assert cells["Montenegro"][-1] == "1" and cells["Serbia"][-1] == "1"

    _header, cells, svg = numbers_of(figures["chart-map-gaps"])
    drawn = {
        t.get_text().split(":")[0]: t.get_text().split(": ")[1].split()[0]
        for t in svg.find_all("title")[1:]
    }
    assert drawn == {name: values[0] for name, values in cells.items()}
    assert drawn["Montenegro"] == "1" and drawn["Albania"] == "0"  # served for AL and RS
    assert "UNSCR 1244/1999" in figures["chart-map-gaps"].get_text()
    # Each partner links to its filtered list of needs.
    links = [a["href"] for a in svg.find_all("a")]
    assert any(re.search(r"/members/needs/\?partner=\d+$", href) for href in links)

    _header, cells, svg = numbers_of(figures["chart-responses-by-member-pillar"])
    # A sees both of its own responses and B's open one, never B's restricted one.
    assert cells == {"Organisation A": ["2", "2"], "Organisation B": ["1", "1"]}


def test_the_charts_follow_the_filters_and_refuse_a_wrong_shade(client, area):
    client.force_login(area["users"]["member_b"])
    url = area["page"].url + "analysis/charts/"
    page = client.get(url, {"partner": area["partners"]["ME"].pk}).content.decode()
    assert "Nothing to draw: no data matches these filters." in page
    wrong = client.get(url, {"shade": "budgets"})
    assert wrong.status_code == 400
    assert "is not one of needs, gaps, coverage" in wrong.content.decode()
