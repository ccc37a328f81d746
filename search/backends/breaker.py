"""A circuit breaker for the Elasticsearch cluster, one per process and cluster connection.

A frozen cluster (a stopped process, a dead network path) accepts connections and never
answers: without a breaker every search, every publish and every API call waits the full
request timeout, and a handful of clients tie up all the workers. So:

- closed: requests go to the cluster;
- after a request fails with a timeout, a connection error or a 502/503/504, the breaker
  opens for ELASTICSEARCH_BREAKER_SECONDS (default 30): every call fails at once with
  BreakerOpen, without touching a socket, and the callers degrade as for any outage
  (search notice + database fallback, API 503, publishing records a pending change);
- half-open: once the cool-down is over, exactly one trial request goes through (the
  others keep failing fast); its success closes the breaker, its failure opens it again.

BreakerTransport puts the breaker in front of every request of the client (searches,
writes, bulk loads, status), so no caller has to remember to consult it.
"""

import math
import os
import threading
import time

from django.conf import settings
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, Transport

DEFAULT_SECONDS = 30.0
# Answers that mean "the cluster (or the proxy in front of it) is down", not "bad request".
TRIP_STATUSES = frozenset({502, 503, 504})


def cool_down_seconds():
    """ELASTICSEARCH_BREAKER_SECONDS from the settings, else the environment, else 30."""
    value = getattr(settings, "ELASTICSEARCH_BREAKER_SECONDS", None)
    if value is None:
        value = os.environ.get("ELASTICSEARCH_BREAKER_SECONDS", DEFAULT_SECONDS)
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return DEFAULT_SECONDS


class BreakerOpen(TransportConnectionError):
    """The cluster is considered down: the request was not sent.

    A ConnectionError, so every existing `except TransportError` treats it as an outage."""

    def __init__(self, message, retry_after=1):
        super().__init__(message)
        self.retry_after = retry_after

    def __str__(self):  # ConnectionError's own says only "Connection error"
        return str(self.message)


class CircuitBreaker:
    CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"

    def __init__(self, seconds=None, clock=time.monotonic):
        self._seconds = seconds  # None: read the setting at each failure (tests change it)
        self._clock = clock
        self._lock = threading.Lock()
        self._opened_at = None  # when the last failure opened it; None while closed
        self._trial = False  # a half-open trial request is in flight
        self.sent = 0  # requests let through to the cluster
        self.rejected = 0  # requests failed fast
        self.failures = 0
        self.last_error = ""

    @property
    def seconds(self):
        return cool_down_seconds() if self._seconds is None else self._seconds

    def _remaining(self):
        # The cool-down is read at each check, so a changed setting applies at once.
        return 0.0 if self._opened_at is None else self._opened_at + self.seconds - self._clock()

    @property
    def state(self):
        with self._lock:
            if self._opened_at is None:
                return self.CLOSED
            return self.OPEN if self._trial or self._remaining() > 0 else self.HALF_OPEN

    def retry_after(self):
        """Whole seconds until a trial request may go through (at least 1)."""
        with self._lock:
            return max(1, math.ceil(self._remaining()))

    def before_call(self):
        """Let the request through, or raise BreakerOpen without touching the network."""
        with self._lock:
            if self._opened_at is not None:
                remaining = self._remaining()
                if remaining > 0 or self._trial:
                    self.rejected += 1
                    raise BreakerOpen(
                        f"cluster considered down after: {self.last_error} "
                        f"(circuit breaker open, next try in {max(0.0, remaining):.0f}s)",
                        retry_after=max(1, math.ceil(remaining)),
                    )
                self._trial = True  # half-open: this request is the one trial
            self.sent += 1

    def success(self):
        with self._lock:
            self._opened_at = None
            self._trial = False

    def failure(self, exc):
        with self._lock:
            self._opened_at = self._clock()
            self._trial = False
            self.failures += 1
            self.last_error = f"{type(exc).__name__}: {exc}"[:300]

    def release(self):
        """The request ended in neither (e.g. a response we could not parse)."""
        with self._lock:
            self._trial = False

    def reset(self):
        with self._lock:
            self._opened_at = None
            self._trial = False


class BreakerTransport(Transport):
    """The client's transport with a CircuitBreaker in front of every request.

    Every client made by `Elasticsearch.options()` shares its transport, so one breaker
    covers one connection configuration in this process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.breaker = CircuitBreaker()

    def perform_request(self, method, target, **kwargs):
        self.breaker.before_call()
        try:
            response = super().perform_request(method, target, **kwargs)
        except (TransportConnectionError, ConnectionTimeout) as exc:
            self.breaker.failure(exc)
            raise
        except BaseException:
            self.breaker.release()
            raise
        if response.meta.status in TRIP_STATUSES:
            self.breaker.failure(RuntimeError(f"HTTP {response.meta.status} from {target}"))
        else:
            self.breaker.success()
        return response
