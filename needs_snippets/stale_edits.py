"""Admin edits that never overwrite a later one: Wagtail's editing sessions tell an editor
that someone else saved meanwhile, and a save from a form opened before that is refused,
saying who changed the entry and when (Wagtail itself refuses only autosaves). The check and
the save hold the entry's row lock, so of two saves of one version at once, one is refused.
Snippets use `RefuseStaleEdits`; the site's pages, `newer_revision` and `refusal` in their
editor's form (iisg_pages/page_forms.py).

An entry with revisions is versioned by its latest revision; one without (a cycle, a pillar,
a seat) by a digest of its row and its inline rows as stored (`row_version`), which its edit
form carries from the moment it opened. A change made by the product itself (the Board's vote
starting on a cycle, say) is a newer version too: a form opened before it cannot undo it."""

import hashlib
import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.models import ModelLogEntry, Revision, RevisionMixin

from .locks import NeedWriteRefused

#: The edit form's hidden field holding the version of an entry without revisions.
OPENED_VERSION = "opened_row_version"


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


def row_version(instance):
    """A digest of what `instance` (an entry without revisions) holds in the database now:
    its row and its inline rows."""
    model = type(instance)
    rows = [model.objects.filter(pk=instance.pk).values().first()]
    for relation in get_all_child_relations(model):
        children = relation.related_model.objects.filter(**{relation.field.name: instance.pk})
        rows.append(list(children.order_by("pk").values()))
    digest = json.dumps(rows, sort_keys=True, default=str)
    return hashlib.sha256(digest.encode()).hexdigest()


def opened_version(instance):
    """What the edit form of `instance` (an entry without revisions) carries: when it was
    opened, and the entry's version then."""
    return f"{timezone.now().isoformat()} {row_version(instance)}"


def changed_since(instance, opened):
    """When the edit form that carried `opened` (opened_version) was opened, if `instance`
    changed since then, else None (also for a form that carried none); the entry's row stays
    locked to the end of the transaction."""
    list(type(instance).objects.select_for_update().filter(pk=instance.pk).values_list("pk"))
    opened_at, _space, version = (opened or "").partition(" ")
    try:
        when = parse_datetime(opened_at) if version else None
    except ValueError:  # a form's hidden field, however altered, is no server error
        when = None
    return when if when is not None and version != row_version(instance) else None


def refusal(model, revision):
    """What the editor whose form is older than `revision` of a `model` entry is told."""
    return refusal_since(model, revision.user, revision.created_at)


def refusal_since(model, user, when):
    """What the editor is told whose form of a `model` entry is older than the change `user`
    (None: unknown, or the product itself) made at `when` (None: unknown)."""
    who = (user.get_full_name() or user.get_username()) if user else ""
    placeholders = {"who": who or _("Someone"), "model": model._meta.verbose_name}
    if when is None:
        return (
            _(
                "%(who)s changed this %(model)s since you opened it: your changes were not saved, "
                "so as not to overwrite theirs. Copy what you typed, reload the page to see their "
                "version, and make your changes again (saving this form as it is now would "
                "replace their version with yours)."
            )
            % placeholders
        )
    return _(
        "%(who)s changed this %(model)s on %(when)s, since you opened it: your changes were "
        "not saved, so as not to overwrite theirs. Copy what you typed, reload the page to "
        "see their version, and make your changes again (saving this form as it is now "
        "would replace their version with yours)."
    ) % {**placeholders, "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")}


def _edit_since(instance, opened_at):
    """(who, when) of the last admin edit of `instance` since `opened_at` its history records,
    or (None, None) (the product changed it: a vote starting, say)."""
    entry = (
        ModelLogEntry.objects.for_instance(instance)
        .filter(action="wagtail.edit", timestamp__gte=opened_at)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return (entry.user, entry.timestamp) if entry else (None, None)


class RefuseStaleEdits:
    """For snippet edit views. A snippet with `lock_for_write` has its lock read again as the
    save starts (a lock that began after the form opened refuses the save)."""

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not isinstance(self.object, RevisionMixin):
            form.fields[OPENED_VERSION] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=opened_version(self.object)
            )
        return form

    def is_valid(self, form):
        if hasattr(self.object, "lock_for_write"):
            self.lock = self.object.lock_for_write()
            self.locked_for_user = self.lock and self.lock.for_user(self.request.user)
        valid = super().is_valid(form)
        message = self._stale_refusal()
        if message is None:
            return valid
        self.produced_error_message = message
        form.add_error(None, message)
        return False

    def save_instance(self):
        """A write the Board's decision refuses (Need.save raises NeedWriteRefused) is shown
        on the form, as Wagtail shows a refused save, with what was typed kept."""
        try:
            return super().save_instance()
        except NeedWriteRefused as refused:
            raise PermissionDenied(str(refused)) from refused

    def _stale_refusal(self):
        """What the editor is told when the entry changed since the form opened, else None."""
        if not isinstance(self.object, RevisionMixin):
            opened_at = changed_since(self.object, self.request.POST.get(OPENED_VERSION))
            if opened_at is None:
                return None
            return refusal_since(self.model, *_edit_since(self.object, opened_at))
        revision = newer_revision(type(self.object), self.object.pk, opened_on(self.request.POST))
        return None if revision is None else refusal(self.model, revision)
