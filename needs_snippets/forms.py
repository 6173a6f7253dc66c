"""Admin forms of the secure database."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Member
from .permissions import manages_all_responses, member_ids_of


class ResponseForm(WagtailAdminModelForm):
    """A focal point reports responses for its own organisations only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or manages_all_responses(user):
            return
        field = self.fields["reporting_member"]
        field.queryset = Member.objects.filter(pk__in=member_ids_of(user))
        if not field.queryset.exists():
            field.help_text = _(
                "Your login is not linked to a member organisation: ask the IISG Secretariat "
                "to add you as a focal point of your organisation."
            )
        elif len(member_ids_of(user)) == 1 and not self.instance.pk:
            field.initial = next(iter(member_ids_of(user)))
