"""Home, standard and pillar pages."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.security.addresses import client_address
from cms.security.throttling import limit
from needs_snippets.models.support_groups import support_group_composition

from ..forms import MembershipApplicationForm
from ..languages import active_language, in_active_language, in_source_language, page_address
from ..report_data import ReportData
from .base import BasePage
from .news import NewsPage
from .reports import ReportPage

#: Reports as listings show them: their frozen edition (megabytes at the region's scale) unread.
REPORT_LISTING = ReportPage.objects.defer("edition_snapshot").select_related("cycle")


class HomePage(BasePage):
    """The site's root: what the IISG is, its pillars, latest news and the latest report."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = in_source_language(self)
        context["pillar_pages"] = in_active_language(
            PillarPage.objects.live().public().descendant_of(home).select_related("pillar")
        )
        context["latest_news"] = in_active_language(
            NewsPage.objects.live().public().descendant_of(home).order_by("-date")[:3]
        )
        latest = ReportPage.objects.latest_published()
        context["latest_report"] = latest and in_active_language([latest], REPORT_LISTING)[0]
        return context


class StandardPage(BasePage):
    """About IISG, governance, membership rules: text pages."""

    parent_page_types = ["iisg_pages.HomePage", "iisg_pages.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class PillarPage(BasePage):
    """One IISG pillar: its scope, lead partners, Support Group and needs in the latest report."""

    # One page per pillar in each language (clean() checks it): the translations of a pillar's
    # page name the same pillar.
    pillar = models.ForeignKey(
        "needs_snippets.Pillar", on_delete=models.PROTECT, related_name="pages"
    )
    support_group = models.TextField(
        _("Support Group"), blank=True, help_text=_("Who sits in the pillar's Support Group.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("pillar"),
        FieldPanel("introduction"),
        FieldPanel("support_group"),
        FieldPanel("body"),
    ]
    api_fields = [*BasePage.api_fields, APIField("pillar"), APIField("support_group")]
    parent_page_types = ["iisg_pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pillar page")

    def clean(self):
        super().clean()
        others = PillarPage.objects.filter(pillar_id=self.pillar_id, locale_id=self.locale_id)
        if self.pillar_id and others.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"pillar": _("This pillar already has its page in this language.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        composition = support_group_composition(self.pillar)
        context["lead_partners"] = [role.member for role in composition.leads]
        context["co_lead_partners"] = [role.member for role in composition.co_leads]
        report = ReportPage.objects.latest_published()
        if report:
            data = ReportData(report.cycle, snapshot=report.edition_snapshot)
            context["report"] = in_active_language([report], REPORT_LISTING)[0]
            context["report_data"] = data
            context["needs_table"] = data.needs_table({"pillar": self.pillar_id})
        return context


class MembershipApplicationPage(RoutablePageMixin, BasePage):
    """The expression-of-interest form: each submission becomes a membership application that
    the Secretariat assesses and the Board decides."""

    RATE_LIMIT = 5  # applications per address per hour
    page_cache = False  # the form carries a per-visitor token (iisg_pages/page_cache.py)
    thank_you = models.TextField(
        _("confirmation text"),
        default="Thank you. The IISG Secretariat has received your application and will assess "
        "it; the IISG Board then decides. We will write to you at the address you gave.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("thank_you")]
    api_fields = [*BasePage.api_fields, APIField("thank_you")]
    parent_page_types = ["iisg_pages.HomePage", "iisg_pages.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("membership application page")

    def rate_limited(self, request):
        """Count submissions per client address in the shared cache; the refusal (with the
        seconds to wait) once over the limit, else None."""
        address = client_address(request) or "unknown"
        return limit(request, "membership-application", address, f"{self.RATE_LIMIT}/h")

    @path("")
    def application_form(self, request):
        form = MembershipApplicationForm(request.POST or None)
        if request.method == "POST":
            refusal = self.rate_limited(request)
            if refusal is not None:
                response = self.render(
                    request, context_overrides={"form": form, "rate_limited": True}
                )
                response.status_code = 429
                response["Retry-After"] = str(refusal.retry_after)
                return response
            if form.is_valid():
                if not form.is_spam:
                    application = form.save(commit=False)
                    application.applicant_language = active_language()
                    submit_application(application)
                return redirect(page_address(self) + "thanks/")
        return self.render(request, context_overrides={"form": form})

    @path("thanks/")
    def thanks(self, request):
        return self.render(
            request,
            template="iisg_pages/membership_application_thanks.html",
        )


@transaction.atomic
def submit_application(application):
    """Save a new application as a draft revision and start its decision workflow."""
    application.live = False
    application.save()
    application.save_revision()
    workflow = application.get_workflow()
    if workflow:
        workflow.start(application, None)
    return application
