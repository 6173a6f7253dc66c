"""Admin edits that never overwrite a later one: Wagtail's editing sessions tell an editor
that someone else saved meanwhile, and a save from a form opened before that is refused,
saying who changed the entry and when (Wagtail itself refuses only autosaves). The check and
the save hold the entry's row lock, so of two saves of one version at once, one is refused."""

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from wagtail.models import Revision


class RefuseStaleEdits:
    """For snippet edit views of models with revisions."""

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)

    def is_valid(self, form):
        valid = super().is_valid(form)
        loaded = self.request.POST.get("loaded_revision_id")
        latest = (
            type(self.object)
            .objects.select_for_update()
            .filter(pk=self.object.pk)
            .values_list("latest_revision_id", flat=True)
            .first()
        )
        if not loaded or not latest or loaded == str(latest):
            return valid
        revision = Revision.objects.select_related("user").get(pk=latest)
        who = revision.user.get_full_name() or revision.user.get_username() if revision.user else ""
        message = _(
            "%(who)s changed this %(model)s on %(when)s, since you opened it: your changes were "
            "not saved, so as not to overwrite theirs. Copy what you typed, reload the page to "
            "see their version, and make your changes again (saving this form as it is now "
            "would replace their version with yours)."
        ) % {
            "who": who or _("Someone"),
            "model": self.model._meta.verbose_name,
            "when": formats.date_format(revision.created_at, "DATETIME_FORMAT"),
        }
        self.produced_error_message = message
        form.add_error(None, message)
        return False
