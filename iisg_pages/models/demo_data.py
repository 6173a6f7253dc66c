"""Whether this database holds demonstration data: `manage.py load_demo` records it."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DemoDataRecord(models.Model):
    """One row while the database holds the demo content that `load_demo` loaded.

    The "Demonstration data" banner (iisg_pages.demo_banner) shows when this row exists, unless
    the setting IISG_DEMO_BANNER forces it on or off. Delete the row to state that the database
    no longer holds demo data.
    """

    loaded_at = models.DateTimeField(_("first loaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("demonstration data record")

    def __str__(self):
        return gettext("Demonstration data loaded %(when)s") % {
            "when": f"{self.loaded_at:%Y-%m-%d %H:%M}"
        }
