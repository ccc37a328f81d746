"""The site's URLs plus views that fail on purpose, for tests/kb/test_error_pages.py."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from kb.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug, on purpose")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("on purpose")


urlpatterns = [
    path("_test/500/", boom),
    path("_test/403/", forbidden),
    path("_test/400/", suspicious),
    *site_urlpatterns,
]
