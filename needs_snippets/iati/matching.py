"""The needs an imported IATI activity most likely answers, best first.

Candidates are the published needs that one of the activity's Western Balkans recipients
identified (of a code in several editions, the latest edition's). On PostgreSQL each is scored
by full-text rank and trigram word similarity (pg_trgm) of the activity's title and
description against the need's title, gap and action needed, plus a bonus per recipient among
the need's partners and when a response already answering the need has the activity's sector.
Elsewhere (SQLite) the text score is the share of the activity's words found in the need. One
query per activity either way.
"""

import operator
import re
from functools import reduce

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from ..models import Need, NeedPartner, ResponseNeed

#: How many needs are suggested per activity.
SUGGESTED = 5
#: A need scoring below this is not suggested (nothing in common).
THRESHOLD = 0.05
COUNTRY_BONUS = 0.05
SECTOR_BONUS = 0.1
WORD = re.compile(r"\w{4,}")
#: How much of the activity's title and description the trigram similarity reads: pg_trgm's
#: word_similarity takes time growing with the square of its text and cannot be interrupted
#: while it runs, so a description of a few hundred kilobytes would hold a database process for
#: hours. The words of the whole text still count through the full-text rank.
SIMILARITY_CHARS = 500


def suggestions(activity, needs=None, limit=SUGGESTED):
    """[{"need": id, "code": reference code, "score": 0–1+}] for `activity` (reader's dict)."""
    text = f"{activity['title']} {activity['description']}".strip()
    if not text:
        return []
    identified = NeedPartner.objects.filter(
        need=OuterRef("pk"), partner__country_code__in=activity["recipient_countries"]
    )
    counted = identified.order_by().values("need").annotate(n=Count("pk")).values("n")
    needs = (
        (needs if needs is not None else Need.objects.filter(live=True))
        .filter(Exists(identified))
        .annotate(
            countries=Subquery(counted, output_field=IntegerField()),
            edition_start=F("cycle__period_start"),
        )
    )
    sectors = activity.get("sectors") or []
    if sectors:
        same_sector = ResponseNeed.objects.filter(
            need=OuterRef("pk"), response__sector__in=sectors
        ).exclude(response__sensitivity="restricted")  # what every member may know
        needs = needs.annotate(same_sector=Exists(same_sector))
    else:
        needs = needs.annotate(same_sector=Value(False))
    if connection.vendor == "postgresql":
        ranked = _ranked_on_postgresql(needs, text)
    else:
        ranked = _ranked_by_words(needs, text)
    found = []
    for need, text_score in ranked:
        bonus = COUNTRY_BONUS * (need.countries or 0) + (SECTOR_BONUS if need.same_sector else 0)
        score = text_score + bonus
        if text_score >= THRESHOLD:
            found.append(
                {
                    "need": need.pk,
                    "code": need.reference_code,
                    "score": round(score, 3),
                    "edition": need.edition_start.toordinal(),
                }
            )
    # A need carried into a later edition keeps its code: suggest the latest edition's.
    found.sort(key=lambda item: (-item["score"], item["code"], -item.pop("edition")))
    latest = {}
    for item in found:
        latest.setdefault(item["code"], item)
    return list(latest.values())[:limit]


def _ranked_on_postgresql(needs, text):
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVector,
        TrigramWordSimilarity,
    )

    vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "gap", "action_needed", weight="B", config="english"
    )
    words = list(dict.fromkeys(word.lower() for word in WORD.findall(text)))[:40] or [text]
    query = reduce(operator.or_, (SearchQuery(word, config="english") for word in words))
    rows = needs.annotate(
        rank=Coalesce(SearchRank(vector, query), Value(0.0), output_field=FloatField()),
        similarity=Greatest(
            TrigramWordSimilarity(F("title"), Value(text[:SIMILARITY_CHARS])),
            TrigramWordSimilarity(F("gap"), Value(text[:SIMILARITY_CHARS])),
        ),
    ).order_by("-similarity", "-rank", "reference_code")[:50]
    return [(need, 0.6 * need.similarity + 0.4 * min(need.rank, 1.0)) for need in rows]


def _ranked_by_words(needs, text):
    words = {word.lower() for word in WORD.findall(text)}
    ranked = []
    for need in needs:
        own = {w.lower() for w in WORD.findall(f"{need.title} {need.gap} {need.action_needed}")}
        ranked.append((need, len(words & own) / len(words) if words else 0.0))
    return ranked
