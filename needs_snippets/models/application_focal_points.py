"""The focal points a membership application names, one per pillar, each with their own
address and telephone."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .registries import Pillar

phone_validator = RegexValidator(
    r"^\+?(?:[\s()./-]*\d){6,}[\s()./-]*$",
    _(
        "Enter a telephone number in digits, with its country code (e.g. +381 …); spaces, "
        "brackets, dots, slashes and hyphens may separate the digits."
    ),
)


class ApplicationFocalPoint(Orderable):
    """The focal point an applicant names for one pillar: their own name, e-mail, telephone."""

    application = ParentalKey(
        "needs_snippets.MembershipApplication",
        on_delete=models.CASCADE,
        related_name="focal_points",
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="+", verbose_name=_("pillar")
    )
    name = models.CharField(_("name"), max_length=255)
    # Blank only for focal points moved from the former name-only fields (migration 0010):
    # every form requires both.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("telephone"), max_length=40, blank=True, validators=[phone_validator]
    )

    panels = [
        FieldPanel("pillar"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "pillar"],
                name="application_focal_point_one_per_pillar",
                violation_error_message=_("One focal point per pillar: remove the second one."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.pillar})"

    def clean(self):
        super().clean()
        missing = {
            name: _("Give the focal point's %(what)s: name, e-mail and telephone go together.")
            % {"what": label}
            for name, label in (("email", _("e-mail")), ("phone", _("telephone")))
            if not getattr(self, name)
        }
        if missing:
            raise ValidationError(missing)
