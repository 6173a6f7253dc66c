from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """Moderation task types of the IISG structures, generic over what they moderate."""

    name = "workflows"
    verbose_name = _("IISG workflows")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, signal_handlers

        notifications.register_signal_handlers()
        signal_handlers.register_signal_handlers()
