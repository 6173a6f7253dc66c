"""One partner's extract of the secure database: the published needs a Western Balkans
partner identified, with its own detail of each, and the responses (that the user may see)
serving it for that partner; as a page and as a PDF (rendered on request, at most
IISG_EXTRACT_PDF_RATE per user)."""

from collections import defaultdict

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.security.throttling import limit
from needs_snippets.constants import KOSOVO_FOOTNOTE
from needs_snippets.models import Member, NeedPartner, ResponseNeed
from needs_snippets.querysets import ONGOING_OR_PLANNED
from needs_snippets.reading import published_needs, seen_responses

from ..pdf import lay_out
from .views import render


def extract_rows(user, partner):
    """(need, the partner's link, responses serving it for the partner) per published need
    the partner identified, in four queries whatever their number."""
    needs = list(
        published_needs()
        .for_partner(partner)
        .select_related("cycle", "pillar", "axis", "measure__objective", "area")
        .order_by("pillar__sort_order", "axis__sort_order", "measure__code", "reference_code")
    )
    links = {
        link.need_id: link for link in NeedPartner.objects.filter(need__in=needs, partner=partner)
    }
    serving = defaultdict(list)
    for link in (
        ResponseNeed.objects.active()
        .filter(need__in=needs, response__in=seen_responses(user))
        .filter(response__beneficiary_links__partner=partner)
        .select_related("response__reporting_member")
        .order_by("response__title")
        .distinct()
    ):
        serving[link.need_id].append(link.response)
    return [
        {
            "need": need,
            "link": links[need.pk],
            "responses": serving[need.pk],
            "is_gap": links[need.pk].is_open
            and not any(r.iati_status in ONGOING_OR_PLANNED for r in serving[need.pk]),
        }
        for need in needs
    ]


def partner_extract(request, page, code):
    partner = get_object_or_404(Member.objects.wb_partners(), country_code=code)
    rows = extract_rows(request.user, partner)
    context = {
        "partner": partner,
        "rows": rows,
        "gaps": sum(1 for row in rows if row["is_gap"]),
        "partners": Member.objects.wb_partners(),
        "generated": timezone.localtime(),
    }
    if request.GET.get("format") == "pdf":
        return _pdf(request, partner, context)
    if request.GET.get("format"):
        raise Http404
    return render(request, page, "partner_extract.html", **context)


def _pdf(request, partner, context):
    refusal = limit(
        request, "partner-extract-pdf", f"user:{request.user.pk}", settings.IISG_EXTRACT_PDF_RATE
    )
    if refusal is not None:
        response = HttpResponse(
            _("Too many PDFs at once: try again in %(seconds)s seconds.")
            % {"seconds": refusal.retry_after},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(refusal.retry_after)
        return response
    html = render_to_string(
        "iisg_pages/members/partner_extract_pdf.html",
        {**context, "kosovo_footnote": KOSOVO_FOOTNOTE},
        request=request,
    )
    pdf = lay_out(html).write_pdf(pdf_variant="pdf/ua-1")
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"iisg-database-extract-{partner.country_code}-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
