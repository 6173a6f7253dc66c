"""Browser policies on every response: the site's strict Content-Security-Policy (no inline
script or style, nothing from other sites), the admin's with exactly Wagtail's two relaxations,
Permissions-Policy, Referrer-Policy, no Gravatar, and private, no-store on everything answered
to a signed-in person or a token; production settings pass `check --deploy`."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from cms.security.headers import ContentSecurityPolicyMiddleware
from needs_snippets import tokens
from tests.access import client_for

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "frame-src": {"'self'"},
    "frame-ancestors": {"'self'"},
    "form-action": {"'self'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}
ADMIN_POLICY = {
    **SITE_POLICY,
    "script-src": {"'self'", "'unsafe-inline'"},
    "style-src": {"'self'", "'unsafe-inline'"},
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "publickey-credentials-create=(self), publickey-credentials-get=(self)"
)


def policy(response):
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: set(sources) for name, *sources in directives}


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_the_sites_pages_have_the_strict_policy(client, area):
    for address in ("/", "/search/?q=border", "/login/", "/account/password/reset/"):
        response = client.get(address)
        assert policy(response) == SITE_POLICY, address
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        # Nothing inline that the policy would block: no script or style elements or
        # attributes (JSON data blocks are not run).
        content = response.content.decode()
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))", content)
        assert "<style" not in content and " style=" not in content, address


def test_the_members_area_has_the_strict_policy_and_is_never_cached(client, area):
    client = client_for(client, area, "member_a")
    for address in (area["page"].url, area["page"].url + "needs/?export=csv"):
        response = client.get(address)
        assert policy(response) == SITE_POLICY
        assert {"private", "no-store"} <= cache_control(response)
        assert "Cookie" in response["Vary"]


def test_the_admin_has_its_own_policy(client, area):
    client = client_for(client, area, "secretariat")
    response = client.get("/admin/")
    assert policy(response) == ADMIN_POLICY
    assert {"private", "no-store"} <= cache_control(response)


def test_a_page_with_an_inline_script_gets_a_fresh_nonce():
    """A view that writes an inline script uses request.csp_nonce: the nonce is in the header,
    and is new for each response."""
    middleware = ContentSecurityPolicyMiddleware(
        lambda request: HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')
    )
    nonces = []
    for _attempt in range(2):
        response = middleware(RequestFactory().get("/"))
        [nonce] = re.findall(r'nonce="([^"]+)"', response.content.decode())
        assert f"'nonce-{nonce}'" in policy(response)["script-src"]
        assert "'unsafe-inline'" not in policy(response)["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_private_documents_and_token_requests_are_never_cached(client, area):
    client = client_for(client, area, "member_a")
    document = client.get(area["document"].url)
    assert document.status_code == 200 and {"private", "no-store"} <= cache_control(document)
    token = tokens.issue(area["users"]["member_a"], "test")[1]
    api = client.__class__().get("/api/v3/database/needs/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert {"private", "no-store"} <= cache_control(api)


def test_public_pages_stay_cacheable(client, area):
    response = client.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_no_avatar_comes_from_gravatar(client, area):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client = client_for(client, area, "secretariat")
    for address in ("/admin/", "/admin/users/", "/admin/account/"):
        assert "gravatar" not in client.get(address).content.decode().lower(), address


def test_production_settings_pass_the_deployment_checks():
    """`check --deploy --fail-level WARNING` under production settings with the README's
    variables set (the values of .env.example)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "k7Vq2xR9mZpL4tY8wB3nF6hJ1sD5gA0cE9uI2oP7lK4jH8fG3dS6aQ1zX5vC0bN",
        "DJANGO_ALLOWED_HOSTS": "iisg.example.org",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://iisg.example.org",
        "DATABASE_URL": "postgres://iisg:password@db.example.org:5432/iisg",
        "WAGTAILADMIN_BASE_URL": "https://iisg.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "DEFAULT_FROM_EMAIL": "IISG Secretariat <secretariat@iisg.example.org>",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
