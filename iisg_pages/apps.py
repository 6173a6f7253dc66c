from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IisgPagesConfig(AppConfig):
    """The website: page types, blocks, the report and its PDF, the members area."""

    name = "iisg_pages"
    verbose_name = _("IISG pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .accounts import events
        from .languages import sync_locales
        from .members.access import ensure_private_collection
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        events.connect()

        from wagtail.api.v3.api import api

        from .api import register_routes

        register_routes(api)
        post_migrate.connect(ensure_private_collection, sender=self)
        post_migrate.connect(sync_locales, sender=self)
