"""The members area: one page whose routes read the secure database for IISG members."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from cms.languages import person_language

from ..members import access, charts, confirmations, editions, extract, iati, tokens, views
from .base import BasePage


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
        """The area's sections, with the current one marked."""
        current = request.path
        sections = [
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
        base = self.get_url(request)
        items = []
        for name, label in sections:
            href = base + self.reverse_subpage(name)
            is_current = current == href or (name != "dashboard" and current.startswith(href))
            items.append({"label": label, "url": href, "current": is_current})
        return items

    @path("", name="dashboard")
    def dashboard(self, request):
        return views.dashboard(request, self)

    @path("needs/", name="needs")
    def needs(self, request):
        return views.needs(request, self)

    @path("needs/<int:need_id>/", name="need")
    def need(self, request, need_id):
        return views.need_detail(request, self, need_id)

    @path("needs/<int:need_id>/confirm/", name="confirm")
    def confirm(self, request, need_id):
        return confirmations.decide(request, self, need_id)

    @path("responses/", name="responses")
    def responses(self, request):
        return views.responses(request, self)

    @path("responses/<int:response_id>/", name="response")
    def response(self, request, response_id):
        return views.response_detail(request, self, response_id)

    @path("responses/<int:response_id>/answer/", name="answer")
    def answer(self, request, response_id):
        return confirmations.answer(request, self, response_id)

    @path("analysis/gaps/", name="gaps")
    def gaps(self, request):
        return views.gaps(request, self)

    @path("analysis/overlaps/", name="overlaps")
    def overlaps(self, request):
        return views.overlaps(request, self)

    @path("analysis/coverage/", name="coverage")
    def coverage(self, request):
        return views.coverage(request, self)

    @path("analysis/charts/", name="charts")
    def charts(self, request):
        return charts.charts(request, self)

    @path("analysis/editions/", name="editions")
    def editions(self, request):
        return editions.comparison(request, self)

    @path("partners/<str:code>/", name="partner_extract")
    def partner_extract(self, request, code):
        return extract.partner_extract(request, self, code)

    @path("documents/", name="documents")
    def documents(self, request):
        return views.documents(request, self)

    @path("iati/", name="iati")
    def iati(self, request):
        return iati.iati(request, self)

    @path("iati/<int:member_id>/import/", name="iati_import")
    def iati_import(self, request, member_id):
        return iati.upload(request, self, member_id)

    @path("iati/candidates/<int:candidate_id>/", name="iati_candidate")
    def iati_candidate(self, request, candidate_id):
        return iati.review(request, self, candidate_id)

    @path("iati/<int:member_id>/activities/", name="iati_activities")
    def iati_activities(self, request, member_id):
        return iati.activities(request, self, member_id)

    @path("api-tokens/", name="api_tokens")
    def api_tokens(self, request):
        return tokens.tokens(request, self)

    @path("api-tokens/<int:token_id>/revoke/", name="revoke_api_token")
    def revoke_api_token(self, request, token_id):
        return tokens.revoke(request, self, token_id)
