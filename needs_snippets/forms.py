"""Admin forms of the secure database."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .choosers import ScopedSnippetChooser, needs_choosable_by
from .models import Member, Need
from .permissions import manages_all_responses, member_ids_of


class NeedForm(WagtailAdminModelForm):
    """A need's form offers every status but "Approved by the Board": only the Board's adoption
    of the report approves a need (MappingCycle.enter_database_input), and an approved need is
    read-only, so choosing it by hand would lock the need without a vote."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        status.choices = [choice for choice in status.choices if choice[0] != Need.Status.APPROVED]


class ResponseForm(WagtailAdminModelForm):
    """A focal point reports responses for its own organisations only, answering needs it
    may choose (published ones, unless it edits needs) or that the response already answers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        self._answer_choosable_needs(user)
        if manages_all_responses(user):
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

    def _answer_choosable_needs(self, user):
        linked = [link.need_id for link in self.instance.need_links.all()]
        needs = Need.objects.filter(
            Q(pk__in=needs_choosable_by(user).values("pk")) | Q(pk__in=linked)
        )
        for form in self.formsets["need_links"].forms:
            field = form.fields["need"]
            field.queryset, field.widget = needs, ScopedSnippetChooser(needs)
            field.error_messages["invalid_choice"] = _(
                "Choose a published need: this one is not, or does not exist."
            )


class NeedOutcomeForm(WagtailAdminModelForm):
    """The responses that met a need are among those answering it; the user is recorded."""

    def clean(self):
        cleaned = super().clean()
        need = cleaned.get("need")
        if need is None:
            return cleaned
        answering = set(need.response_links.values_list("response_id", flat=True))
        links = self.formsets["response_links"]
        links.is_valid()  # its rows are cleaned after this form otherwise: clean them first
        for form in links.forms:
            response = getattr(form, "cleaned_data", {}).get("response")
            deleted = form.cleaned_data.get("DELETE") if hasattr(form, "cleaned_data") else False
            if response is not None and not deleted and response.pk not in answering:
                form.add_error(
                    "response",
                    _("“%(title)s” does not answer %(code)s: choose a response that does, or "
                      "link it to the need first.")
                    % {"title": response.title, "code": need.reference_code},
                )  # fmt: skip
        return cleaned

    def save(self, commit=True):
        if self.for_user is not None:
            self.instance.recorded_by = self.for_user
        return super().save(commit=commit)
