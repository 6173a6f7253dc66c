"""The analyses' results kept in the shared cache under the analysis generation.

PostgreSQL replaces the generation's token whenever a transaction that changed what the
analyses read commits (`models.AnalysisGeneration`, migration 0033), so a result kept under
the token every machine reads now is the one a fresh computation would give: no expiry to
wait for, nothing to purge. A result is computed afresh, and not kept, where the token does
not name what this transaction reads: off PostgreSQL (no summaries, no token), in a
transaction that has changed the analyses' tables itself (its writes are not committed), and
before the first token exists.

The key names the reader's scope of responses too (`SummaryScope.key`): what one reader
computed is served only to readers who may see the same responses.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .models.analysis import refresh_summaries, summaries_maintained

GENERATION_SQL = """
SELECT token, EXISTS (
    SELECT 1 FROM needs_snippets_analysispendingchange
    WHERE transaction_id = txid_current_if_assigned()
)
FROM needs_snippets_analysisgeneration WHERE id = 1
"""


def current_generation():
    """The token naming what this transaction reads, or None where no result may be kept
    (see the module's docstring). Rebuilds this transaction's dirty summaries first."""
    if not summaries_maintained():
        return None
    refresh_summaries()
    with connection.cursor() as cursor:
        cursor.execute(GENERATION_SQL)
        row = cursor.fetchone()
    if row is None or row[1]:
        return None
    return row[0]


def remembered(name, parts, compute):
    """`compute()`, kept in the shared cache for the current generation under `name` and
    `parts` (a repr-able description of everything the result depends on besides the data:
    the reader's scope, the filters' SQL). Computed every time where none may be kept, and
    when IISG_ANALYSIS_CACHE_SECONDS is 0."""
    seconds = settings.IISG_ANALYSIS_CACHE_SECONDS
    generation = current_generation() if seconds > 0 else None
    if generation is None:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"iisg:analysis:{name}:{generation}:{digest}"
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, seconds)
    return result
