from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests point SEARCH_INDEX_PATH and MEDIA_ROOT at temporary folders (tests/conftest.py).

# Serve static files straight from the finders (no collectstatic needed outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Thai line breaks (kb.thai.linebreak) put <wbr> between words: off, so tests can find Thai
# phrases in pages; tests/layout and the browser tests (dev settings) see them on.
THAI_LINE_BREAKS = False

# The suite uses the embedded index; tests/elastic points single tests at a cluster
# (ELASTICSEARCH_URL from the environment, or the noida-db emulator).
ELASTICSEARCH_URL = ""
