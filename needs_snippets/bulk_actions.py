"""The admin's bulk delete of snippets, reaching only what the user may see.

Wagtail's own lists every snippet whose id is asked for (`?id=all`: every one of the model),
naming those the user may not delete under "no permission": any admin user could read the
titles of restricted responses, applications or validations that way. This one refuses a user
with no permission on the model, and passes over the snippets the user may not see.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction

SEES = ("view", "change", "delete")


class VisibleDeleteBulkAction(DeleteBulkAction):
    def visible(self):
        """The snippets of the model the user may view, change or delete."""
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, SEES)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_any_permission(request.user, SEES):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        return self.visible().values_list("pk", flat=True)

    def get_queryset(self, model, object_ids):
        """The visible snippets among `object_ids`; 404 when none is, or an id is no id."""
        try:
            ids = [model._meta.pk.to_python(value) for value in object_ids]
        except ValidationError as error:
            raise Http404 from error
        objects = list(self.visible().filter(pk__in=ids))
        if not objects:
            raise Http404
        return objects
