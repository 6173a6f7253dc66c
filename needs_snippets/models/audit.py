"""The history of responses, kept apart so that each organisation reads its own only."""

from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry, BaseLogEntryManager

from cms.model_fields import optional_link

from ..permissions import manages_all_responses, member_ids_of


class ResponseLogEntryManager(BaseLogEntryManager):
    def object_fields(self, instance):
        """The fields naming `instance` and its organisation (entries logged in bulk too)."""
        return {"object_id": str(instance.pk), "member_id": instance.reporting_member_id}

    def log_action(self, instance, action, **kwargs):
        kwargs.update(self.object_fields(instance))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(object_id=str(instance.pk))

    def viewable_by_user(self, user):
        """The Secretariat reads every response's history; a focal point, its organisations'."""
        if user.is_superuser or manages_all_responses(user):
            return self.all()
        members = member_ids_of(user)
        from .responses import Response

        own = (
            Response.objects.filter(reporting_member__in=members)
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return self.filter(Q(member_id__in=members) | Q(object_id__in=own))


class ResponseLogEntry(BaseLogEntry):
    """A logged action on a response, with the organisation that reported it at the time."""

    object_id = models.CharField(max_length=255, db_index=True)
    member = optional_link(
        "needs_snippets.Member", related_name="+", verbose_name=_("reporting member")
    )

    objects = ResponseLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("response log entry")
        verbose_name_plural = _("response log entries")

    def __str__(self):
        return f"ResponseLogEntry {self.pk}: {self.action} on response {self.object_id}"
