"""Editions compared, in the members area: for two needs-mapping editions, what became of each
need (new, continuing, changed, met, dropped), with counts per pillar, axis, partner and
overall; filterable by pillar, partner and state, and exportable."""

from django import forms
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from needs_snippets import editions
from needs_snippets.exports import ActiveFilter, Export
from needs_snippets.models import Member, Pillar
from needs_snippets.reading import seen_responses

from .listing import EXPORT_FORMATS
from .views import render

EXPORT_COLUMNS = [
    "state_label", "code", "previous_code", "title", "pillar", "axis", "partner_list",
    "changed_fields", "evidence_or_reason", "response_titles",
]  # fmt: skip
EXPORT_HEADINGS = {
    "state_label": gettext_lazy("State"),
    "code": gettext_lazy("Code"),
    "previous_code": gettext_lazy("Code in the earlier edition"),
    "title": gettext_lazy("Title"),
    "pillar": gettext_lazy("Pillar"),
    "axis": gettext_lazy("Axis"),
    "partner_list": gettext_lazy("Partners"),
    "changed_fields": gettext_lazy("What changed"),
    "evidence_or_reason": gettext_lazy("Evidence (met) or reason (dropped)"),
    "response_titles": gettext_lazy("Responses that met it"),
}


class ComparisonForm(forms.Form):
    """Which editions, and which of their needs: every value is checked against its list."""

    earlier = forms.ModelChoiceField(
        label=gettext_lazy("Earlier edition"), queryset=editions.needs_editions(), required=False
    )
    later = forms.ModelChoiceField(
        label=gettext_lazy("Later edition"), queryset=editions.needs_editions(), required=False
    )
    pillar = forms.ChoiceField(label=gettext_lazy("Pillar"), required=False)
    partner = forms.ChoiceField(label=gettext_lazy("Partner"), required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("Any state")), *editions.STATES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pillar"].choices = [("", _("Any pillar"))] + [
            (code, code) for code in Pillar.objects.values_list("code", flat=True)
        ]
        self.fields["partner"].choices = [("", _("Any partner"))] + [
            (p.country_code, p.display_name) for p in Member.objects.wb_partners()
        ]

    def clean(self):
        cleaned = super().clean()
        earlier, later = cleaned.get("earlier"), cleaned.get("later")
        if (earlier is None or later is None) and not self.errors:
            raise forms.ValidationError(_("Choose the two editions to compare."))
        if earlier and later and earlier.period_start >= later.period_start:
            raise forms.ValidationError(
                _("The earlier edition must start before the later one: swap them.")
            )
        return cleaned

    def active_filters(self):
        names = {"pillar": self.fields["pillar"], "partner": self.fields["partner"],
                 "state": self.fields["state"]}  # fmt: skip
        found = [
            ActiveFilter(_("Editions"), f"{self.cleaned_data['earlier'].edition} → "
                         f"{self.cleaned_data['later'].edition}")
        ]  # fmt: skip
        for name, field in names.items():
            value = self.cleaned_data.get(name)
            if value:
                found.append(ActiveFilter(str(field.label), str(dict(field.choices)[value])))
        return found


class Line(dict):
    """An entry of the comparison, with what a row of the export shows."""

    @property
    def state_label(self):
        return str(editions.STATE_LABELS[self["state"]])

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as missing:
            raise AttributeError(name) from missing

    @property
    def partner_list(self):
        return ", ".join(self["partners"])

    @property
    def changed_fields(self):
        return "; ".join(
            change["label"]
            if "diff" in change
            else f"{change['label']}: {change['before']} → {change['after']}"
            for change in self["changes"]
        )

    @property
    def evidence_or_reason(self):
        outcome = self["outcome"]
        if outcome is None:
            return _("No reason recorded yet") if self["state"] == editions.DROPPED else ""
        return outcome["evidence"] or outcome["reason"]

    @property
    def response_titles(self):
        return "; ".join(self["outcome"]["responses"]) if self["outcome"] else ""


def without_export(params):
    """The query string of `params`, less any `export` (the page's own export links add it)."""
    params = params.copy()
    params.pop("export", None)
    return params.urlencode()


def count_rows(counts, partner_names):
    """(heading, [count per state]) rows: overall, then per pillar, axis and partner."""

    def cells(counter):
        return [counter[state] for state, _label in editions.STATES]

    rows = [(_("All needs"), cells(counts["overall"]))]
    rows += [(_("Pillar %s") % code, cells(c)) for code, c in counts["pillars"].items()]
    rows += [(f"{pillar} · {axis}", cells(c)) for (pillar, axis), c in counts["axes"].items()]
    rows += [(partner_names.get(code, code), cells(c)) for code, c in counts["partners"].items()]
    return rows


def comparison(request, page):
    """The page, or its export with `?export=csv|xlsx`; without editions chosen, the latest
    two with published needs."""
    data = request.GET.copy()
    pair = editions.default_pair()
    if pair and not data.get("earlier") and not data.get("later"):
        data["earlier"], data["later"] = pair[0].pk, pair[1].pk
    form = ComparisonForm(data)
    valid = pair is not None or "earlier" in request.GET
    valid = valid and form.is_valid()
    context = {"form": form, "comparison": None, "no_editions": pair is None}
    if valid:
        chosen = form.cleaned_data
        result = editions.compare(chosen["earlier"], chosen["later"], seen_responses(request.user))
        lines = [
            Line(entry)
            for entry in editions.select(
                result["entries"], chosen["pillar"], chosen["partner"], chosen["state"]
            )
        ]
        export_format = request.GET.get("export")
        if export_format in EXPORT_FORMATS:
            title = _("Editions compared")
            export = Export(title, EXPORT_COLUMNS, EXPORT_HEADINGS, filters=form.active_filters())
            return export.response(lines, export_format)
        counts = editions.counts(lines)
        partner_names = {p.country_code: p.display_name for p in Member.objects.wb_partners()}
        context.update(
            comparison=result,
            lines=lines,
            states=editions.STATES,
            count_rows=count_rows(counts, partner_names),
            export_query=without_export(data),
        )
    elif request.GET.get("export") in EXPORT_FORMATS:
        return HttpResponseBadRequest(
            _("No export was made: %(problems)s")
            % {"problems": " ".join(str(e) for errors in form.errors.values() for e in errors)},
            content_type="text/plain; charset=utf-8",
        )
    refused = bool(request.GET) and not valid
    response = render(request, page, "editions.html", refused=refused, **context)
    if refused:
        response.status_code = 400
    return response
