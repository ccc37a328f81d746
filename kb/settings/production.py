from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
# Complaints are encrypted at rest (docs/complaints.md): never with a key derived from SECRET_KEY.
COMPLAINTS_DERIVED_KEY_ALLOWED = False
if not COMPLAINTS_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured("COMPLAINTS_ENCRYPTION_KEYS must be set in the environment for production.")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# HTTPS (docs/production.md, "Settings"): `manage.py check --deploy` is clean with the defaults.
# The TLS proxy in front says https in X-Forwarded-Proto; it must overwrite what clients send.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# SECURE_SSL_REDIRECT=0 only for plain-HTTP loopback (benchmarks, compose on localhost).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
# Both cover the subdomains of the host the site answers on (kb.example.go.th covers
# *.kb.example.go.th, not example.go.th). Preload only takes effect once someone submits
# the domain to hstspreload.org. Turn either off (=0) if it does not fit: check --deploy
# then says so.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]  # noqa: F405
