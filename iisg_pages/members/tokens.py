"""API tokens in the members area: a member creates, sees and revokes its own.

A token acts as its user on the API (`Authorization: Bearer …`), with the same rules as the
members area. Only a digest is kept with the token; the plaintext waits in the session for the
one page that shows it, right after it is created, and leaves it there. Creating one takes a
second factor used in the last few minutes; tokens expire (needs_snippets/tokens.py).
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import APIToken

from cms.security.log import security_event
from needs_snippets import tokens as api_tokens

from ..accounts.second_factor import fresh_second_factor, has_second_factor
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
    tokens = list(
        APIToken.objects.filter(user=user)
        .select_related("expiry")
        .order_by("revoked_at", "-created")
    )
    now = timezone.now()
    for token in tokens:
        token.expires_at = api_tokens.expires_at(token)
        token.expired = token.expires_at <= now
    return tokens


def active_tokens(user):
    return APIToken.objects.filter(
        user=user, revoked_at=None, expiry__expires_at__gt=timezone.now()
    )


@transaction.atomic
def create_token(user, name, request=None):
    """A new token for `user`, within the limit of active tokens; returns its plaintext."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one at a time
    active = active_tokens(user).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _(
                "You have %(count)s active tokens, the most allowed: revoke one you no longer "
                "use first."
            )
            % {"count": active}  # fmt: skip
        )
    token, plaintext = api_tokens.issue(user, name, request)
    log(token, "wagtail.apitoken.create", user=user)
    return plaintext


def tokens(request, page):
    """The user's tokens. A POST creates one, after a fresh second factor; the page it leads
    to shows it, once."""
    form = TokenForm(request.POST or None)
    here = page.url + page.reverse_subpage("api_tokens")
    needs_factor = not has_second_factor(request.user)
    if request.method == "POST" and needs_factor:
        form.add_error(None, _("Set up a second factor first: a token is created only after it."))
    elif request.method == "POST" and not fresh_second_factor(request):
        messages.info(
            request,
            _("Confirm it is you with your second factor, then create the token again."),
        )
        return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': here})}")
    elif request.method == "POST" and form.is_valid():
        try:
            plaintext = create_token(request.user, form.cleaned_data["name"], request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = plaintext
            return redirect(here)
    return render(
        request,
        page,
        "api_tokens.html",
        form=form,
        created=request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        tokens=user_tokens(request.user),
        max_tokens=MAX_ACTIVE_TOKENS,
        needs_factor=needs_factor,
        lifetime_days=settings.IISG_API_TOKEN_LIFETIME.days,
    )


@require_POST
def revoke(request, page, token_id):
    """Revoke one of the user's own tokens (404 for anybody else's)."""
    token = APIToken.objects.filter(user=request.user, pk=token_id, revoked_at=None).first()
    if token is None:
        raise Http404
    token.revoke()
    log(token, "wagtail.apitoken.revoke", user=request.user)
    security_event("token_revoked", request, obj=token, reason="revoked by its owner")
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect(page.url + page.reverse_subpage("api_tokens"))
