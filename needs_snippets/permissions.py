"""Who may see and change which responses.

A focal point acts for the member organisations it is a focal point of. It may add
responses for them and change, delete, copy or read the history of theirs only. A response
marked *restricted* is seen by its own organisation and by those who manage every response
(the Secretariat). Everybody else who may read the secure database sees the other responses.

The rules live here once; the admin views, the members area and the exports all ask them.
"""

import operator
from functools import cache, reduce

from django.apps import apps
from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

MANAGE_ALL_RESPONSES = "needs_snippets.manage_all_responses"
VIEW_MEMBERS_AREA = "needs_snippets.view_members_area"


def member_ids_of(user):
    """Ids of the member organisations `user` is a focal point of (cached on the user)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_iisg_member_ids"):
        FocalPoint = apps.get_model("needs_snippets", "FocalPoint")
        user._iisg_member_ids = frozenset(
            FocalPoint.objects.filter(user=user).values_list("member_id", flat=True)
        )
    return user._iisg_member_ids


def manages_all_responses(user):
    return user.is_active and user.has_perm(MANAGE_ALL_RESPONSES)


def can_use_members_area(user):
    """Members, the Secretariat, the Support Groups and the Board read the secure database."""
    return user.is_active and user.has_perm(VIEW_MEMBERS_AREA)


def _restricted():
    Response = apps.get_model("needs_snippets", "Response")
    return Q(sensitivity=Response.Sensitivity.RESTRICTED)


def visible_responses(user, queryset):
    """The responses of `queryset` that `user` may read in the members area."""
    if manages_all_responses(user):
        return queryset
    if not can_use_members_area(user):
        return queryset.none()
    return queryset.filter(~_restricted() | Q(reporting_member__in=member_ids_of(user)))


def all_visible_responses(user):
    """Every response `user` may read in the members area, carrying the same rule for the
    analysis summaries as `summary_scope` (see `SummaryScope`)."""
    Response = apps.get_model("needs_snippets", "Response")
    if manages_all_responses(user):
        responses = Response.objects.all()
        responses.summary_scope = SummaryScope(everything=True)
        return responses
    if can_use_members_area(user):
        return responses_seen_by_members_of(member_ids_of(user))
    responses = Response.objects.none()
    responses.summary_scope = SummaryScope()
    return responses


def responses_seen_by_members_of(member_ids):
    """What a reader acting for the organisations `member_ids` sees: every response not
    restricted, and theirs (with its `summary_scope`)."""
    Response = apps.get_model("needs_snippets", "Response")
    responses = Response.objects.filter(~_restricted() | Q(reporting_member__in=member_ids))
    responses.summary_scope = SummaryScope(member_ids=member_ids)
    return responses


class SummaryScope:
    """`visible_responses` as a condition on a summary row's denormalised columns
    (`restricted`, `member`; `rival_restricted`, `rival_member` with prefix "rival_"), so
    that counting what a user may see needs no join back to the responses."""

    def __init__(self, everything=False, member_ids=None):
        self.everything, self.member_ids = everything, member_ids

    def key(self):
        """What names this scope in a cache key: readers with the same key see the same."""
        if self.everything:
            return ("everything",)
        if self.member_ids is None:
            return ("nothing",)
        return ("members", *sorted(self.member_ids))

    def response_condition(self, prefix=""):
        """The same rule on a response's own fields, through `prefix` (e.g. "response__")."""
        if self.everything:
            return Q()
        if self.member_ids is None:
            return Q(pk__in=[])
        restricted = apps.get_model("needs_snippets", "Response").Sensitivity.RESTRICTED
        return ~Q(**{f"{prefix}sensitivity": restricted}) | Q(
            **{f"{prefix}reporting_member__in": sorted(self.member_ids)}
        )

    def condition(self, prefix=""):
        if self.everything:
            return Q()
        if self.member_ids is None:
            return Q(pk__in=[])
        return Q(**{f"{prefix}restricted": False}) | Q(
            **{f"{prefix}member_id__in": sorted(self.member_ids)}
        )


def own_responses(user, queryset):
    """The responses of `queryset` reported by `user`'s organisations."""
    return queryset.filter(reporting_member__in=member_ids_of(user))


class ResponsePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the user's organisations for each response.

    - add: the model permission, for one of the user's organisations;
    - change, delete: the model permission, and the response is the user's organisation's,
      unless the user manages every response;
    - view: with the view permission, the responses visible to the user; a focal point,
      who may change responses but not view every one, its organisations' responses.
    """

    def _scoped(self, user, action, queryset):
        if action == "view" and not self.user_has_permission(user, "view"):
            if self.user_has_any_permission(user, ["add", "change", "delete"]):
                return own_responses(user, queryset)
            return queryset.none()
        if not self.user_has_permission(user, action):
            return queryset.none()
        if manages_all_responses(user):
            return queryset
        if action == "view":
            return visible_responses(user, queryset)
        return own_responses(user, queryset)

    def instances_user_has_permission_for(self, user, action):
        return self._scoped(user, action, self.model._default_manager.all())

    def instances_user_has_any_permission_for(self, user, actions):
        querysets = [self.instances_user_has_permission_for(user, action) for action in actions]
        return reduce(operator.or_, querysets, self.model._default_manager.none())

    def user_has_permission_for_instance(self, user, action, instance):
        if instance.pk is None:  # a new response: may it be added for this organisation?
            return self.user_has_permission(user, action) and (
                manages_all_responses(user) or instance.reporting_member_id in member_ids_of(user)
            )
        queryset = self.model._default_manager.filter(pk=instance.pk)
        return self._scoped(user, action, queryset).exists()

    def user_may_change(self, user, instance):
        """`user_has_permission_for_instance(user, "change", instance)` for a response already
        loaded, without a query per response (for lists)."""
        if not self.user_has_permission(user, "change"):
            return False
        return manages_all_responses(user) or instance.reporting_member_id in member_ids_of(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


@cache
def response_policy():
    """The one ResponsePermissionPolicy, registered with Wagtail by wagtail_hooks."""
    return ResponsePermissionPolicy(apps.get_model("needs_snippets", "Response"))
