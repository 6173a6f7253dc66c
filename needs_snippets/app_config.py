"""The start-up every IISG app with a database API shares."""

from importlib import import_module

from django.apps import AppConfig


class IISGAppConfig(AppConfig):
    """An IISG app with BigAutoField keys whose `ready` connects the handlers of its
    `signal_handlers` module and adds the routes of its `api` module to Wagtail's API v3.
    Subclasses extend `ready` with what else they connect. An apps.py imports this module,
    not the class: Django takes the one AppConfig class an apps.py holds for its app."""

    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.api.v3.api import api

        import_module(f"{self.name}.signal_handlers").register_signal_handlers()
        import_module(f"{self.name}.api").register_routes(api)
