from django.apps import AppConfig


class IisgPagesConfig(AppConfig):
    """The public website: page types, blocks, the report and its PDF."""

    name = "iisg_pages"
    verbose_name = "IISG pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
