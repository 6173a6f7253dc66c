"""Documents on pages anyone may read: a document only members may open (its collection, or
one above it, has a view restriction) is never named there. The editor is told on saving; a
document block whose document became members-only afterwards renders nothing on such a page,
and a rich-text link to one points at an address that names nothing (`members_document`)."""

import re

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Collection, CollectionViewRestriction

#: A rich-text link to a document, as stored: <a linktype="document" id="12">.
RICH_TEXT_LINK = re.compile(r"<a\b[^>]*\blinktype=\"document\"[^>]*>")
LINK_ID = re.compile(r"\bid=\"(\d+)\"")

MEMBERS_ONLY = _(
    "Only members may open %(titles)s (its collection is restricted), and anyone may read this "
    "page: remove the link, or move the document to a public collection first."
)


def members_only_documents(ids):
    """The documents among `ids` that only members may open."""
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    if not ids or not restricted:
        return get_document_model().objects.none()
    collections = Collection.objects.none()
    for path in restricted:
        collections = collections | Collection.objects.filter(path__startswith=path)
    return get_document_model().objects.filter(pk__in=ids, collection__in=collections)


def linked_document_ids(raw):
    """The ids of the documents a StreamField's raw data links: document blocks and rich-text
    links, at any depth."""
    found = set()
    if isinstance(raw, dict):
        if raw.get("type") == "document" and isinstance(raw.get("value"), dict):
            found.add(raw["value"].get("document"))
        for value in raw.values():
            found |= linked_document_ids(value)
    elif isinstance(raw, list):
        for value in raw:
            found |= linked_document_ids(value)
    elif isinstance(raw, str) and "linktype" in raw:
        for tag in RICH_TEXT_LINK.findall(raw):
            if match := LINK_ID.search(tag):
                found.add(int(match.group(1)))
    return {pk for pk in found if isinstance(pk, int)}


def is_public(page, parent):
    """Whether anyone may read `page` (saved or not yet, below `parent`)."""
    restrictions = page.get_view_restrictions() if page.pk else parent.get_view_restrictions()
    return not restrictions.exists()


class PublicDocumentsPageForm(WagtailAdminPageForm):
    """The page editor's form: a page anyone may read links no members-only document."""

    def clean(self):
        cleaned_data = super().clean()
        body = cleaned_data.get("body")
        if body is None or not is_public(self.instance, self.parent_page):
            return cleaned_data
        hidden = members_only_documents(linked_document_ids(list(body.raw_data)))
        if hidden:
            titles = ", ".join(f"“{document.title}”" for document in hidden.order_by("title"))
            self.add_error("body", forms.ValidationError(MEMBERS_ONLY % {"titles": titles}))
        return cleaned_data


class NamelessMembersDocumentLinkHandler(DocumentLinkHandler):
    """Rich-text document links: a members-only document's link names neither its title nor its
    file (`members_document`), whatever page it is on and whenever it became members-only."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        documents = cls.get_many(attrs_list)
        hidden = set(
            members_only_documents([document.pk for document in documents if document]).values_list(
                "pk", flat=True
            )
        )
        return [
            "<a>"
            if document is None
            else format_html('<a href="{}">', cls._address(document, hidden))
            for document in documents
        ]

    @staticmethod
    def _address(document, hidden):
        if document.pk in hidden:
            return reverse("members_document", args=[document.pk])
        return document.url


@require_GET
def members_document(request, document_id):
    """A members-only document by its number: Wagtail's sign-in (or password) step, which
    returns here, for anyone its collection's restriction turns away; its file for the others."""
    from wagtail.documents.wagtail_hooks import check_view_restrictions

    document = get_object_or_404(get_document_model(), pk=document_id)
    return check_view_restrictions(document, request) or redirect(document.url)
