from django.apps import AppConfig


class IisgPagesConfig(AppConfig):
    """The public website: page types, blocks and the members area."""

    name = "iisg_pages"
    verbose_name = "IISG pages"
    default_auto_field = "django.db.models.BigAutoField"
