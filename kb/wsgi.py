import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.production")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

application = get_wsgi_application()
