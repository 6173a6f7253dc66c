"""When an API token stops working: Wagtail's APIToken has no expiry, so it is kept beside it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken


class TokenExpiry(models.Model):
    """The moment an API token expires (IISG_API_TOKEN_LIFETIME after its creation)."""

    token = models.OneToOneField(
        APIToken, primary_key=True, on_delete=models.CASCADE, related_name="expiry"
    )
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("API token expiry")
        verbose_name_plural = _("API token expiries")

    def __str__(self):
        return f"{self.token} expires {self.expires_at:%Y-%m-%d %H:%M}"
