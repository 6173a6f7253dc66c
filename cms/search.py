"""PostgreSQL full-text search that stems each page in its own language.

Contract: a translatable object (a page in a locale) is indexed with its language's text
search configuration (cms.languages.SEARCH_CONFIGS), anything else with the backend's
SEARCH_CONFIG (English: the secure database's content is in English). A search of a
translatable model inside `searching_in(language)` reads the query in that language's
configuration; any other search (the admin's, the secure database's), in the backend's.
WAGTAILSEARCH_BACKENDS' "cms.search" is this backend on PostgreSQL and modelsearch's database
backend on any other database (SQLite for a quick local run); the search cluster backends of
production settings analyse text themselves.
"""

import copy
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.models import Locale, TranslatableMixin

from .languages import SEARCH_CONFIGS

_query_language = ContextVar("query_language", default=None)


@contextmanager
def searching_in(language):
    """Searches of pages in the block read their query as `language` (see the contract).
    Evaluate the results inside it: a search runs when its results are read."""
    token = _query_language.set(language)
    try:
        yield
    finally:
        _query_language.reset(token)


def _language_config(code, default):
    return SEARCH_CONFIGS.get((code or "").lower(), default)


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index `objs` in groups of one configuration each (see the module's contract)."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = defaultdict(list)
        for obj in objs:
            groups[self.backend.config_for_object(obj, languages)].append(obj)
        for config, group in groups.items():
            backend = copy.copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return backend.config_for_model(self.queryset.model)


class LanguageSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler

    def config_for_object(self, obj, languages):
        """`languages`: {locale id: language code}."""
        if isinstance(obj, TranslatableMixin):
            return _language_config(languages.get(obj.locale_id), self.config)
        return self.config

    def config_for_model(self, model):
        language = _query_language.get()
        if language and issubclass(model, TranslatableMixin):
            return _language_config(language, self.config)
        return self.config


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend's module
    if connection.vendor == "postgresql":
        return LanguageSearchBackend(params)
    return database.SearchBackend(params)
