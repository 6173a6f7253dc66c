"""Admin edits that never overwrite a later one: Wagtail's editing sessions tell an editor
that someone else saved meanwhile, and a save from a form opened before that is refused,
saying who changed the entry and when (Wagtail itself refuses only autosaves). The check and
the save hold the entry's row lock, so of two saves of one version at once, one is refused.
Snippets use `RefuseStaleEdits`; the site's pages, `newer_revision` and `refusal` in their
editor's form (iisg_pages/page_forms.py)."""

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail.models import Revision, RevisionMixin


def opened_on(data):
    """The revision an edit form's posted `data` was opened on (or last autosaved as, where
    autosave is on: WAGTAIL_AUTOSAVE_INTERVAL)."""
    return data.get("overwrite_revision_id") or data.get("loaded_revision_id")


def newer_revision(model, pk, loaded):
    """The revision of `model` `pk` saved after the one an edit form was opened on (`loaded`,
    as the form posts it), or None; the entry's row stays locked to the end of the
    transaction, so that the save that follows cannot cross another."""
    latest = (
        model.objects.select_for_update()
        .filter(pk=pk)
        .values_list("latest_revision_id", flat=True)
        .first()
    )
    if not loaded or not latest or loaded == str(latest):
        return None
    return Revision.objects.select_related("user").get(pk=latest)


def refusal(model, revision):
    """What the editor whose form is older than `revision` of a `model` entry is told."""
    user = revision.user
    who = (user.get_full_name() or user.get_username()) if user else ""
    return _(
        "%(who)s changed this %(model)s on %(when)s, since you opened it: your changes were "
        "not saved, so as not to overwrite theirs. Copy what you typed, reload the page to "
        "see their version, and make your changes again (saving this form as it is now "
        "would replace their version with yours)."
    ) % {
        "who": who or _("Someone"),
        "model": model._meta.verbose_name,
        "when": formats.date_format(revision.created_at, "DATETIME_FORMAT"),
    }


class RefuseStaleEdits:
    """For snippet edit views; it checks the snippets with revisions (the others have no
    version an edit form was opened on). A snippet with `lock_for_write` has its lock read
    again as the save starts (a lock that began after the form opened refuses the save)."""

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)

    def is_valid(self, form):
        if hasattr(self.object, "lock_for_write"):
            self.lock = self.object.lock_for_write()
            self.locked_for_user = self.lock and self.lock.for_user(self.request.user)
        valid = super().is_valid(form)
        if not isinstance(self.object, RevisionMixin):
            return valid
        revision = newer_revision(type(self.object), self.object.pk, opened_on(self.request.POST))
        if revision is None:
            return valid
        message = refusal(self.model, revision)
        self.produced_error_message = message
        form.add_error(None, message)
        return False
