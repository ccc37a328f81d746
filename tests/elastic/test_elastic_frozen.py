"""A frozen cluster (SIGSTOP: connections accepted, nothing answered) costs one timeout,
not one per request: the circuit breaker fails every later call fast, without touching
the network, until a trial request after the cool-down finds the cluster back.

Counts (requests sent vs. refused by the breaker) prove that calls do not reach the
socket; the only clock bound is a generous "less than one timeout"."""

import os
import signal
import threading
import time

import pytest
from django.core.management import call_command

from search.backends.breaker import BreakerOpen, CircuitBreaker
from search.models import PendingIndexChange
from tests.builders import make_record

pytestmark = pytest.mark.django_db

NOTICE = "ระบบค้นหาขัดข้องชั่วคราว"
WORD = "ควอนตัมแช่แข็งทดสอบ"
TIMEOUT = 2.0  # seconds per request: what every search would wait without the breaker


def non_search_pages():
    from kb.models import INDEX_MODELS, RegulationPage

    index = next(model.objects.live().first() for model in INDEX_MODELS.values() if model.objects.live().exists())
    return [
        "/",
        index.url,
        f"{index.url}?page=2&year=2562",
        RegulationPage.objects.live().first().url,
        "/feeds/",
        "/feeds/regulation/",
        "/sitemap.xml",
    ]


def wait_until(condition, limit=20.0):
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


def test_frozen_cluster_fails_fast_then_recovers(
    client, admin_client, settings, private_emulator, new_prefix, on_commit
):
    from search import sync
    from search.backends.elastic import get_breaker

    settings.ELASTICSEARCH_URL = private_emulator.url
    settings.ELASTICSEARCH_INDEX_PREFIX = new_prefix
    settings.ELASTICSEARCH_TIMEOUT = TIMEOUT
    settings.ELASTICSEARCH_BREAKER_SECONDS = 3600  # stays open for the whole frozen part
    assert sync.rebuild() == 38
    breaker = get_breaker()
    assert breaker.state == CircuitBreaker.CLOSED
    existing = make_record(identifier="es-frozen-0", title="ก่อนแช่แข็ง")
    on_commit(sync.sync_page, existing)

    group = private_emulator.process.pid
    os.killpg(group, signal.SIGSTOP)
    try:
        # Pages other than search, and the admin (Wagtail's database search), never call the cluster:
        # with the breaker still closed, any such call would be sent (and would hang).
        sent = breaker.sent
        for path in non_search_pages():
            assert client.get(path).status_code == 200, path
        for path in ["/admin/", "/admin/pages/search/?q=ครม.", f"/admin/pages/{existing.pk}/edit/"]:
            assert admin_client.get(path).status_code == 200, path
        assert breaker.sent == sent and breaker.state == CircuitBreaker.CLOSED

        # The first search waits for one timeout, then shows the notice and opens the breaker.
        page = client.get("/search/", {"q": "บันทึกความเข้าใจ"})
        assert page.status_code == 503 and NOTICE in page.content.decode()
        assert "search-result" in page.content.decode()  # the database title list stands in
        assert breaker.state == CircuitBreaker.OPEN and breaker.failures == 1
        assert breaker.sent == sent + 1

        # Everything after fails at once: nothing more is sent to the frozen cluster.
        rejected = breaker.rejected
        started = time.monotonic()
        api = client.get("/api/search/", {"q": "ครม."})
        assert time.monotonic() - started < TIMEOUT
        assert api.status_code == 503 and api.json()["error"] == "search_unavailable"
        assert 1 <= int(api["Retry-After"]) <= 3600
        page = client.get("/search/", {"q": "ครม."})
        assert page.status_code == 503 and NOTICE in page.content.decode()
        # Publishing and unpublishing record their index change instead of waiting.
        new = on_commit(make_record, identifier="es-frozen-1", title="หลังแช่แข็ง", body=WORD)
        assert new.live
        existing.refresh_from_db()
        on_commit(existing.unpublish)
        pending = {(p.page_id, p.action) for p in PendingIndexChange.objects.all()}
        assert pending == {(new.pk, "index"), (existing.pk, "remove")}
        assert all("circuit breaker open" in p.last_error for p in PendingIndexChange.objects.all())
        assert breaker.sent == sent + 1 and breaker.rejected >= rejected + 4
        assert breaker.state == CircuitBreaker.OPEN
    finally:
        os.killpg(group, signal.SIGCONT)

    # After the cool-down one trial goes through, finds the cluster back, and closes the breaker.
    settings.ELASTICSEARCH_BREAKER_SECONDS = 0.2
    wait_until(lambda: breaker.state == CircuitBreaker.HALF_OPEN)
    assert client.get("/api/search/", {"q": "ครม."}).status_code == 200
    assert breaker.state == CircuitBreaker.CLOSED
    call_command("search_index", "sync", verbosity=0)
    assert not PendingIndexChange.objects.exists()
    results = {r["identifier"] for r in client.get("/api/search/", {"q": WORD}).json()["results"]}
    assert "es-frozen-1" in results
    assert "es-frozen-0" not in {
        r["identifier"] for r in client.get("/api/search/", {"q": "ก่อนแช่แข็ง"}).json()["results"]
    }


# ---------------------------------------------------------------------- the breaker itself
class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_breaker_half_open_lets_exactly_one_trial_through():
    clock = Clock()
    breaker = CircuitBreaker(seconds=30, clock=clock)
    breaker.before_call()
    breaker.failure(TimeoutError("frozen"))
    with pytest.raises(BreakerOpen) as refused:
        breaker.before_call()
    assert refused.value.retry_after == 30 and "frozen" in str(refused.value)
    clock.now = 29.5
    assert breaker.state == CircuitBreaker.OPEN and breaker.retry_after() == 1
    clock.now = 30.0
    assert breaker.state == CircuitBreaker.HALF_OPEN

    # Many threads at once after the cool-down: exactly one is let through.
    let_through, barrier = [], threading.Barrier(8)

    def call():
        barrier.wait()
        try:
            breaker.before_call()
            let_through.append(1)
        except BreakerOpen:
            pass

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(let_through) == 1 and breaker.state == CircuitBreaker.OPEN  # the trial is in flight
    breaker.failure(TimeoutError("still frozen"))  # the trial failed: a new cool-down
    clock.now = 59.0
    with pytest.raises(BreakerOpen):
        breaker.before_call()
    clock.now = 60.0
    breaker.before_call()
    breaker.success()
    assert breaker.state == CircuitBreaker.CLOSED
    breaker.before_call()  # closed: every call goes through
    breaker.before_call()
    assert breaker.sent == 5 and breaker.failures == 2


def test_breaker_is_per_connection_and_reads_its_setting(settings):
    from search.backends.elastic import get_breaker

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    first = get_breaker()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:10"
    assert get_breaker() is not first
    settings.ELASTICSEARCH_BREAKER_SECONDS = "7"
    assert first.seconds == 7.0
    settings.ELASTICSEARCH_BREAKER_SECONDS = "not a number"
    assert first.seconds == 30.0
