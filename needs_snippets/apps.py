from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsSnippetsConfig(AppConfig):
    """The secure database: registries, needs, responses and the analysis over them."""

    name = "needs_snippets"
    verbose_name = _("Secure database")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import choices, tokens
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        tokens.connect()
        choices.connect()

        from wagtail.api.v3.api import api

        from .api import register_routes

        register_routes(api)
