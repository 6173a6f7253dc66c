"""The "Demonstration data" banner: shown on every page, in the admin and in the report PDF
while the database holds demo content.

Setting IISG_DEMO_BANNER: "auto" (the default) shows the banner when `load_demo` recorded that
it loaded demo data (a DemoDataRecord row); "on" and "off" force it either way.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .models import DemoDataRecord

TITLE = _("Demonstration data")
TEXT = _(
    "This site holds demonstration data. Needs, responses, budgets and documents other than "
    "the IISG's own are illustrative: they are not statements of the governments or "
    "organisations named."
)
MODES = {"auto", "on", "off"}
_ALIASES = {
    "": "auto",
    **dict.fromkeys(["true", "yes", "1"], "on"),
    **dict.fromkeys(["false", "no", "0"], "off"),
}
_CACHE_ATTRIBUTE = "_iisg_demo_banner_shown"


def banner_mode():
    """The setting IISG_DEMO_BANNER as one of "auto", "on", "off"."""
    value = getattr(settings, "IISG_DEMO_BANNER", "auto")
    if isinstance(value, bool):
        return "on" if value else "off"
    mode = str(value).strip().lower()
    mode = _ALIASES.get(mode, mode)
    if mode not in MODES:
        raise ImproperlyConfigured(
            f"IISG_DEMO_BANNER is {value!r}: set it to auto (show the banner when demo data "
            "is loaded), on or off."
        )
    return mode


def holds_demo_data():
    """Whether `load_demo` recorded that this database holds demo data."""
    return DemoDataRecord.objects.exists()


def record_demo_data():
    """Record that the database holds demo data (idempotent). Returns True when new."""
    _record, created = DemoDataRecord.objects.get_or_create(pk=1)
    return created


def banner_shown(request=None):
    """Whether to show the banner; looked up once per request."""
    mode = banner_mode()
    if mode != "auto":
        return mode == "on"
    if request is None:
        return holds_demo_data()
    if not hasattr(request, _CACHE_ATTRIBUTE):
        setattr(request, _CACHE_ATTRIBUTE, holds_demo_data())
    return getattr(request, _CACHE_ATTRIBUTE)
