"""Charts drawn on the server as SVG, with no script and no external service.

A chart is built from the same table it shows beside it (`Chart.rows`), so that the picture and
the numbers cannot disagree; each SVG has a title and a description (role="img"), and every
bar or region carries its value in a <title> for pointer users. Templates render a chart with
`{% include "iisg_pages/includes/chart.html" with chart=… %}`; the geometry is computed here.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from needs_snippets.constants import KOSOVO_FOOTNOTE

#: Colours of the series, in order: distinguishable for the common colour-vision deficiencies
#: (Okabe–Ito) and each at least 3:1 against white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#999999"]
#: Shades of the map, lightest (fewest) to darkest (most).
SHADES = ["#eff3ff", "#c6dbef", "#9ecae1", "#2171b5", "#08306b"]
#: From this shade on, a place's name is written in white (at least 4.5:1 either way).
DARK_FROM = 3

WIDTH = 720
LABEL_WIDTH = 190
BAR_HEIGHT = 22
GAP = 10
TOP = 30

GEOMETRY = Path(__file__).resolve().parent / "data" / "western_balkans.geojson"


#: How many characters of a row's label fit left of the bars (12 px DejaVu Sans, the widest
#: of the fonts the pages name).
LABEL_CHARACTERS = 24


@dataclass
class ChartRow:
    label: str
    values: list
    url: str = ""

    @property
    def short_label(self):
        """The label as the picture writes it: cut with "…" when too long to fit (the table
        beside the chart, and the label's tooltip, give it whole)."""
        if len(self.label) <= LABEL_CHARACTERS:
            return self.label
        return self.label[: LABEL_CHARACTERS - 1].rstrip() + "…"


@dataclass
class Chart:
    """A chart and the table it is drawn from: `rows` × `columns`, numbers in `rows[i].values`.

    kind: "stacked" (bars adding up, e.g. needs per axis), "percent" (one bar per column and
    row, 0–100 %; values are floats), "grouped" (one bar per column and row, counts) or
    "timeline" / "map" (drawn by their own builders).
    """

    slug: str
    title: str
    description: str
    row_heading: str
    columns: list
    rows: list = field(default_factory=list)
    kind: str = "stacked"
    unit: str = ""
    footnote: str = ""
    drawing: dict = field(default_factory=dict)

    @property
    def has_links(self):
        """Whether rows link somewhere: the picture is then a group of links, not an image."""
        return any(row.url for row in self.rows)

    @property
    def is_empty(self):
        return not any(any(value for value in row.values) for row in self.rows)

    @property
    def table_columns(self):
        return [*self.columns, _("Total")] if self.kind == "stacked" else self.columns

    @property
    def table_rows(self):
        for row in self.rows:
            values = [_shown(value) for value in row.values]
            if self.kind == "stacked":
                values.append(_shown(sum(row.values)))
            yield row, values


def _count_ticks(largest):
    """Whole-number ticks up to `largest`: every one when few, else 0, the middle and the end."""
    return range(largest + 1) if largest <= 4 else (0, largest // 2, largest)


def _shown(value):
    if isinstance(value, float):
        return f"{value:.0f}%"
    return value


def stacked(chart):
    """Geometry of horizontal stacked bars: one bar per row, one segment per column."""
    longest = max((sum(row.values) for row in chart.rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - 60) / longest
    legend, top = _legend(chart.columns)
    bars = []
    for index, row in enumerate(chart.rows):
        y = top + index * (BAR_HEIGHT + GAP)
        x, segments = LABEL_WIDTH, []
        for column, value in enumerate(row.values):
            if value:
                width = value * scale
                segments.append(
                    {
                        "x": round(x, 1), "width": round(width, 1),
                        "colour": PALETTE[column % len(PALETTE)],
                        "tip": f"{row.label}, {chart.columns[column]}: {value} {chart.unit}",
                    }
                )  # fmt: skip
                x += width
        bars.append(
            {"row": row, "y": y, "text_y": y + 16, "segments": segments,
             "total": sum(row.values), "end": round(x + 6, 1)}
        )  # fmt: skip
    chart.drawing = {
        "bars": bars,
        "height": top + len(chart.rows) * (BAR_HEIGHT + GAP) + 10,
        "legend": legend,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
    }
    return chart


def grouped(chart):
    """Geometry of grouped bars: per row, one thin bar per column (kind "percent": 0–100 %,
    kind "grouped": counts up to the largest)."""
    thin = 10
    is_percent = chart.kind == "percent"
    largest = (
        100
        if is_percent
        else max((value or 0 for row in chart.rows for value in row.values), default=0) or 1
    )
    scale = (WIDTH - LABEL_WIDTH - 60) / largest
    legend, top = _legend(chart.columns)
    bars, y = [], top + 16
    for row in chart.rows:
        group = []
        for column, value in enumerate(row.values):
            width = round((value or 0) * scale, 1)
            group.append(
                {
                    "y": y + column * (thin + 2), "width": width,
                    "value_x": LABEL_WIDTH + width + 4, "text_y": y + column * (thin + 2) + 9,
                    "colour": PALETTE[column % len(PALETTE)],
                    "value": "—" if value is None else _shown(value),
                    "tip": f"{row.label}, {chart.columns[column]}: "
                    + (_("none") if value is None else f"{_shown(value)} {chart.unit}"),
                }
            )  # fmt: skip
        height = len(row.values) * (thin + 2)
        bars.append({"row": row, "y": y, "label_y": y + height / 2 + 4, "group": group})
        y += height + GAP + 4
    chart.drawing = {
        "bars": bars,
        "height": y + 10,
        "legend": legend,
        "ticks": [
            {
                "x": round(LABEL_WIDTH + tick * scale, 1),
                "label": f"{tick:.0f}%" if is_percent else f"{tick:g}",
            }
            for tick in ((0, 50, 100) if is_percent else _count_ticks(largest))
        ],
        "tick_y": top + 10,
        "x0": LABEL_WIDTH,
        "thin": thin,
        "label_x": LABEL_WIDTH - 8,
        "bottom": y,
    }
    return chart


LEGEND_COLUMNS = 3


def _legend(columns):
    """Legend entries in rows of three; returns (entries, the height they take)."""
    entries = [
        {
            "x": (index % LEGEND_COLUMNS) * (WIDTH // LEGEND_COLUMNS),
            "y": 8 + (index // LEGEND_COLUMNS) * 20,
            "label": name,
            "colour": PALETTE[index % len(PALETTE)],
        }
        for index, name in enumerate(columns)
    ]
    return entries, 14 + math.ceil(len(columns) / LEGEND_COLUMNS) * 20


def timeline(chart, phases, today=None):
    """Geometry of a cycle's phases: planned periods as outlines, actual ones filled.

    `phases`: (label, planned_start, planned_end, actual_start, actual_end) per phase.
    """
    today = today or date.today()
    days = [d for phase in phases for d in phase[1:] if d]
    if not days:
        chart.drawing = {}
        return chart
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    scale = (WIDTH - LABEL_WIDTH - 20) / span

    def x(day):
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    bars = []
    for index, (_label, p_start, p_end, a_start, a_end) in enumerate(phases):
        y = TOP + index * (BAR_HEIGHT + GAP)
        bar = {"row": chart.rows[index], "y": y, "text_y": y + 16, "inner_y": y + 5}
        if p_start and p_end:
            bar["planned"] = {"x": x(p_start), "width": max(x(p_end) - x(p_start), 2)}
        if a_start:
            end = a_end or min(today, last)
            bar["actual"] = {"x": x(a_start), "width": max(x(end) - x(a_start), 2)}
        bars.append(bar)
    months = []
    month = date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            months.append({"x": x(month), "label": format_date(month, "M Y")})
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = max(1, math.ceil(len(months) / 8))
    chart.drawing = {
        "bars": bars,
        "months": months[::step],
        "height": TOP + len(phases) * (BAR_HEIGHT + GAP) + 10,
        "today": x(today) if first <= today <= last else None,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "bottom": TOP + len(phases) * (BAR_HEIGHT + GAP),
    }
    return chart


@cache
def _outlines():
    """The six partners' outlines and label points: {country code: (rings of (longitude,
    latitude), (longitude, latitude) of its name)}."""
    data = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    return {
        feature["properties"]["country_code"]: (
            feature["geometry"]["coordinates"],
            feature["properties"]["label"],
        )
        for feature in data["features"]
    }


def choropleth(chart, values, names, urls):
    """Geometry of the map: each partner shaded by its value (`values`: code → number),
    named (Kosovo* with its star) and linking to `urls[code]`."""
    outlines = _outlines()
    points = [point for rings, _label in outlines.values() for ring in rings for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((north + south) / 2))  # equirectangular, true at mid-latitude
    scale = 440 / max((east - west) * squeeze, north - south)

    def project(lon, lat):
        return round((lon - west) * squeeze * scale + 40, 1), round((north - lat) * scale + 10, 1)

    highest = max(values.values(), default=0)
    regions = []
    for code, (rings, label) in outlines.items():
        projected = [[project(*point) for point in ring] for ring in rings]
        path = " ".join("M" + " L".join(f"{x},{y}" for x, y in ring) + " Z" for ring in projected)
        centre = project(*label)
        value = values.get(code, 0)
        shade = (
            SHADES[min(len(SHADES) - 1, int(value / highest * (len(SHADES) - 1)))]
            if (highest)
            else SHADES[0]
        )
        regions.append(
            {
                "code": code, "name": names.get(code, code), "value": value, "path": path,
                "x": centre[0], "y": centre[1], "fill": shade, "url": urls.get(code, ""),
                "dark": SHADES.index(shade) >= DARK_FROM,
            }
        )  # fmt: skip
    chart.drawing = {
        "regions": regions,
        "width": round((east - west) * squeeze * scale + 80),
        "height": round((north - south) * scale + 20),
        "legend": [
            {
                "x": 10 + i * 80,
                "colour": shade,
                "label": f"≥ {math.ceil(highest * i / (len(SHADES) - 1))}",
            }
            for i, shade in enumerate(SHADES)
        ]
        if highest
        else [],
    }
    chart.drawing["legend_y"] = chart.drawing["height"] + 10
    if any(region["code"] == "XK" for region in regions):
        chart.footnote = str(KOSOVO_FOOTNOTE)
    return chart
