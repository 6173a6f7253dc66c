"""Which of IISG Hub's e-mails a person receives, in their account settings (/admin/account/).

The choices are Wagtail's own notification preferences (cms.letters names what each governs),
offered here in IISG Hub's terms to everyone whom Wagtail's own panel does not offer them:
Wagtail shows them only to people who edit or publish pages, while members, reviewers and the
Board receive our e-mails too. E-mails that a decision requires are always sent.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import NotificationPreferencesForm
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.widgets import SwitchInput
from wagtail.users.models import UserProfile

from cms.letters import ANSWERS, DISPUTES, OUTCOMES, REVIEW_REQUESTS

CHOICES = {
    REVIEW_REQUESTS: (
        _("Requests to review"),
        _("A need, report or membership application waits for your group's review."),
    ),
    OUTCOMES: (
        _("Publications and confirmations"),
        _("The Board's adopted report is published; a partner confirms one of your responses."),
    ),
    DISPUTES: (
        _("Disputes"),
        _("A partner disputes that one of your responses answers its need."),
    ),
    ANSWERS: (
        _("Answers to your decisions"),
        _("A member answers your decision on one of its responses."),
    ),
}


class IISGNotificationsForm(forms.ModelForm):
    """The preferences Wagtail's own form leaves out for this person, with IISG labels."""

    class Meta:
        model = UserProfile
        fields = list(CHOICES)
        labels = {name: label for name, (label, _help) in CHOICES.items()}
        help_texts = {name: help_text for name, (_label, help_text) in CHOICES.items()}
        widgets = {name: SwitchInput() for name in CHOICES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered_by_wagtail = NotificationPreferencesForm(instance=self.instance).fields
        for name in offered_by_wagtail:
            self.fields.pop(name, None)


class IISGNotificationsPanel(BaseSettingsPanel):
    name = "iisg_notifications"
    title = _("E-mails from IISG Hub")
    template_name = "iisg_pages/admin/notifications_panel.html"
    tab = notifications_tab
    order = 110
    form_class = IISGNotificationsForm
    form_object = "profile"

    def is_active(self):
        return bool(self.get_form().fields)
