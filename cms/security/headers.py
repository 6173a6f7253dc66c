"""Response headers that keep pages safe in the browser:

- Content-Security-Policy (django-csp): CONTENT_SECURITY_POLICY for the site, the members area
  and the sign-in pages (no inline script or style; a fresh nonce per response for any inline
  script a page needs); IISG_ADMIN_CONTENT_SECURITY_POLICY under /admin/, where Wagtail's
  editor needs the relaxations that setting comments;
- Permissions-Policy: no browser feature the product does not use (passkeys stay allowed);
- Cache-Control: private, no-store on everything answered to a signed-in person or a token
  (members' pages, exports, private documents, the admin), so that no shared cache keeps it;
  public, max-age=IISG_API_BROWSER_SECONDS on the public API's answers to anonymous clients
  (with the ETag that ConditionalGetMiddleware adds, a client asks again cheaply: 304).
  Public pages get theirs from the page cache (iisg_pages/page_cache.py).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path.startswith(ADMIN_PREFIX):
            parts.config = settings.IISG_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class BrowserPolicyMiddleware:
    """Permissions-Policy on every response; private, no-store for signed-in and token
    requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.IISG_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie", "Authorization"])
        elif (
            request.method == "GET"
            and request.path.startswith(API_PREFIX)
            and response.status_code == 200
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(response, public=True, max_age=settings.IISG_API_BROWSER_SECONDS)
            patch_vary_headers(response, ["Authorization"])
        return response
