"""Field factories for options the apps' models repeat: a link that may be left empty, and the
user who did something."""

from django.conf import settings
from django.db import models


def optional_link(
    to, *, related_name, on_delete=models.SET_NULL, blank=True, field=models.ForeignKey, **options
):
    """A `field` (a ForeignKey unless told) to `to` that may be empty: null in the database
    and, unless `blank=False`, optional in forms; its target's deletion empties it unless
    `on_delete` says otherwise. Other `options` (verbose_name, help_text, ...) pass through."""
    return field(
        to, null=True, blank=blank, on_delete=on_delete, related_name=related_name, **options
    )


def acting_user(**options):
    """The user who did something: empty once that user is deleted, with no reverse accessor
    on the user. `options` (blank, help_text, ...) pass through to `optional_link`."""
    return optional_link(settings.AUTH_USER_MODEL, related_name="+", **options)
