"""Per-address limits (submissions, wrong tracking codes), counted in the database.

django-ratelimit was the first idea, but it refuses every cache this site has (its system
check E003 rejects LocMem, file and database caches; there is no memcached or Redis here),
and a per-process count would let each gunicorn worker take its own five. The address is
kept only as an HMAC (SECRET_KEY and the day), with the hour it was counted in, not the
moment, for a day at most: a row must not pin an address to the second a complaint was
received (Complaint.received_at)."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from kb.security import client_ip_address

from .models import Throttle

WINDOW = timedelta(hours=1)  # counted over this hour and the one before: 1 to 2 hours
KEEP = timedelta(days=1)


def _hour(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def _key(request):
    address = client_ip_address(request) or "unknown"
    day = timezone.now().date().isoformat()
    return hmac.new(settings.SECRET_KEY.encode(), f"complaints:{day}:{address}".encode(), hashlib.sha256).hexdigest()


def count(request, scope):
    since = _hour(timezone.now()) - WINDOW
    return Throttle.objects.filter(scope=scope, key=_key(request), created_at__gte=since).count()


def exceeded(request, scope, limit):
    return count(request, scope) >= limit


def hit(request, scope):
    now = timezone.now()
    Throttle.objects.filter(created_at__lt=now - KEEP).delete()
    Throttle.objects.create(scope=scope, key=_key(request), created_at=_hour(now))
