"""Settings shared by every environment. Hosts and secrets come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from cms import languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "iisg_pages",
    "needs_snippets",
    "workflows",
    "wagtail.contrib.forms",
    # Translation of pages and snippets: a translator's editor, PO files out and in, and each
    # translated page kept in step with its English source.
    "wagtail_localize",
    "wagtail_localize.locales",
    # Purges a CDN or caching proxy on publish when WAGTAILFRONTENDCACHE is set (production).
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v3",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    # django-ninja's own static files: the API docs page serves Swagger UI from here, not a CDN.
    "ninja",
    "corsheaders",
    # Content-Security-Policy with nonces (cms/security/headers.py).
    "csp",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Sign-in with a second factor (iisg_pages/accounts/).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz for load balancers: answered before the HTTPS redirect and the host check.
    "cms.health.HealthCheckMiddleware",
    # Then: HTTPS redirect, HSTS, nosniff, Referrer-Policy and COOP on every response.
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (the admin's under /admin/), Permissions-Policy, and private,
    # no-store for anything answered to a signed-in person or a token.
    "cms.security.headers.ContentSecurityPolicyMiddleware",
    "cms.security.headers.BrowserPolicyMiddleware",
    # Answers the API's CORS preflights before anything else looks at them.
    "corsheaders.middleware.CorsMiddleware",
    # Every API error as problem+json; bodies over IISG_API_MAX_BODY_SIZE refused with 413.
    "needs_snippets.api.problems.APIProblemsMiddleware",
    # The API's limits per token and per client address (429 with Retry-After).
    "cms.security.throttling.APIThrottleMiddleware",
    # Pages kept for visitors without a session or token, from the shared cache
    # (iisg_pages/page_cache.py): served before the session and sign-in middleware.
    "iisg_pages.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The public site's language from its address (/sq/…; English has no prefix).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Query strings with control characters or overlong values: 400, before any view.
    "cms.security.inputs.QueryInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Sessions end after IISG_SESSION_IDLE_* of inactivity or IISG_SESSION_MAX_AGE in all.
    "iisg_pages.accounts.sessions.SessionLimitsMiddleware",
    # Staff (and, if IISG_MEMBERS_REQUIRE_SECOND_FACTOR, members) enrol and use a second factor.
    "iisg_pages.accounts.second_factor.SecondFactorRequiredMiddleware",
    # ETag and 304 Not Modified on every GET (the page cache answers them for kept pages).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "needs_snippets.api.guards.QueryGuardMiddleware",
    # A need write refused while the Board votes: the reason, on the need's page.
    "needs_snippets.locks.BoardLockRefusalMiddleware",
    # Every CSV the product writes, Wagtail's exports included: no cell runs as a formula.
    "cms.security.spreadsheets.InertCSVMiddleware",
    # Refusals (403) and exports into the security log.
    "cms.security.log.RefusalLogMiddleware",
    "cms.security.log.ExportLogMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Every page naming Kosovo* carries the designation footnote.
    "iisg_pages.designation.DesignationFootnoteMiddleware",
    # Last, as django-axes asks: it turns lockouts into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # cms is not an installed app, so its tag library (what every app's templates
            # share, e.g. the `bcp47` filter) is registered here: `{% load cms_tags %}`.
            "libraries": {"cms_tags": "cms.templatetags.cms_tags"},
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"


def tuned_for_analysis(database):
    """PostgreSQL sessions sized for the analyses, which hash and sort 100,000-row summaries:
    `IISG_DB_WORK_MEM` per sort or hash (default 32MB; PostgreSQL's 4MB spills to disk), and no
    JIT compilation (it costs more than these sub-second queries gain). No server-side
    cursors: the lists' filter forms read each choice list through `iterator()`, which would
    otherwise DECLARE, FETCH and CLOSE a cursor held past the transaction, three round trips
    for a few dozen rows, seven times a page (and a connection pooler in transaction mode
    needs them off anyway)."""
    if database["ENGINE"].endswith("postgresql"):
        work_mem = os.environ.get("IISG_DB_WORK_MEM", "32MB")
        database.setdefault("OPTIONS", {})["options"] = f"-c work_mem={work_mem} -c jit=off"
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
    return database


DATABASES = {
    "default": tuned_for_analysis(
        dj_database_url.parse(
            os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        )
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in: django-allauth's flow behind the one /login/ page, with its second factors (TOTP
# apps, passkeys, one-time recovery codes). Accounts are given by the Secretariat: no sign-up,
# no e-mail verification step; people sign in with their username.
ACCOUNT_ADAPTER = "iisg_pages.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "iisg_pages.accounts.adapter.SecondFactorAdapter"
ACCOUNT_FORMS = {"login": "iisg_pages.accounts.forms.SignInForm"}
# One partner's extract of the secure database as a PDF is rendered on request: at most this
# many per user.
IISG_EXTRACT_PDF_RATE = os.environ.get("IISG_EXTRACT_PDF_RATE", "10/h")

# /healthz (cms/health.py) asks the site's app which task workers are alive: a callable
# returning a queryset of them.
IISG_HEALTH_LIVE_WORKERS = "iisg_pages.heartbeat.live_workers"

# Every e-mail naming Kosovo* carries its footnote (cms/mail.py), then goes out through
# IISG_EMAIL_BACKEND.
EMAIL_BACKEND = "cms.mail.DesignationFootnoteBackend"
IISG_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# A reset asked for an unknown address sends nothing (and the page looks the same).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
# No "remember me": a session ends with the browser, idle time or IISG_SESSION_MAX_AGE.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# After a password reset the person signs in again, second factor included.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Sign-in failures are django-axes' (lockout per username and address, its own page); allauth
# limits the rest in the shared cache, per client address through the configured proxies.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": False,
    "reset_password": "5/m/ip,3/15m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# A fresh second factor (or password) is one given in the last five minutes.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "IISG Hub"
# A code of the previous or next 30 seconds is accepted too (RFC 6238's allowance for clocks
# that drift); each code still signs in once.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
MFA_PASSKEY_LOGIN_ENABLED = False
# WebAuthn needs HTTPS except on localhost; production serves HTTPS only.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = os.environ.get("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN") == "true"
# Members are offered a second factor; "true" makes it required for them too.
IISG_MEMBERS_REQUIRE_SECOND_FACTOR = (
    os.environ.get("IISG_MEMBERS_REQUIRE_SECOND_FACTOR", "false").lower() == "true"
)

# Sessions end after this much inactivity (staff: Secretariat, Support Groups, Board,
# superusers; members) and, whatever the activity, this long after signing in.
IISG_SESSION_IDLE_STAFF = timedelta(minutes=int(os.environ.get("IISG_SESSION_IDLE_STAFF", "30")))
IISG_SESSION_IDLE_MEMBERS = timedelta(
    minutes=int(os.environ.get("IISG_SESSION_IDLE_MEMBERS", "120"))
)
IISG_SESSION_MAX_AGE = timedelta(hours=int(os.environ.get("IISG_SESSION_MAX_AGE_HOURS", "12")))
SESSION_COOKIE_AGE = int(IISG_SESSION_MAX_AGE.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# API tokens expire this many days after they are created (needs_snippets/tokens.py).
IISG_API_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("IISG_API_TOKEN_LIFETIME_DAYS", "90")))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The region's languages (cms/languages.py). IISG_LANGUAGES keeps some of them (comma-separated
# codes; English always); IISG_HIDDEN_LANGUAGES leaves some out of the language switcher (a
# locale whose translation is not reviewed yet) while their addresses keep working.
LANGUAGE_CODE = languages.SOURCE_LANGUAGE
languages.register_montenegrin()
LANGUAGES = languages.enabled(os.environ.get("IISG_LANGUAGES", ""))
IISG_HIDDEN_LANGUAGES = [
    code.strip() for code in os.environ.get("IISG_HIDDEN_LANGUAGES", "").split(",") if code.strip()
]
# Languages whose interface translation no native speaker has reviewed yet: their pages say so
# (all of them until the Secretariat's translators have; "none" once every one is reviewed).
IISG_UNREVIEWED_LANGUAGES = [
    code.strip()
    for code in os.environ.get("IISG_UNREVIEWED_LANGUAGES", languages.UNREVIEWED).split(",")
    if code.strip() and code.strip() != "none"
]
# The interface's catalogues (locale/<language>/LC_MESSAGES/django.po, compiled at install).
# The second: Django's and django-allauth's strings for Montenegrin, which they do not
# translate (their Serbian Latin ones; manage.py write_montenegrin_fallback).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "cms" / "fallback_catalogues"]
# Montenegrin's date and number formats (Django has none).
FORMAT_MODULE_PATH = ["cms.formats"]
# Every page translatable, one tree per language (wagtail-localize keeps them in step).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The language each person chooses in their profile: the members area, the admin (Wagtail's
# own strings where Wagtail has them) and the e-mails they receive.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No machine translation unless a deployment configures a translator.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
TIME_ZONE = "Europe/Belgrade"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Production replaces these: WhiteNoise's hashed static files, and S3 media when asked.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Where `manage.py backup` writes its sets (database and media), unless told otherwise.
IISG_BACKUP_DIR = Path(os.environ.get("IISG_BACKUP_DIR", BASE_DIR / "backups"))

# Background work (PDFs, deadlines, imports, search indexing) goes through the
# PostgreSQL/SQLite task queue; `manage.py worker` (db_worker with a heartbeat) runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# django-axes: lock out after 5 failures for 15 minutes; counters in the database,
# shared by every process.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# One lock per username *and* address ([[...]]: the combination; ["username", "ip_address"]
# would lock each of them on its own). So a stranger cannot lock a Board member or the
# Secretariat out by typing their username five times, and colleagues behind one office
# address do not lock each other out; guessing from one address stays at 5 tries in 15 minutes.
# Behind proxies, axes takes the client's address from AXES_CLIENT_IP_CALLABLE (below).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lockout page in the site's design (axes keeps its status code, 429).
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The sign-in form (allauth's) names the username field "login", authenticate() "username".
AXES_USERNAME_CALLABLE = "iisg_pages.accounts.lockout.username_tried"

# One sign-in page for the members area, private pages and the Wagtail admin
# (iisg_pages/accounts/urls.py; Wagtail's /admin/login/ leads there too).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/members/"
WAGTAIL_FRONTEND_LOGIN_URL = "/login/"
WAGTAILADMIN_LOGIN_URL = "/login/"
# Password reset is the site's (/login/password-reset/); Wagtail's own copy is switched off.
WAGTAIL_PASSWORD_RESET_ENABLED = False

WAGTAIL_SITE_NAME = "IISG Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "cms.search",
        "SEARCH_CONFIG": "english",
    }
}
# Approval by a workflow publishes, whoever cast the last vote (see workflows/actions.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.actions.publish_approved"
# A vote approves one revision: a new revision during a workflow starts the approval again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# No autosave: every revision is a deliberate save, since a new revision restarts an approval
# and a revision under decision is never rewritten (workflows/signal_handlers.py).
WAGTAIL_AUTOSAVE_INTERVAL = 0
# API v3 (/api/v3/, OpenAPI at /api/v3/openapi.json): pages of at most 100 items; a larger
# `limit` is refused with a 400 that says so.
WAGTAILAPI_LIMIT_MAX = 100
# Other sites may read the API from the browser. Bearer tokens, not cookies, authenticate it,
# so no origin gets a member's session; the rest of the site sends no CORS headers.
CORS_URLS_REGEX = r"^/api/v3/.*$"
CORS_ALLOW_ALL_ORIGINS = True

# Document uploads: the size limit and safe file names (iisg_pages/document_forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "iisg_pages.document_forms.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Image uploads: a file that cannot be read to its end is a form error (iisg_pages/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "iisg_pages.image_forms.ImageForm"

# Abuse limits (cms/security/throttling.py) count in the default cache, which every process
# shares: the database cache here, Redis in production (REDIS_URL). Behind reverse proxies,
# IISG_TRUSTED_PROXY_COUNT says how many add themselves to X-Forwarded-For, so that limits,
# lockouts and the security log see the client's address rather than the proxy's.
# The public site's page cache (iisg_pages/page_cache.py): how long a kept page lives in the
# shared cache (0: off), and the Cache-Control max-age for browsers and s-maxage for a CDN.
IISG_PAGE_CACHE_SECONDS = int(os.environ.get("IISG_PAGE_CACHE_SECONDS", "600"))
# How long the shared cache keeps an analysis result (needs_snippets/analysis_cache.py): a
# change makes it unreachable at once; this bounds the memory the unreachable ones take (0
# keeps none: every analysis is computed afresh).
IISG_ANALYSIS_CACHE_SECONDS = int(os.environ.get("IISG_ANALYSIS_CACHE_SECONDS", "86400"))
IISG_PAGE_BROWSER_SECONDS = int(os.environ.get("IISG_PAGE_BROWSER_SECONDS", "60"))
IISG_PAGE_SHARED_SECONDS = int(os.environ.get("IISG_PAGE_SHARED_SECONDS", "300"))
# Each process serves the pages it kept last from its memory (up to IISG_PAGE_CACHE_MEMORY
# bytes) while the purge counter it read is fresher than IISG_PAGE_CACHE_SYNC_SECONDS: a purge
# reaches every process within that time (0: the counter is read on every request). The
# filter forms' reference-data lists (needs_snippets/choices.py) follow their version alike.
IISG_PAGE_CACHE_MEMORY = int(os.environ.get("IISG_PAGE_CACHE_MEMORY", str(32 * 2**20)))
IISG_PAGE_CACHE_SYNC_SECONDS = float(os.environ.get("IISG_PAGE_CACHE_SYNC_SECONDS", "1"))
# The published report's article, kept per publication in the default cache whether the page
# cache is on or not (iisg_pages/report_cache.py): how long at most (a deploy that changes the
# report's templates shows them everywhere after this long, or after the cache is cleared).
IISG_REPORT_ARTICLE_SECONDS = int(os.environ.get("IISG_REPORT_ARTICLE_SECONDS", str(24 * 3600)))
# And the bytes of articles each process keeps in memory besides (the last served first).
IISG_REPORT_ARTICLE_MEMORY = int(os.environ.get("IISG_REPORT_ARTICLE_MEMORY", str(64 * 2**20)))
# The public API's answers to anonymous clients: Cache-Control max-age (with an ETag).
IISG_API_BROWSER_SECONDS = int(os.environ.get("IISG_API_BROWSER_SECONDS", "60"))
# The licence of the open data (iisg_pages/open_data.py), as the Secretariat states it (e.g.
# "CC BY 4.0" and its address). Unset, the files say that no licence has been stated yet.
IISG_OPEN_DATA_LICENCE = os.environ.get("IISG_OPEN_DATA_LICENCE", "")
IISG_OPEN_DATA_LICENCE_URL = os.environ.get("IISG_OPEN_DATA_LICENCE_URL", "")

CACHES = {
    "default": {
        "BACKEND": "cms.cache.DatabaseCache",
        "LOCATION": "iisg_cache",
    }
}
# The API reads request bodies of at most this many bytes (a response is a few kilobytes).
IISG_API_MAX_BODY_SIZE = int(os.environ.get("IISG_API_MAX_BODY_SIZE", str(1024 * 1024)))
IISG_TRUSTED_PROXY_COUNT = int(os.environ.get("IISG_TRUSTED_PROXY_COUNT", "0"))
IISG_API_RATE_PER_TOKEN = os.environ.get("IISG_API_RATE_PER_TOKEN", "600/m")
IISG_API_RATE_PER_ADDRESS = os.environ.get("IISG_API_RATE_PER_ADDRESS", "300/m")
AXES_CLIENT_IP_CALLABLE = "cms.security.addresses.client_address"

# Inputs: no query value is longer than this (searches and filters need far less); documents
# are refused above IISG_MAX_UPLOAD_SIZE bytes, consultation templates above
# IISG_MAX_TEMPLATE_SIZE (checked before they are unpacked), IATI activity files above
# IISG_MAX_IATI_FILE_SIZE (they are read as they stream, never held whole).
IISG_MAX_QUERY_VALUE_LENGTH = 2000
IISG_MAX_UPLOAD_SIZE = int(os.environ.get("IISG_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
IISG_MAX_TEMPLATE_SIZE = int(os.environ.get("IISG_MAX_TEMPLATE_SIZE", str(10 * 1024 * 1024)))
IISG_MAX_IATI_FILE_SIZE = int(os.environ.get("IISG_MAX_IATI_FILE_SIZE", str(50 * 1024 * 1024)))
# Uploaded templates that were refused, failed or never confirmed are deleted (record and file)
# this many days after their upload; applied ones are kept, in their private collection.
IISG_UPLOAD_RETENTION_DAYS = int(os.environ.get("IISG_UPLOAD_RETENTION_DAYS", "30"))

# A need identified in at least this many Western Balkans partners is regional
# (Biennial Needs Mapping methodology, phase 2).
IISG_REGIONAL_THRESHOLD = int(os.environ.get("IISG_REGIONAL_THRESHOLD", "3"))

# load_demo also translates the demo's public pages into Albanian and Macedonian (through
# wagtail-localize, some twenty seconds); the test settings leave that to the tests of it.
IISG_DEMO_TRANSLATIONS = True

# The "Demonstration data" banner on every page, in the admin and in the report PDF: "auto"
# shows it when `load_demo` recorded that the database holds demo data; "on" or "off" force it.
IISG_DEMO_BANNER = os.environ.get("IISG_DEMO_BANNER", "auto")

# Browser policies (cms/security/headers.py). The site, the members area and the sign-in pages
# run no inline script or style (a page that needs an inline script gets the response's nonce,
# request.csp_nonce) and load nothing from other sites.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The Wagtail admin (/admin/): the same policy with the two relaxations Wagtail 8 needs. To
# relax a policy for a deployment (say, embeds from a video site), add the source to the
# directive here, e.g. "frame-src": [SELF, "https://www.youtube-nocookie.com"].
IISG_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail's admin templates run inline <script> blocks (page listings, the page
        # editor, reports: seen in chromium with a nonce-only policy).
        "script-src": [SELF, UNSAFE_INLINE],
        # Wagtail's admin sets style attributes and inline <style> on every page (the
        # dashboard, listings, the editor); a nonce would make browsers ignore 'unsafe-inline'.
        "style-src": [SELF, UNSAFE_INLINE],
    }
}
# Browser features: none but passkeys (WebAuthn) for this site.
IISG_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "publickey-credentials-create=(self), publickey-credentials-get=(self)"
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No avatars from Gravatar: staff e-mail hashes never reach a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The security log (cms/security/log.py): one JSON object per line on standard error, for the
# deployer's log shipping; IISG_SECURITY_LOG_LEVEL=WARNING keeps only failures and refusals.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "iisg.security": {
            "handlers": ["security"],
            "level": os.environ.get("IISG_SECURITY_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
