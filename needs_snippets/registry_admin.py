"""The plain registries in the admin (wagtail-modeladmin listings, no revisions, no workflow):
member organisations, focal points, meetings, strategic documents and the Secretariat's host.
Registered in the Secure database menu by wagtail_hooks."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from .models import FocalPoint, Meeting, Member, SecretariatHost, StrategicDocument


class RegistryIndexView(IndexView):
    """The listing. A filter it does not have, or a value its field cannot hold, in the address
    (`?sort=`, `?joined__gte=abc`) lists everything and says so, where wagtail-modeladmin's
    own answers 500."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(
                request, _("This list cannot be filtered that way: here it is without filters.")
            )
            return redirect(self.url_helper.index_url)


class RegistryHistoryView(HistoryView):
    """An entry's history, for those who may inspect the entry (wagtail-modeladmin's own
    history view checks no permission)."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


def entry_id(instance_pk):
    """An entry's id from its address; 404 for anything else (wagtail-modeladmin's addresses
    take any word there, and its views raise on one that is no id)."""
    if not instance_pk.isascii() or not instance_pk.isdigit():
        raise Http404
    return instance_pk


class RegistryAdmin(ModelAdmin):
    """A plain registry (no revisions, no workflow), listed in the Secure database menu."""

    add_to_admin_menu = False
    inspect_view_enabled = True
    history_view_class = RegistryHistoryView
    index_view_class = RegistryIndexView

    def inspect_view(self, request, instance_pk):
        return super().inspect_view(request, entry_id(instance_pk))

    def edit_view(self, request, instance_pk):
        return super().edit_view(request, entry_id(instance_pk))

    def delete_view(self, request, instance_pk):
        return super().delete_view(request, entry_id(instance_pk))

    def history_view(self, request, instance_pk):
        return super().history_view(request, entry_id(instance_pk))


class MemberAdmin(RegistryAdmin):
    model = Member
    menu_label = _("Member organisations")
    menu_icon = "group"
    list_display = (
        "display_name", "short_name", "kind", "country_code", "status", "joined",
        "membership_basis",
    )  # fmt: skip
    list_filter = ("kind", "status", "membership_basis")
    search_fields = ("name", "short_name")
    list_export = (
        "display_name", "short_name", "kind", "country_code", "status", "joined",
        "membership_basis",
    )  # fmt: skip


class FocalPointAdmin(RegistryAdmin):
    model = FocalPoint
    menu_label = _("Focal points")
    menu_icon = "user"
    list_display = ("name", "member", "pillar", "email", "phone")
    list_filter = ("pillar", "member__kind")
    search_fields = ("name", "email", "member__name")
    list_select_related = ("member", "pillar")


class MeetingAdmin(RegistryAdmin):
    model = Meeting
    menu_label = _("Meetings")
    menu_icon = "date"
    list_display = ("title", "kind", "pillar", "start_date", "place", "cycle")
    list_filter = ("kind", "pillar", "cycle")
    search_fields = ("title", "place", "summary")


class StrategicDocumentAdmin(RegistryAdmin):
    model = StrategicDocument
    menu_label = _("Strategic documents")
    menu_icon = "doc-full"
    list_display = ("title", "issuer", "published", "cycle")
    list_filter = ("cycle", "pillars")
    search_fields = ("title", "issuer")


class SecretariatHostAdmin(RegistryAdmin):
    """Who hosts the Secretariat, from when: the host is a member automatically."""

    model = SecretariatHost
    menu_label = _("Secretariat host")
    menu_icon = "home"
    list_display = ("member", "start", "end", "decision")
    list_select_related = ("member",)
