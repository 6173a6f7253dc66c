"""The public membership application form (the Annex of the membership methodology)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from needs_snippets.models import MembershipApplication


class MembershipApplicationForm(forms.ModelForm):
    """The Annex, plus a honeypot field people never see and bots fill in."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "organisation",
            "kind",
            "confirms_interest",
            "understands_information_sharing",
            "understands_no_sensitive_information",
            "focal_point_wbcti",
            "focal_point_wbcsci",
            "focal_point_wbbsi",
            "applicant_name",
            "applicant_email",
            "signed_on",
        ]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "focal_point_wbcti": _("Name and email of the focal point, if any."),
            "focal_point_wbcsci": _("Name and email of the focal point, if any."),
            "focal_point_wbbsi": _("Name and email of the focal point, if any."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "confirms_interest",
            "understands_information_sharing",
            "understands_no_sensitive_information",
        ):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _(
                "Tick this box to apply: membership requires it."
            )

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
