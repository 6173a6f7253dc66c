from django.utils.translation import gettext_lazy as _

from . import app_config


class NeedsSnippetsConfig(app_config.IISGAppConfig):
    """The secure database: registries, needs, responses and the analysis over them."""

    name = "needs_snippets"
    verbose_name = _("Secure database")

    def ready(self):
        from . import choices, tokens

        super().ready()
        tokens.connect()
        choices.connect()
