"""The members area: one page whose routes read the secure database for IISG members."""

from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from cms.languages import person_language

from ..members import access, charts, confirmations, editions, extract, iati, tokens, views
from .base import BasePage

#: The area's sections in its navigation: (route name, label); a section is current for its own
#: route and the routes below its address (a need's page is under Needs).
SECTIONS = [
    ("dashboard", _("Dashboard")),
    ("needs", _("Needs")),
    ("responses", _("Responses")),
    ("gaps", _("Gaps")),
    ("overlaps", _("Overlaps")),
    ("coverage", _("Coverage")),
    ("charts", _("Charts")),
    ("editions", _("Editions compared")),
    ("documents", _("Documents")),
    ("iati", _("IATI")),
    ("api_tokens", _("API tokens")),
]

#: The members area's routes: (pattern, name, view), each view answering
#: `view(request, page, **url_arguments)`; the first is the area's own address.
ROUTES = [
    ("", "dashboard", views.dashboard),
    ("needs/", "needs", views.needs),
    ("needs/<int:need_id>/", "need", views.need_detail),
    ("needs/<int:need_id>/confirm/", "confirm", confirmations.decide),
    ("responses/", "responses", views.responses),
    ("responses/<int:response_id>/", "response", views.response_detail),
    ("responses/<int:response_id>/answer/", "answer", confirmations.answer),
    ("analysis/gaps/", "gaps", views.gaps),
    ("analysis/overlaps/", "overlaps", views.overlaps),
    ("analysis/coverage/", "coverage", views.coverage),
    ("analysis/charts/", "charts", charts.charts),
    ("analysis/editions/", "editions", editions.comparison),
    ("partners/<str:code>/", "partner_extract", extract.partner_extract),
    ("documents/", "documents", views.documents),
    ("iati/", "iati", iati.iati),
    ("iati/<int:member_id>/import/", "iati_import", iati.upload),
    ("iati/candidates/<int:candidate_id>/", "iati_candidate", iati.review),
    ("iati/<int:member_id>/activities/", "iati_activities", iati.activities),
    ("api-tokens/", "api_tokens", tokens.tokens),
    ("api-tokens/<int:token_id>/revoke/", "revoke_api_token", tokens.revoke),
]


def page_view(view):
    """A routable page's route method answered by `view(request, page, **url_arguments)`."""

    def serve(page, request, **url_arguments):
        return view(request, page, **url_arguments)

    return serve


class MembersAreaPage(RoutablePageMixin, BasePage):
    """The private area of IISG members, the Secretariat, the Support Groups and the Board.

    The page is always restricted to the member groups (set on every save) and each route
    checks the user's permission too, so removing the restriction never opens it.
    """

    parent_page_types = ["iisg_pages.HomePage"]
    subpage_types = []
    max_count = 1
    page_cache = False  # never kept for anyone (iisg_pages/page_cache.py)

    class Meta:
        verbose_name = _("members area")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        access.restrict_page(self)

    def serve(self, request, *args, **kwargs):
        access.require_member(request)
        # The area speaks the language the person chose, whatever the address's.
        # Rendered here, inside the language (a TemplateResponse would render later, outside).
        language = person_language(request.user)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["Content-Language"] = language
        response["Cache-Control"] = "private, no-store"
        return response

    def serve_preview(self, request, mode_name):
        access.require_member(request)
        return super().serve_preview(request, mode_name)

    def relative_url(self, current_site, request=None):
        """Wagtail's, worked out once per request: the lists link every row through
        `{% routablepageurl %}`, which asks it each time."""
        if request is None:
            return super().relative_url(current_site, request)
        known = request.__dict__.setdefault("_iisg_members_urls", {})
        key = (self.pk, getattr(current_site, "pk", None))
        if key not in known:
            known[key] = super().relative_url(current_site, request)
        return known[key]

    def navigation(self, request):
        """The area's sections, with the one the request is in marked current, whatever
        language prefix its address came by."""
        base = self.get_url(request)
        within = self._address_within(request, base)
        items = []
        for name, label in SECTIONS:
            route = self.reverse_subpage(name)
            is_current = within is not None and (
                within == route or (name != "dashboard" and within.startswith(route))
            )
            items.append({"label": label, "url": base + route, "current": is_current})
        return items

    def _address_within(self, request, base):
        """The request's address inside the area (`needs/12/`), from the route it resolved
        to; from its path where no route was resolved (a preview), None outside the area."""
        match = getattr(request, "routable_resolver_match", None)
        if match is not None:
            return self.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        return request.path.removeprefix(base) if request.path.startswith(base) else None

    @classmethod
    def get_subpage_urls(cls):
        """The area's ROUTES, before those of RoutablePageMixin."""
        routes = [path(pattern, page_view(view), name=name) for pattern, name, view in ROUTES]
        return (*routes, *super().get_subpage_urls())
