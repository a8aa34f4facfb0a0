"""Remix settings: one file, driven by the environment.

Every setting a self-hoster may change is read from an environment variable and documented in the
README (a test fails when one is not). Optional infrastructure is switched on only when configured.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Data directory: the SQLite database, media, the generated secret -------------------------
DATA_DIR = Path(os.environ.get("REMIX_DATA_DIR") or Path.cwd() / "data").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, or one generated on first run and kept in DATA_DIR."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Written whole under a name of this process's, then linked into place: two processes
        # starting at once (the test runs of `make test`) never read a key half written, and
        # the first complete key wins for both.
        draft = DATA_DIR / f".secret_key.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Behind TLS in production: HSTS, secure cookies, redirect to https.
HTTPS = env_bool("REMIX_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The language a person chose (remix/web/language.py): read by the server only.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("REMIX_HSTS_PRELOAD", HTTPS)
BEHIND_PROXY = env_bool("REMIX_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- Applications --------------------------------------------------------------------------------
INSTALLED_APPS = [
    "remix.core",
    "remix.accounts",
    "remix.web",
    "remix.allies",
    "remix.ledger",
    "remix.charter",
    "remix.catalogue",
    "remix.contributions",
    "remix.grants",
    "remix.portability",
    "remix.stewardship",
    "remix.productions",
    "remix.envelopes",
    "remix.invoicing",
    "remix.studio",
    "remix.sharing",
    "remix.experiments",
    "remix.projects",
    "remix.events",
    "remix.api",
    "remix.accounts.apps_admin.RemixAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "remix.accounts.apps_admin.LogInAttemptsConfig",  # django-axes, named in the admin
    "django_otp",
    "remix.accounts.apps_admin.AuthenticatorsConfig",  # django-otp's TOTP, named in the admin
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "remix.web.language.PreferredLanguageMiddleware",
    "remix.api.middleware.ApiLanguageMiddleware",
    "remix.api.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF's check, which is the first to read a request's body.
    "remix.core.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "remix.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: it turns a locked-out log-in into the "try again at…" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "remix.urls"
WSGI_APPLICATION = "remix.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "web:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "remix.web.context_processors.site",
            ],
            "builtins": ["remix.core.templatetags.remix_dates"],
        },
    },
]

# --- Database: SQLite in WAL mode by default, PostgreSQL through DATABASE_URL ---------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'remix.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN: concurrent writers wait instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # Sorts and groupings in memory: a report's GROUP BY otherwise writes a temporary file.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA temp_store=MEMORY;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in memory
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords: Argon2 first ----------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# The throttle first: a locked-out attempt is refused before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Log-in throttling (django-axes, counted in the database) -----------------------------------
# Failures are counted per (username, address), per username and per address, each with its
# own limit (remix/accounts/throttle.py); past one, log-ins are refused without hashing for a
# cool-off that doubles with each further failure, up to a day. A success clears the count.
AXES_ENABLED = env_bool("REMIX_LOGIN_THROTTLE", True)
AXES_HANDLER = "remix.accounts.throttle.ThrottleHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("REMIX_LOGIN_FAILURES") or 5)
AXES_COOLOFF_TIME = "remix.accounts.throttle.cool_off"
AXES_USE_ATTEMPT_EXPIRATION = True  # each lock keeps its own cool-off, however long
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "remix.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "remix.accounts.throttle.client_address"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins are not kept (who came from where, when)

# --- Second factor (django-otp): what authenticator apps show beside the account's name --------
OTP_TOTP_ISSUER = os.environ.get("REMIX_OTP_ISSUER") or "Remix"

# --- Languages: French by default, English and Spanish complete -----------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static files and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or DATA_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Files that are not public catalogue media (receipts, application documents, bank statements…):
# outside MEDIA_ROOT, under random names, served only through a view that asks the permission of
# their page (remix/core/files.py).
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
# The open-data dump (`remix export-open-data`), served by its own page: not catalogue media.
REMIX_OPEN_DATA_ROOT = DATA_DIR / "open-data"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "remix.core.files.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Uploads to the catalogue: the largest file accepted (a short video), in bytes.
CATALOGUE_MEDIA_MAX_BYTES = int(os.environ.get("REMIX_MEDIA_MAX_BYTES") or 200 * 1024 * 1024)
# `remix backup` and `remix restore` on PostgreSQL: the folder of pg_dump and pg_restore, when
# neither PATH nor Debian's /usr/lib/postgresql/<version>/bin has the right version.
REMIX_PG_BIN = os.environ.get("REMIX_PG_BIN", "")
# Every other request body (a receipt, an application document, a bank statement, an import):
# refused with 413 from its Content-Length, before any of it is read.
REMIX_UPLOAD_MAX_BYTES = int(os.environ.get("REMIX_UPLOAD_MAX_BYTES") or 20 * 1024 * 1024)
# Who sends the bytes of a file once its view has said yes: "django" streams them itself;
# "nginx" answers X-Accel-Redirect: <prefix>/media|private/<name>; "sendfile" answers X-Sendfile
# with the file's path (Apache mod_xsendfile, lighttpd).
REMIX_FILE_SENDER = os.environ.get("REMIX_FILE_SENDER", "django").strip().lower()
if REMIX_FILE_SENDER not in {"django", "nginx", "sendfile"}:
    raise ImproperlyConfigured("REMIX_FILE_SENDER must be django, nginx or sendfile.")
REMIX_FILE_SENDER_PREFIX = os.environ.get("REMIX_FILE_SENDER_PREFIX", "/_files")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Content-Security-Policy: no inline script, no inline style, nothing remote -------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- E-mail: console by default, SMTP when EMAIL_HOST is set --------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Remix <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Background tasks (django-tasks): queued in the database, run by `remix db_worker` ------------
# (which `remix serve` starts beside the web server). REMIX_TASKS_BACKEND=immediate runs them
# in the request instead: fine for a tiny instance, not for the network measures of a large one.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("REMIX_TASKS_BACKEND", "database")]
    }
}

# --- Cache: per-process memory; a shared cache goes here when several servers run -------------
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "refusal_without_traceback": {"()": "remix.core.logfilters.RefusalWithoutTraceback"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A refused request is one line; a server error keeps its traceback.
    "loggers": {"django.request": {"filters": ["refusal_without_traceback"]}},
}

CSRF_FAILURE_VIEW = "remix.web.views.csrf_failure"

# --- API ---------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000

# --- Contributions: how gifts reach the association, and its tax receipts ----------------------
# Bank transfers: the account the give page shows, with each pledge's RF reference.
REMIX_BANK_TRANSFER = {
    "holder": os.environ.get("REMIX_BANK_HOLDER", ""),
    "iban": os.environ.get("REMIX_BANK_IBAN", ""),
    "bic": os.environ.get("REMIX_BANK_BIC", ""),
}
# Stripe's webhook signing secret (whsec_…); without it the Stripe webhook answers 404.
REMIX_STRIPE_WEBHOOK_SECRET = os.environ.get("REMIX_STRIPE_WEBHOOK_SECRET", "")
# Stripe's secret API key (sk_…): with the webhook secret, givers are offered Stripe Checkout.
REMIX_STRIPE_SECRET_KEY = os.environ.get("REMIX_STRIPE_SECRET_KEY", "")
# Where Stripe's API answers: tests point it at a local replay server.
REMIX_STRIPE_API_BASE = os.environ.get("REMIX_STRIPE_API_BASE", "https://api.stripe.com")
# Where Stripe's checkout pages are, allowed as the pledge page's form-action (CSP).
REMIX_STRIPE_CHECKOUT_ORIGIN = os.environ.get(
    "REMIX_STRIPE_CHECKOUT_ORIGIN", "https://checkout.stripe.com"
)
# HelloAsso Checkout (remix/contributions/helloasso.py): the API client's id and secret and the
# association's slug on HelloAsso; without all three, HelloAsso is not offered and its
# notification URL (/hooks/helloasso/) answers 404. The sandbox is https://api.helloasso-sandbox.com.
REMIX_HELLOASSO_API_BASE = os.environ.get("REMIX_HELLOASSO_API_BASE", "https://api.helloasso.com")
REMIX_HELLOASSO_CLIENT_ID = os.environ.get("REMIX_HELLOASSO_CLIENT_ID", "")
REMIX_HELLOASSO_CLIENT_SECRET = os.environ.get("REMIX_HELLOASSO_CLIENT_SECRET", "")
REMIX_HELLOASSO_ORGANIZATION = os.environ.get("REMIX_HELLOASSO_ORGANIZATION", "")
# The key HelloAsso gives a partner's notification URL: when set, x-ha-signature must sign the body.
REMIX_HELLOASSO_SIGNATURE_KEY = os.environ.get("REMIX_HELLOASSO_SIGNATURE_KEY", "")
# Who issues the reçus fiscaux (Cerfa 11580); without a name, no receipt is issued.
REMIX_RECEIPTS = {
    "issuer": os.environ.get("REMIX_RECEIPTS_ISSUER", ""),
    "address": os.environ.get("REMIX_RECEIPTS_ADDRESS", ""),
    "object": os.environ.get("REMIX_RECEIPTS_OBJECT", ""),
    "signatory": os.environ.get("REMIX_RECEIPTS_SIGNATORY", ""),
}

# --- Dates: the window the books and the plans accept (remix/core/dates.py) --------------------
# Whole years before and after this one; a steward widens them, never past 100 years either side.
REMIX_DATES_YEARS_BACK = int(os.environ.get("REMIX_DATES_YEARS_BACK") or 10)
REMIX_DATES_YEARS_AHEAD = int(os.environ.get("REMIX_DATES_YEARS_AHEAD") or 5)

# --- Funding search: deadline reminders --------------------------------------------------------
# How many days before a deadline `remix send-reminders` e-mails the people concerned.
REMIX_REMINDER_DAYS = sorted(
    {int(days) for days in env_list("REMIX_REMINDER_DAYS", ["30", "14", "7", "3", "1"])},
    reverse=True,
)


def _site_url() -> str:
    """The instance's public address, for the links of e-mails (no request to take it from)."""
    if os.environ.get("REMIX_SITE_URL"):
        return os.environ["REMIX_SITE_URL"].rstrip("/")
    host = next((h for h in ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "localhost")
    if host in {"127.0.0.1", "localhost", "[::1]"}:
        return f"http://{host}:8000"
    return f"{'https' if HTTPS else 'http'}://{host}"


REMIX_SITE_URL = _site_url()
