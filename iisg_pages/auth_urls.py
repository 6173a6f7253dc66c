"""One sign-in for the whole site: the members area, private pages and the Wagtail admin.

Django's own authentication views with the site's templates (templates/registration/).
Wagtail's admin sign-in and password reset addresses hand over to these pages, so that there
is one sign-in page, one password reset and one lockout page (django-axes) to maintain.
"""

from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import path
from django.views.generic import RedirectView


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form; a form-wide error ("wrong username or password") is also tied
    to both fields, so that a screen reader announces it with each of them."""

    error_id = "sign-in-error"  # the id of the error in registration/login.html

    def add_error(self, field, error):
        super().add_error(field, error)
        if field is None:
            for name in ("username", "password"):
                own = self[name].aria_describedby  # the field's own help and error, if any
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = " ".join(filter(None, [self.error_id, own]))
                widget.attrs["aria-invalid"] = "true"


class SignInView(auth_views.LoginView):
    """Signs in with django-axes watching: AuthenticationForm passes `request` to
    authenticate(), so failures are counted and a locked-out client gets the lockout page.
    `next` is followed only when it is on this site (LoginView's own check)."""

    form_class = SignInForm
    template_name = "registration/login.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Sends the reset link by email. An unknown address sends nothing and shows the same
    page, so the form does not tell who has an account."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self):
        # Links in emails start with the public address (as the workflow notifications do),
        # never with the Host header of the request that asked for the reset.
        return {"base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Sets the new password. Whoever followed the emailed link owns the account's address,
    so a django-axes lockout of that username is lifted: they can sign in at once."""

    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_axes_attempts(username=self.user.get_username())
        return response


def to_sign_in(request, default_next=None):
    """Wagtail's own sign-in addresses (/admin/login/, /_util/login/) lead to the site's
    sign-in page, and from there back to `next` or to `default_next` (a URL or its name).
    The sign-in page checks that `next` stays on this site."""
    target = request.GET.get("next") or (default_next and resolve_url(default_next))
    return redirect_to_login(target, login_url="login") if target else redirect("login")


urlpatterns = [
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("login/password-reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "login/password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "login/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "login/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    # Wagtail's sign-in and password reset pages are replaced by the ones above. These must
    # come before the admin's and Wagtail's own URLs in cms/urls.py.
    path("admin/login/", to_sign_in, {"default_next": "wagtailadmin_home"}),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="password_reset")),
    path("_util/login/", to_sign_in),
]
