"""What the rows of a needs or a review template are checked against: the cycle's needs of the
template's pillar, which a row names by code or, when new, by title."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Need, Pillar
from .need_fields import NeedFields
from .reading import Problem, TemplateRefused, cell_text, quote
from .state import matching_needs, need_states

#: A row naming a need that an earlier row of the file names already.
NEED_REPEATED = gettext_lazy("This need is already on row %(row)s: keep one row per need.")
#: A new row with the title of an earlier new row.
TITLE_REPEATED = gettext_lazy(
    "Row %(row)s already proposes a need with this title: keep one row per need."
)


def pillar_and_member(about, member, missing):
    """The pillar the template was made for (by its code in `about`) and `member`, the one it
    was made for as the caller found it (or None); refused with `missing` when either is gone."""
    pillar = Pillar.objects.filter(code=about.get("pillar")).first()
    if pillar is None or member is None:
        raise TemplateRefused(Problem(missing))
    return pillar, member


@dataclass
class PillarNeeds:
    """The cycle's needs of one pillar, read once per file: by code and by title (see
    state.matching_needs), what each says now (state.need_states, by need id) and the lists
    their own columns are read against. A template kind's lookups extend it with their own."""

    cycle: object
    pillar: Pillar
    by_code: dict
    by_title: dict  # a new row with the title of a need matches it (withdrawn ones excepted)
    states: dict
    fields: NeedFields

    @classmethod
    def read(cls, cycle, pillar, **more):
        """The lookups of `pillar`'s needs in `cycle`, with a subclass's `more` fields."""
        needs = list(Need.objects.filter(cycle=cycle, pillar=pillar))
        return cls(
            cycle=cycle,
            pillar=pillar,
            **matching_needs(needs),
            states=need_states(needs),
            fields=NeedFields(cycle, pillar),
            **more,
        )

    def matched(self, row, values):
        """The need the row changes (by code, else by title), or None; a code that names no
        need of the pillar is a problem on the row."""
        code, title = cell_text(values["code"]), cell_text(values["title"])
        if not code:
            return self.by_title.get(title.lower()) if title else None
        need = self.by_code.get(code)
        if need is None:
            row.problem(
                "code",
                _(
                    "No %(pillar)s need of the %(edition)s cycle has the code %(code)s: "
                    "leave the code empty to propose a new need."
                )
                % {"pillar": self.pillar.code, "edition": self.cycle.edition, "code": quote(code)},
            )
        return need

    def matched_rows(self, rows):
        """(number, values, row checker, need) for each of `rows` (plans.checked_rows), the need
        as `matched` (None: a new one); a row naming the need of an earlier row, or proposing the
        title of an earlier new row, is a problem on it."""
        seen, new_titles = {}, {}
        for number, values, row in rows:
            need = self.matched(row, values)
            title = cell_text(values["title"])
            if need is not None:
                row.once(seen, need.pk, "code", NEED_REPEATED)
            elif title and row.ok:
                row.once(new_titles, title.lower(), "title", TITLE_REPEATED)
            yield number, values, row, need
