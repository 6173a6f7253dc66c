"""A new edition of the needs mapping: the Secretariat carries the previous edition's objectives
and measures over (each linked to its predecessor), and members compare the same measures
across editions in a chart whose numbers are its table's."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from iisg_pages.chart_data import measures_across_editions
from needs_snippets.models import Measure, Objective, carry_over_hierarchy
from tests.factories import (
    NeedFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_carrying_over_copies_the_hierarchy_linked_to_its_predecessors_once(editions):
    first, second = editions["first"], editions["second"]
    created = carry_over_hierarchy(first, second)
    assert created == {"priorities": 1, "objectives": 1, "measures": 2}
    copied = Measure.objects.get(cycle=second, code="WBCTi-PRE-1.1")
    assert copied.title == "Exit work" and copied.predecessor == editions["exit_work"]
    assert copied.objective.cycle == second and copied.objective.predecessor.cycle == first
    assert copied.objective.priority.code == "WBCTi-P1"
    assert copied.objective.priority.cycle == second
    assert copied.revisions.count() == 1
    # The Unclassified items are not copied: they are made when a need needs one.
    assert not Objective.objects.filter(cycle=second, unclassified=True).exists()

    renamed = Measure.objects.get(cycle=second, code="WBCTi-PRE-1.2")
    renamed.title = "Prisons and probation"
    renamed.save()
    assert carry_over_hierarchy(first, second) == {"priorities": 0, "objectives": 0, "measures": 0}
    assert Measure.objects.get(pk=renamed.pk).title == "Prisons and probation"

    with pytest.raises(ValidationError, match="from an earlier edition into a later one"):
        carry_over_hierarchy(second, first)


def test_the_secretariat_carries_over_from_the_cycle_page(secretariat_client, editions):
    second = editions["second"]
    page = secretariat_client.get(reverse("cycle_overview", args=[second.pk])).content.decode()
    assert "This edition has" in page and "0 objectives" in page
    assert "Carry over from 2021–2022" in page

    url = reverse("cycle_carry_over_hierarchy", args=[second.pk])
    assert secretariat_client.get(url).status_code == 405  # a change is a POST
    response = secretariat_client.post(url, follow=True)
    text = response.content.decode()
    assert "Carried over from 2021–2022: 1 objectives and 2 measures" in text
    assert "2 measures</a>" in text
    assert "Carry over from" not in text
    assert "Every objective and measure of the 2021–2022 edition is carried over" in text
    assert Measure.objects.filter(cycle=second, predecessor__isnull=False).count() == 2

    # The first edition has no earlier one: no button, and a POST says why.
    first = editions["first"]
    page = secretariat_client.get(reverse("cycle_overview", args=[first.pk])).content.decode()
    assert "Carry over from" not in page
    response = secretariat_client.post(
        reverse("cycle_carry_over_hierarchy", args=[first.pk]), follow=True
    )
    assert "There is no earlier needs edition to carry over from." in response.content.decode()


def test_only_the_secretariat_may_carry_over(client, editions):
    client.force_login(UserFactory(username="reviewer", groups=["Support Group WBCTi"]))
    url = reverse("cycle_carry_over_hierarchy", args=[editions["second"].pk])
    response = client.post(url, follow=True)
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert not Measure.objects.filter(cycle=editions["second"]).exists()


def test_the_lineage_chart_counts_published_needs_per_edition_as_its_table_says(editions):
    carry_over_hierarchy(editions["first"], editions["second"])
    later = Measure.objects.get(cycle=editions["second"], code="WBCTi-PRE-1.1")
    prevent = editions["exit_work"].objective.axis
    for number, live in [(1, True), (2, True), (3, False)]:  # a draft is not counted
        NeedFactory(
            cycle=editions["second"], reference_code=f"NEXT-{number}", pillar=prevent.pillar,
            axis=prevent, measure=later, live=live, partners=[editions["partners"]["AL"]],
        )  # fmt: skip

    chart = measures_across_editions(Measure.objects.all())
    assert chart.columns == ["2021–2022", "2023–2024"]
    assert {row.label: row.values for row in chart.rows} == {
        "WBCTi-PRE-1.1 Exit work": [1, 2],
        "WBCTi-PRE-1.2 Prisons": [0, 0],
    }
    chart_html = render_to_string("iisg_pages/includes/chart.html", {"chart": chart})
    html = BeautifulSoup(chart_html, "html.parser")
    table = {
        tr.find("th").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in html.find("tbody").find_all("tr")
    }
    assert table == {"WBCTi-PRE-1.1 Exit work": ["1", "2"], "WBCTi-PRE-1.2 Prisons": ["0", "0"]}
    tips = [title.get_text() for title in html.find("svg").find_all("title")[1:]]
    assert tips == [
        "WBCTi-PRE-1.1 Exit work, 2021–2022: 1 needs",
        "WBCTi-PRE-1.1 Exit work, 2023–2024: 2 needs",
        "WBCTi-PRE-1.2 Prisons, 2021–2022: 0 needs",
        "WBCTi-PRE-1.2 Prisons, 2023–2024: 0 needs",
    ]

    # Up to an edition: its measures are the latest shown.
    earlier = measures_across_editions(Measure.objects.filter(cycle=editions["first"]))
    assert earlier.columns == ["2021–2022"]
    assert [row.values for row in earlier.rows] == [[1], [0]]


def test_the_lineage_chart_counts_in_a_fixed_number_of_queries(editions, django_assert_num_queries):
    carry_over_hierarchy(editions["first"], editions["second"])
    measures = Measure.objects.all()
    with django_assert_num_queries(1):
        measures_across_editions(measures)
