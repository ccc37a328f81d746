"""When the cluster is down or slow: searches degrade to the notice / 503, publishing still
succeeds and keeps its index change, and `search_index sync` applies it once the cluster
is back, with nothing lost."""

import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.backends import SearchUnavailable, get_index
from search.models import PendingIndexChange
from search.query import SearchQuery
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมล่มทดสอบ"
NOTICE = "ระบบค้นหาขัดข้องชั่วคราว"


def assert_degraded(client):
    page = client.get("/search/", {"q": "ครม."})
    assert page.status_code == 503 and NOTICE in page.content.decode()
    api = client.get("/api/search/", {"q": "ครม."})
    assert api.status_code == 503 and api["Retry-After"]
    assert api.json()["error"] == "search_unavailable" and "ระบบค้นหาขัดข้อง" in api.json()["message"]


def test_cluster_down_then_back(client, settings, private_emulator, new_prefix, on_commit, capsys):
    from search import sync

    settings.ELASTICSEARCH_URL = private_emulator.url
    settings.ELASTICSEARCH_INDEX_PREFIX = new_prefix
    settings.ELASTICSEARCH_BREAKER_SECONDS = 0  # answers as soon as the cluster is back (tested in test_elastic_frozen)
    assert sync.rebuild() == 38
    existing = make_record(identifier="es-down-0", body=f"ก่อน{WORD}")  # indexed later, through sync only
    PendingIndexChange.objects.all().delete()
    on_commit(sync.sync_page, existing)

    private_emulator.stop()  # the cluster dies mid-session
    assert_degraded(client)
    fallback = client.get("/search/", {"q": "บันทึกความเข้าใจ"}).content.decode()
    assert "search-result" in fallback  # the title list from the database stands in

    # Publishing succeeds and keeps its changes: a new page, an edited page, an unpublished page.
    page = on_commit(make_record, identifier="es-down-1", title="ร่างแรก", body=WORD)
    assert page.live
    page.title = "ฉบับล่าสุด"
    on_commit(page.save_revision().publish)
    existing.refresh_from_db()
    on_commit(existing.unpublish)
    pending = PendingIndexChange.objects.all()
    assert {p.page_id for p in pending} == {page.pk, existing.pk}
    assert {p.action for p in pending if p.page_id == existing.pk} == {"remove"}
    assert all(p.last_error for p in pending)

    with pytest.raises(CommandError):
        call_command("search_index", "sync", verbosity=0)  # still down: nothing is lost
    assert PendingIndexChange.objects.filter(page_id=page.pk, attempts=1).exists()
    with pytest.raises(CommandError):
        call_command("search_index", "status")
    assert "pending_changes: 3 (pages: 2)" in capsys.readouterr().out

    private_emulator.start()  # back, same data dir and port
    assert client.get("/api/search/", {"q": "ครม."}).status_code == 200
    call_command("search_index", "sync", verbosity=0)
    assert not PendingIndexChange.objects.exists()
    results = {r["identifier"]: r for r in client.get("/api/search/", {"q": WORD}).json()["results"]}
    assert results["es-down-1"]["title"] == "ฉบับล่าสุด"  # the latest state, not the first one
    assert "es-down-0" not in results
    call_command("search_index", "status")
    assert "documents: 39" in capsys.readouterr().out


def test_rebuild_while_down_leaves_nothing_half_done(settings, private_emulator, new_prefix):
    from search import sync

    settings.ELASTICSEARCH_URL = private_emulator.url
    settings.ELASTICSEARCH_INDEX_PREFIX = new_prefix
    private_emulator.stop()
    with pytest.raises(CommandError):
        call_command("search_index", "rebuild", verbosity=0)
    with pytest.raises(SearchUnavailable):
        sync.rebuild()


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never answers: a hung cluster."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    connections, stop = [], threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                connections.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in connections:
        connection.close()
    server.close()


def test_slow_cluster_times_out(client, settings, silent_server, new_prefix, on_commit):
    settings.ELASTICSEARCH_URL = silent_server
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    settings.ELASTICSEARCH_INDEX_PREFIX = new_prefix
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        get_index().search(SearchQuery.from_params({"q": "ครม."}))
    assert_degraded(client)
    page = on_commit(make_record, identifier="es-slow-1", body=WORD)
    assert page.live and PendingIndexChange.objects.filter(page_id=page.pk, action="index").exists()
    assert time.monotonic() - started < 10  # short timeouts, a bounded number of tries
