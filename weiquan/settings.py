"""Django settings for weiquan. Everything a deployment changes comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("WEIQUAN_DATA_DIR", BASE_DIR / "var")).resolve()


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("WEIQUAN_DEBUG")
SECRET_KEY = os.environ.get("WEIQUAN_SECRET_KEY") or "insecure-development-key-change-me-" + "x" * 20
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("WEIQUAN_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files (no CDN; the CSP allows only 'self')
    "huey.contrib.djhuey",
    "weiquan.regions",
    "weiquan.orgs",
    "weiquan.deadlines",
    "weiquan.cases",
    "weiquan.triage",
    "weiquan.intake",
    "weiquan.staff",
    "weiquan.public",
    "weiquan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "weiquan.web.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "weiquan.web.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "weiquan.urls"
WSGI_APPLICATION = "weiquan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "weiquan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "weiquan.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE: writers queue on the lock instead of failing to upgrade a read lock.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=30000; PRAGMA cache_size=-64000; PRAGMA temp_store=MEMORY;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-weiquan.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "weiquan" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "weiquan" / "static"]

# --- security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_flag("WEIQUAN_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # requests above this are refused with 400/413

# --- task queue (database-backed by default; Redis when REDIS_URL is set) ---------------------
if os.environ.get("REDIS_URL"):
    from huey import RedisHuey

    HUEY = RedisHuey("weiquan", url=os.environ["REDIS_URL"])
else:
    from huey import SqliteHuey

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    HUEY = SqliteHuey("weiquan", filename=str(DATA_DIR / "tasks.sqlite3"))

# --- weiquan: legal limits (statutory values are the upper bound; a deployment may shorten) -----
WEIQUAN_PROVINCE_CODE = os.environ.get("WEIQUAN_PROVINCE_CODE", "140000")
WEIQUAN_LIMITS = {
    # kind of clock: (unit, length). unit "wd" = working days, "d" = natural days.
    "acceptance": ("wd", int(os.environ.get("WEIQUAN_LIMIT_ACCEPTANCE_WD", 7))),
    "mediation_order121": ("d", int(os.environ.get("WEIQUAN_LIMIT_MEDIATION_DAYS", 60))),
    "mediation_order20": ("wd", int(os.environ.get("WEIQUAN_LIMIT_MEDIATION_ORDER20_WD", 45))),
    "notification": ("wd", int(os.environ.get("WEIQUAN_LIMIT_NOTIFICATION_WD", 7))),
    "verification": ("wd", int(os.environ.get("WEIQUAN_LIMIT_VERIFICATION_WD", 15))),
    "verification_extension": ("wd", 15),
    "jurisdiction": ("wd", int(os.environ.get("WEIQUAN_LIMIT_JURISDICTION_WD", 7))),
    "answer": ("wd", int(os.environ.get("WEIQUAN_LIMIT_ANSWER_WD", 7))),
    "reporter_notice": ("wd", int(os.environ.get("WEIQUAN_LIMIT_REPORTER_NOTICE_WD", 5))),
}
WEIQUAN_DUE_SOON_WORKING_DAYS = 2
# Does a mediation suspended for a recusal request (Art. 21) stop the mediation clock, as testing does?
# The rules leave it open (domain rules §1.5); by default the time counts.
WEIQUAN_RECUSAL_STOPS_CLOCK = env_flag("WEIQUAN_RECUSAL_STOPS_CLOCK")
# Tell a real-name reporter the filing decision within 5 working days? Order 20 Art. 31 required it (items
# received before 2026-04-15 always get it); Order 121 leaves it to the rules of each place (Art. 36).
WEIQUAN_REPORTER_NOTICE = env_flag("WEIQUAN_REPORTER_NOTICE", default=True)
# Triage runs in the task worker after the registration commits (`weiquan run_huey`); 0 = inside the request.
WEIQUAN_TRIAGE_DEFER = env_flag("WEIQUAN_TRIAGE_DEFER", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WEIQUAN_LOG_LEVEL", "WARNING")},
    # the task worker's own lines (tasks run, periodic jobs): configured here, `run_huey` adds no handler
    # of its own, so each line is printed once
    "loggers": {"huey": {"handlers": ["console"], "propagate": False,
                         "level": os.environ.get("WEIQUAN_TASK_LOG_LEVEL", "INFO")}},
}
