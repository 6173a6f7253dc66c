"""The template helpers every app's templates share: `{% load cms_tags %}` (cms is not an
installed app; `TEMPLATES`' `libraries` option in cms/settings/base.py registers this
library)."""

from django import template
from django.conf import settings

from cms.languages import bcp47

register = template.Library()


@register.filter(name="bcp47")
def bcp47_filter(code):
    """A Django language code as HTML's `lang` writes it (sr-latn → sr-Latn); the site's
    language when `code` is empty."""
    return bcp47(code or settings.LANGUAGE_CODE)
