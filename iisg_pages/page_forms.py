"""The editor's form of the site's pages and reports: a page anyone may read links no
members-only document (document_links), and a save from a form opened before another save of
the page is refused, saying who saved and when (Wagtail itself refuses only autosaves).

The page editor tells (`note_newer_revision`, its `before_edit_page` hook) which revision came
after the one the posted form was opened on; the form then refuses to be saved. Previews, which
check the same form, are not refused. The page editor's request is not one transaction, so the
check holds the page's row lock only while it reads: two saves sent within the same instant
can still both pass it, which Wagtail's editing sessions make unlikely (each editor is told the
other is there)."""

from django.db import transaction
from wagtail.models import Page

from needs_snippets.stale_edits import newer_revision, opened_on, refusal

from .document_links import PublicDocumentsPageForm


def note_newer_revision(request, page):
    """before_edit_page: on a post, note on `page` the revision saved since its form was
    opened (None when there is none)."""
    if request.method == "POST":
        with transaction.atomic():
            page.newer_revision = newer_revision(Page, page.pk, opened_on(request.POST))


class PageForm(PublicDocumentsPageForm):
    def clean(self):
        cleaned_data = super().clean()
        newer = getattr(self.instance, "newer_revision", None)
        if newer is not None:
            self.add_error(None, refusal(type(self.instance), newer))
        return cleaned_data
