"""Each person's language: chosen once, it sets the members area, the admin and the e-mails
they receive (cms.languages.person_language reads it back).

Contract: POST /account/language/ with `language` (one of LANGUAGES) saves it as the signed-in
person's Wagtail profile language and returns them to `next` (on this site) or the members
area; an unknown language is refused with a message and changes nothing.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.users.models import UserProfile


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Your language"), choices=lambda: settings.LANGUAGES)


def _next(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/members/"


@login_required
@require_POST
def choose_language(request):
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose one of the languages offered."))
        return redirect(_next(request))
    language = form.cleaned_data["language"]
    UserProfile.objects.update_or_create(
        user=request.user, defaults={"preferred_language": language}
    )
    with translation.override(language):
        messages.success(request, gettext("Your language is saved."))
    return redirect(_next(request))
