"""One sign-in for the whole site: the members area, private pages and the Wagtail admin.

django-allauth's views (under /account/: second factors, password reset and change,
reauthentication) with the site's templates; the sign-in and sign-out pages themselves are
/login/ and /logout/. Wagtail's admin sign-in and password reset addresses hand over to these
pages, so that there is one sign-in page, one password reset and one lockout page (django-axes).
"""

from allauth.account import views as account_views
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import include, path
from django.views.generic import RedirectView

from . import language


class SignInView(account_views.LoginView):
    """allauth's sign-in, carrying `next` in the form only when it stays on this site."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not get_next_redirect_url(self.request):
            context["redirect_field"] = ""
        return context


def to_sign_in(request, default_next=None):
    """Wagtail's own sign-in addresses (/admin/login/, /_util/login/) lead to the site's
    sign-in page, and from there back to `next` or to `default_next` (a URL or its name).
    The sign-in page checks that `next` stays on this site."""
    target = request.GET.get("next") or (default_next and resolve_url(default_next))
    if target:
        return redirect_to_login(target, login_url="account_login")
    return redirect("account_login")


urlpatterns = [
    # allauth's own sign-in address leads to /login/, so there is one sign-in page.
    path("account/login/", RedirectView.as_view(url="/login/", query_string=True)),
    path("account/language/", language.choose_language, name="account_language"),
    path("account/", include("allauth.urls")),
    # Named after allauth's, and last, so that reversing them gives /login/ and /logout/.
    path("login/", SignInView.as_view(), name="account_login"),
    path("logout/", account_views.logout, name="account_logout"),
    # Wagtail's sign-in and password reset pages are replaced by the ones above. These must
    # come before the admin's and Wagtail's own URLs in cms/urls.py.
    path("admin/login/", to_sign_in, {"default_next": "wagtailadmin_home"}),
    path("admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("_util/login/", to_sign_in),
]
