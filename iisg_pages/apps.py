from django.utils.translation import gettext_lazy as _

from needs_snippets import app_config


class IisgPagesConfig(app_config.IISGAppConfig):
    """The website: page types, blocks, the report and its PDF, the members area."""

    name = "iisg_pages"
    verbose_name = _("IISG pages")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .accounts import events
        from .languages import sync_locales
        from .members.access import ensure_private_collection

        super().ready()
        events.connect()
        post_migrate.connect(ensure_private_collection, sender=self)
        post_migrate.connect(sync_locales, sender=self)
