"""API tokens in the members area: a member creates, sees and revokes its own.

A token acts as its user on the API (`Authorization: Bearer …`), with the same rules as the
members area. Only a digest is stored: the token is shown once, when it is created.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import APIToken

from .views import render

MAX_ACTIVE_TOKENS = 10


NEW_TOKEN_SESSION_KEY = "iisg_new_api_token"  # noqa: S105 (a session key, not a secret)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_(
            "What the token is for, e.g. “Ministry dashboard”, so you can revoke it later."
        ),
    )


def user_tokens(user):
    return APIToken.objects.filter(user=user).order_by("revoked_at", "-created")


@transaction.atomic
def create_token(user, name):
    """A new token for `user`, within the limit of active tokens; returns its plaintext."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one at a time
    active = APIToken.objects.filter(user=user, revoked_at=None).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _(
                "You have %(count)s active tokens, the most allowed: revoke one you no longer "
                "use first."
            )
            % {"count": active}  # fmt: skip
        )
    token, plaintext = APIToken.create_token(user=user, name=name)
    log(token, "wagtail.apitoken.create", user=user)
    return plaintext


def tokens(request, page):
    """The user's tokens. A POST creates one; the page it leads to shows it, once."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plaintext = create_token(request.user, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = plaintext
            return redirect(page.url + page.reverse_subpage("api_tokens"))
    return render(
        request,
        page,
        "api_tokens.html",
        form=form,
        created=request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        tokens=user_tokens(request.user),
        max_tokens=MAX_ACTIVE_TOKENS,
    )


@require_POST
def revoke(request, page, token_id):
    """Revoke one of the user's own tokens (404 for anybody else's)."""
    token = user_tokens(request.user).filter(pk=token_id, revoked_at=None).first()
    if token is None:
        raise Http404
    token.revoke()
    log(token, "wagtail.apitoken.revoke", user=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect(page.url + page.reverse_subpage("api_tokens"))
