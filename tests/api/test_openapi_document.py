"""The OpenAPI document and its docs page as a browser reads them: Swagger UI parses the
document as YAML, which refuses a key written twice, and the page starts with its doctype."""

import collections
import json

import pytest

pytestmark = pytest.mark.django_db


def test_no_object_of_the_openapi_document_repeats_a_key(client):
    repeated = []

    def keep(pairs):
        counts = collections.Counter(key for key, _value in pairs)
        repeated.extend(key for key, count in counts.items() if count > 1)
        return dict(pairs)

    json.loads(client.get("/api/v3/openapi.json").content, object_pairs_hook=keep)
    assert repeated == []


def test_the_docs_page_starts_with_its_doctype(client):
    page = client.get("/api/v3/docs/").content.decode()
    assert page.lstrip().startswith("<!DOCTYPE html>")
    assert "{#" not in page and "{% comment" not in page
