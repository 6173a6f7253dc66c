"""A need's own columns in a template (title to timeframe), read against the lists of its
cycle and pillar: shared by the partners' needs templates and the review templates."""

from django.utils.translation import gettext as _

from ..models import Measure, Need
from ..models.registries import Area
from . import layout
from .reading import cell_text, clean_text, quote


class NeedFields:
    """Reads a need's own columns (title to timeframe) of a template row, against the cycle's
    and pillar's lists; a measure must be of the row's axis."""

    def __init__(self, cycle, pillar):
        self.axes = {axis.name.lower(): axis.pk for axis in pillar.axes.all()}
        self.measures, self.measure_axes = {}, {}
        for measure in Measure.objects.filter(cycle=cycle, objective__pillar=pillar).select_related(
            "objective__axis"
        ):
            self.measure_axes[measure.pk] = measure.objective.axis
            if not measure.unclassified:  # by its label or its code alone
                label, code = clean_text(measure.label).lower(), measure.code.lower()
                self.measures[label] = self.measures[code] = measure.pk
        areas = Area.objects.all()
        self.areas = {area.name.lower(): area.pk for area in areas}
        self.areas.update({area.code.lower(): area.pk for area in areas})
        self.timeframes = layout.choice_lookup(Need.Timeframe)

    def placed(self, measure_id):
        """The measure as a template shows it: None while under an Unclassified one."""
        return measure_id if measure_id in self.measures.values() else None

    def read(self, row, values):
        new = {
            "title": row.required(values, "title", 255),
            "axis": row.choice(values, "axis", self.axes),
            "measure": row.choice(values, "measure", self.measures, required=False),
            "area": row.choice(values, "area", self.areas),
            "state_of_play": row.required(values, "state_of_play"),
            "gap": row.required(values, "gap"),
            "action_needed": row.required(values, "action_needed"),
            "timeframe": row.choice(values, "timeframe", self.timeframes),
        }
        axis = self.measure_axes.get(new["measure"])
        if new["axis"] and axis and axis.pk != new["axis"]:
            row.problem("measure", _(
                "The measure %(measure)s is under the axis %(axis)s: choose a measure of the "
                "row's axis, or change the axis.")
                % {"measure": quote(cell_text(values["measure"])),
                   "axis": axis.name})  # fmt: skip
        return new
