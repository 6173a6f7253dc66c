"""The public membership application form (the Annex of the membership methodology)."""

from dataclasses import dataclass

from django import forms
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from needs_snippets.models import ApplicationFocalPoint, MembershipApplication, Pillar
from needs_snippets.models.application_focal_points import phone_validator

CONFIRMATIONS = (
    "confirms_interest",
    "understands_information_sharing",
    "understands_no_sensitive_information",
)
#: Who signs, in what capacity and when, and where to write back: after the focal points.
SIGNATURE = (
    "applicant_name",
    "signatory_function",
    "signed_on",
    "signatory_entitled",
    "applicant_email",
)
#: Written on one line: the organisation's and the signatory's names and function, as the focal
#: points' names (a line break in one would also break the e-mails that name it).
ONE_LINE = ("organisation", "applicant_name", "signatory_function")
one_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=_("Write this on one line, without line breaks or other control characters."),
)

FOCAL_POINT_PARTS = (
    ("name", _("name")),
    ("email", _("e-mail")),
    ("phone", _("telephone")),
)


@dataclass
class FocalPointFields:
    """One pillar's fieldset on the form: its focal point's name, e-mail and telephone."""

    pillar: Pillar
    fields: list


class MembershipApplicationForm(forms.ModelForm):
    """The Annex, with a focal point (name, e-mail, telephone) per pillar and the signature
    block, plus a honeypot field people never see and bots fill in."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = MembershipApplication
        fields = ["organisation", "kind", *CONFIRMATIONS, *SIGNATURE]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "applicant_email": _("We write to you at this address about the application."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CONFIRMATIONS:
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _(
                "Tick this box to apply: membership requires it."
            )
        self.fields["signatory_entitled"].required = True
        self.fields["signatory_entitled"].error_messages["required"] = _(
            "Tick this box to confirm that the signatory may sign for the organisation: "
            "only an application signed on its behalf can be considered."
        )
        self.fields["applicant_name"].error_messages["required"] = _(
            "Give the name of the person who signs the application."
        )
        self.fields["signatory_function"].error_messages["required"] = _(
            "Give the signatory's function in the organisation."
        )
        self.fields["signed_on"].error_messages["required"] = _("Give the date of signature.")
        for name in ONE_LINE:
            self.fields[name].validators.append(one_line)
        self.pillars = list(Pillar.objects.all())
        self.focal_point_names = {}
        for pillar in self.pillars:
            for part, label in FOCAL_POINT_PARTS:
                name = self.focal_point_field_name(pillar, part)
                self.focal_point_names[(pillar.pk, part)] = name
                self.fields[name] = self.focal_point_field(pillar, part, label)
        self.order_fields(
            ["organisation", "kind", *CONFIRMATIONS, *self.focal_point_names.values(), *SIGNATURE]
        )

    @staticmethod
    def focal_point_field_name(pillar, part):
        return f"focal_point_{slugify(pillar.code).replace('-', '_')}_{part}"

    @staticmethod
    def focal_point_field(pillar, part, label):
        full_label = _("%(part)s of the %(pillar)s focal point") % {
            "part": str(label).capitalize(),
            "pillar": pillar.code,
        }
        if part == "email":
            return forms.EmailField(required=False, label=full_label, max_length=254)
        if part == "phone":
            return forms.CharField(
                required=False,
                label=full_label,
                max_length=40,
                validators=[phone_validator],
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            )
        return forms.CharField(
            required=False, label=full_label, max_length=255, validators=[one_line]
        )

    @property
    def focal_point_groups(self):
        """The pillars' fieldsets, in pillar order, for the template."""
        return [
            FocalPointFields(
                pillar=pillar,
                fields=[
                    self[self.focal_point_names[(pillar.pk, part)]]
                    for part, _label in FOCAL_POINT_PARTS
                ],
            )
            for pillar in self.pillars
        ]

    def clean(self):
        cleaned = super().clean()
        self.focal_points = []
        for pillar in self.pillars:
            values = {
                part: (cleaned.get(self.focal_point_names[(pillar.pk, part)]) or "").strip()
                for part, _label in FOCAL_POINT_PARTS
            }
            failed = [
                part
                for part, _label in FOCAL_POINT_PARTS
                if self.focal_point_names[(pillar.pk, part)] in self.errors
            ]
            if not any(values.values()) and not failed:
                continue
            for part, label in FOCAL_POINT_PARTS:
                if not values[part] and part not in failed:
                    self.add_error(
                        self.focal_point_names[(pillar.pk, part)],
                        _(
                            "Give the %(part)s of the %(pillar)s focal point too: name, e-mail "
                            "and telephone go together."
                        )
                        % {"part": label, "pillar": pillar.code},
                    )
            self.focal_points.append(ApplicationFocalPoint(pillar=pillar, **values))
        if not self.focal_points and self.pillars:
            self.add_error(
                None,
                _(
                    "Name a focal point in at least one pillar of the Support Group, with their "
                    "name, e-mail and telephone."
                ),
            )
        return cleaned

    def save(self, commit=True):
        application = super().save(commit=False)
        application.focal_points = self.focal_points
        if commit:
            application.save()
        return application

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
