from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """Moderation task types of the IISG structures, generic over what they moderate."""

    name = "workflows"
    verbose_name = "IISG workflows"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, signal_handlers

        notifications.register_signal_handlers()
        signal_handlers.register_signal_handlers()
