"""The designation of Kosovo* and its footnote, as every page, export, PDF and e-mail of the
site must show them (the IISG's rule; cms/mail.py applies it to every e-mail). The apps import
them from here, or through needs_snippets.constants."""

from django.utils.translation import gettext_lazy as _

KOSOVO_COUNTRY_CODE = "XK"
KOSOVO_FOOTNOTE = _(
    "*This designation is without prejudice to positions on status, and is in line with "
    "UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence."
)
