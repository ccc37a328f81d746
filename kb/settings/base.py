"""Settings shared by every environment; values that differ come from the environment.

Environment variables (see README): DATABASE_URL, ALLOWED_HOSTS, SECRET_KEY, DEBUG,
SEARCH_INDEX_PATH, ELASTICSEARCH_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

# PyThaiNLP must never try to download corpora: without this flag a missing corpus
# silently comes back empty instead of failing loudly.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KB_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite database and search index live here


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "kb",
    "home",
    "search",
    "complaints",  # the anti-corruption complaint channel (docs/complaints.md)
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",  # the read API (/api/v2/, kb.api)
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",  # login throttling (AUTHENTICATION_BACKENDS, MIDDLEWARE, AXES_* below)
    "django_tasks_db",  # the queue of file text extractions (TASKS below)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kb.security.ContentSecurityPolicyMiddleware",  # outside the rest: error answers get it too
    "search.middleware.ApiJsonErrorsMiddleware",  # early: sees every /api/ error answer
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "kb.thai.linebreak.LineBreakMiddleware",  # Thai breaks only between words, on public HTML pages
    # Last: turns a lock-out flagged during authentication into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",  # csp_nonce, should a template need one
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=600)}
# SQLite (any DATABASE_URL): an import holds the write lock for its whole transaction
# (all-or-nothing, minutes for thousands of records). WAL lets readers go on reading the
# last committed state meanwhile; BEGIN IMMEDIATE takes the write lock when a transaction
# starts, so a concurrent writer waits up to the busy timeout instead of failing at once
# with "database is locked" when a read transaction tries to upgrade. synchronous=NORMAL
# is durable across process crashes in WAL mode (only a power cut can lose the last commit).
SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20"))  # seconds a writer waits for the lock
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT,
        }
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Wagtail's admin search then uses PostgreSQL full-text (GIN indexes): without this app
    # the system checks stop `manage.py migrate` (postgres.E005).
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is refused for AXES_COOLOFF_MINUTES with the Thai page
# templates/lockout.html (HTTP 429). Page and document passwords are counted the same way
# (kb.security.throttle_password_form). A successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "kb.security.client_ip_address"
# Reverse proxies in front of the site whose X-Forwarded-For is trusted (0: use REMOTE_ADDR).
KB_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_ENABLE_ADMIN = False  # there is no Django admin site (only Wagtail's admin)
AXES_VERBOSE = False

# Content-Security-Policy (Django's built-in middleware, kb.security): the public pages
# load only their own scripts, styles, fonts and images; nothing inline. CSP_REPORT_ONLY=1
# sends the same policies as Content-Security-Policy-Report-Only instead (for a trial).
_CSP_COMMON = {
    "default-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
_CSP_PUBLIC = {
    **_CSP_COMMON,
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
}
# The Wagtail admin writes inline scripts and style attributes (and previews embeds and
# images from blob:/data: URLs); it is only for signed-in staff.
KB_ADMIN_CSP = {
    **_CSP_COMMON,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https:"],
}
if _csp_report_uri := os.environ.get("CSP_REPORT_URI", ""):
    _CSP_PUBLIC["report-uri"] = KB_ADMIN_CSP["report-uri"] = _csp_report_uri
if env_bool("CSP_REPORT_ONLY", False):
    SECURE_CSP, SECURE_CSP_REPORT_ONLY = {}, _CSP_PUBLIC
else:
    SECURE_CSP, SECURE_CSP_REPORT_ONLY = _CSP_PUBLIC, {}

# Thai first: the public site and the admin speak Thai; dates are shown in B.E.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("th", "ไทย"), ("en", "English")]
# Our Thai labels ahead of Wagtail's (the review workflow's buttons: locale/th/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "คลังข้อมูลระเบียบและมติ กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No Gravatar: editors' e-mail hashes are not sent to a third party, and offline networks show no broken images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for new versions (the admin's CSP would block it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# The admin's own search (finding pages while editing, drafts included) uses Wagtail's
# database backend; our backend subclass runs the same Thai analysis over the text.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.wagtail_admin"},
}

# Background work. Wagtail's own tasks (reference index, admin search) run at once on the
# "default" backend as before; extracting the text of files is queued in the database
# ("files"), for `manage.py db_worker --backend files --queue-name files` (started by
# `make run`; on another machine in production) or `manage.py extract_documents` (cron, CI).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "files": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["files"]},
}
# Limits of what is extracted from one file (kb.extraction.Limits); over them the file is
# kept and marked failed with the reason.
KB_EXTRACT_MAX_BYTES = int(os.environ.get("KB_EXTRACT_MAX_BYTES", 100 * 1024 * 1024))
KB_EXTRACT_MAX_PAGES = int(os.environ.get("KB_EXTRACT_MAX_PAGES", 1000))
KB_FETCH_TIMEOUT = int(os.environ.get("KB_FETCH_TIMEOUT", 10))  # seconds per linked file (open data)

# The public search index: embedded SQLite FTS5 unless an Elasticsearch URL is set.
SEARCH_INDEX_PATH = Path(os.environ.get("SEARCH_INDEX_PATH", VAR_DIR / "search-index.sqlite3"))
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")  # one URL, or several separated by commas
# Connection to an existing cluster (docs/production.md): basic auth or an API key, TLS
# verification against CA_CERTS (a PEM file; empty = system CAs), and the names the
# index takes (<prefix>-records alias over versioned <prefix>-records-<timestamp>).
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_VERIFY_CERTS = env_bool("ELASTICSEARCH_VERIFY_CERTS", True)
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kb")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "3"))  # seconds, per search request
# After a timeout or connection failure the cluster counts as down for this long: calls fail
# fast (search notice, pending index changes) instead of each waiting for the timeout.
ELASTICSEARCH_BREAKER_SECONDS = float(os.environ.get("ELASTICSEARCH_BREAKER_SECONDS", "30"))
SEARCH_RESULTS_PER_PAGE = 10
SEARCH_MAX_QUERY_CHARS = 500

# Anti-corruption complaints (complaints/, docs/complaints.md). Their text and evidence files are
# encrypted with the Fernet keys in COMPLAINTS_ENCRYPTION_KEYS (comma-separated, first = current);
# production refuses to start without them, elsewhere a key derived from SECRET_KEY stands in.
# Evidence files live outside MEDIA_ROOT and are served only through the admin.
COMPLAINTS_ENCRYPTION_KEYS = env_list("COMPLAINTS_ENCRYPTION_KEYS")
COMPLAINTS_DERIVED_KEY_ALLOWED = True  # False in production
COMPLAINTS_FILES_ROOT = Path(os.environ.get("COMPLAINTS_FILES_ROOT", VAR_DIR / "complaints"))
COMPLAINTS_RETENTION_DAYS = int(os.environ.get("COMPLAINTS_RETENTION_DAYS", str(5 * 365)))  # after closing
COMPLAINTS_MAX_FILES = 5
COMPLAINTS_MAX_FILE_BYTES = 10 * 1024 * 1024
COMPLAINTS_SUBMISSIONS_PER_HOUR = int(os.environ.get("COMPLAINTS_SUBMISSIONS_PER_HOUR", "5"))  # per address
COMPLAINTS_STATUS_FAILURES_PER_HOUR = int(os.environ.get("COMPLAINTS_STATUS_FAILURES_PER_HOUR", "10"))
COMPLAINTS_NOTIFY_EMAILS = env_list("COMPLAINTS_NOTIFY_EMAILS")  # besides the page's officers' e-mail
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # seconds: a hung mail server never holds a request

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # One line from search.sync says the cluster is down; not a traceback per retry.
        "elastic_transport": {"level": "ERROR"},
    },
}
