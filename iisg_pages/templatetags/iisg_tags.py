"""Template helpers of the public site."""

from django import template

from needs_snippets.constants import KOSOVO_FOOTNOTE

register = template.Library()


@register.simple_tag
def kosovo_footnote():
    """The designation footnote that goes wherever Kosovo* is listed."""
    return KOSOVO_FOOTNOTE
