"""Public search of the needs as their adopted editions froze them: the words of a need's
published text find it, never words it gained or lost in the database since.

On PostgreSQL, full-text search with the source language's stemming over the frozen rows of
the live, public editions, best match first (one query); on any other database (a quick local
run), every word of the query in the row's text.
"""

from django.db import connection

from cms.languages import SEARCH_CONFIGS, SOURCE_LANGUAGE

from .models import ReportPage

#: A frozen row's texts that a search reads (see needs_snippets.editions.need_texts).
SEARCHED = ("code", "title", "state_of_play", "gap", "action")

RANKED = """
    SELECT (need ->> 'id')::bigint, report.{key}
    FROM {table} AS report
    CROSS JOIN LATERAL jsonb_array_elements(report.edition_snapshot -> 'needs') AS need
    CROSS JOIN LATERAL to_tsvector(%(config)s::regconfig, concat_ws(' ', {texts})) AS document
    CROSS JOIN LATERAL plainto_tsquery(%(config)s::regconfig, %(query)s) AS query
    WHERE report.{key} = ANY(%(reports)s) AND document @@ query
    ORDER BY ts_rank(document, query) DESC, 1
    LIMIT %(limit)s
"""


def matching_published_needs(query, limit):
    """[(frozen row, report)] of the published needs (ReportPage.objects.published_needs)
    whose adopted text matches `query`, best first, at most `limit`."""
    published = ReportPage.objects.published_needs()
    if not published or not query.strip():
        return []
    if connection.vendor == "postgresql":
        reports = {report.pk: report for _row, report in published.values()}
        # A need is published by its newest edition only (published_needs): the rows of the
        # others are read too, and passed over, so as many more are asked for.
        shadowed = sum(len(r.edition_snapshot["needs"]) for r in reports.values()) - len(published)
        found = _ranked(query, set(reports), limit + shadowed)
    else:
        words = query.casefold().split()
        found = [
            (need_id, report.pk)
            for need_id, (row, report) in published.items()
            if all(word in _text(row).casefold() for word in words)
        ]
    return [
        published[need_id]
        for need_id, report_id in found
        if need_id in published and published[need_id][1].pk == report_id
    ][:limit]


def _text(row):
    return " ".join(str(row.get(key) or "") for key in SEARCHED)


def _ranked(query, report_ids, limit):
    meta = ReportPage._meta
    sql = RANKED.format(
        key=connection.ops.quote_name(meta.pk.column),
        table=connection.ops.quote_name(meta.db_table),
        texts=", ".join(f"need ->> '{key}'" for key in SEARCHED),
    )
    parameters = {
        "config": SEARCH_CONFIGS[SOURCE_LANGUAGE],
        "query": query,
        "reports": list(report_ids),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchall()
