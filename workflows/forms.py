"""Forms of the decisions: a comment box, required when asking for changes or objecting."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    """An optional comment, kept with the vote; it saves no revision."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    """A required reason: what must change, or why the seat objects."""

    comment = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what must change, so that the editors can act on it.")},
    )


def form_for(action):
    return ReasonForm if action == "reject" else CommentForm


class MeetingDecisionForm(forms.Form):
    """A decision taken at a meeting, recorded by the Secretariat for the seats present."""

    seats = forms.MultipleChoiceField(
        label=_("Seats present that took the decision"), widget=forms.CheckboxSelectMultiple
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approved")), ("request_changes", _("Requested changes"))],
    )
    meeting = forms.CharField(
        label=_("Meeting"), max_length=255, help_text=_("e.g. 9th IISG Board meeting, Skopje.")
    )
    minutes = forms.ModelChoiceField(
        label=_("Minutes"),
        queryset=None,
        help_text=_("The minutes of the meeting, uploaded as a document."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)

    def __init__(self, *args, rows=(), **kwargs):
        from wagtail.documents import get_document_model

        super().__init__(*args, **kwargs)
        self.fields["seats"].choices = [
            (row["key"], row["label"])
            for row in rows
            if row.get("key") and not row["ballot"] and not row.get("vacant")
        ]
        self.fields["minutes"].queryset = get_document_model().objects.order_by("-created_at")
