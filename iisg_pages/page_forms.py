"""The editor's form of the site's pages and reports: a page anyone may read links no
members-only document (document_links), and a save from a form opened before another save of
the page is refused, saying who saved and when (Wagtail itself refuses only autosaves).

The page editor's request is not one transaction, so the check reads the page's latest
revision under its row lock just before the form is accepted; two saves sent within the same
instant can still both pass it, which Wagtail's editing sessions make unlikely (each editor is
told the other is there)."""

from django.db import transaction
from wagtail.models import Page

from needs_snippets.stale_edits import newer_revision, opened_on, refusal

from .document_links import PublicDocumentsPageForm


class PageForm(PublicDocumentsPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            with transaction.atomic():
                newer = newer_revision(Page, self.instance.pk, opened_on(self.data))
            if newer is not None:
                self.add_error(None, refusal(type(self.instance), newer))
        return cleaned_data
