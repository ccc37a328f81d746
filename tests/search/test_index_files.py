"""A missing, empty, corrupt or truncated embedded index file is unavailable, never a
silent empty index: search shows its notice, the API answers 503, publishing keeps the
change pending, status says a rebuild is needed, and only a rebuild makes a new file.
Files of killed rebuilds are removed by the next rebuild."""

import os
import subprocess

import pytest
from django.core.management import CommandError, call_command

from search.backends import IndexDamaged, SearchUnavailable, get_index
from search.models import PendingIndexChange
from search.query import SearchQuery
from tests.builders import make_record

pytestmark = pytest.mark.django_db

WORD = "ควอนตัมทดสอบ"


def corrupt(path):
    path.write_bytes(os.urandom(64 * 1024))


def truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def missing(path):
    path.unlink()


def zero_bytes(path):
    path.write_bytes(b"")


DAMAGE = [corrupt, truncated, missing, zero_bytes]


@pytest.fixture(params=DAMAGE, ids=lambda damage: damage.__name__)
def damaged(request, isolated_index):
    for journal in (f"{isolated_index}-wal", f"{isolated_index}-shm"):
        if os.path.exists(journal):
            os.unlink(journal)
    request.param(isolated_index)
    return isolated_index


def test_search_page_and_api_say_unavailable(client, damaged):
    response = client.get("/search/", {"q": "ครม."})
    assert response.status_code == 503
    assert "ระบบค้นหาขัดข้องชั่วคราว" in response.content.decode()  # the notice (and the title fallback)
    response = client.get("/api/search/", {"q": "ครม."})
    assert response.status_code == 503 and response.json()["error"] == "search_unavailable"
    assert response["Retry-After"]
    with pytest.raises(IndexDamaged):
        get_index().search(SearchQuery.from_params({"q": "ครม."}))


def test_publishing_keeps_the_change_and_creates_no_file(client, damaged, on_commit):
    before = damaged.read_bytes() if damaged.exists() else None
    page = on_commit(make_record, identifier="damaged-1", body=WORD)
    other = on_commit(make_record, identifier="damaged-2", body=WORD)
    page.refresh_from_db()
    on_commit(page.unpublish)
    assert sorted(PendingIndexChange.objects.values_list("page_id", "action")) == sorted(
        [(page.pk, "index"), (other.pk, "index"), (page.pk, "remove")]
    )
    assert all(row.last_error for row in PendingIndexChange.objects.all())
    assert (damaged.read_bytes() if damaged.exists() else None) == before  # untouched, not recreated
    with pytest.raises(CommandError, match="(?s)unavailable.*rebuild is needed"):
        call_command("search_index", "sync", verbosity=0)
    assert PendingIndexChange.objects.count() == 3

    call_command("search_index", "rebuild", verbosity=0)  # repairs, and settles what was kept
    assert not PendingIndexChange.objects.exists()
    results = client.get("/api/search/", {"q": WORD}).json()["results"]
    assert [r["identifier"] for r in results if r["identifier"].startswith("damaged-")] == ["damaged-2"]
    assert client.get("/api/search/", {"q": "ครม."}).json()["total"] > 0


def test_status_says_a_rebuild_is_needed(damaged, capsys):
    with pytest.raises(CommandError) as error:
        call_command("search_index", "status")
    message = str(error.value)
    assert "ต้องสร้างดัชนีใหม่" in message and "rebuild is needed" in message
    assert "missing or damaged" in message
    assert "backend: embedded" in capsys.readouterr().out


def test_damage_inside_the_file_is_found_by_status(isolated_index):
    """Pages overwritten in the middle: the header is fine, status reads the whole file."""
    data = bytearray(isolated_index.read_bytes())
    quarter = len(data) // 4
    data[quarter : 3 * quarter] = os.urandom(2 * quarter)
    isolated_index.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="rebuild is needed"):
        call_command("search_index", "status")


def test_errors_never_leak_as_sqlite3(isolated_index):
    corrupt(isolated_index)
    index = get_index()
    for call in (index.status, index.page_ids, lambda: index.remove(1)):
        with pytest.raises(SearchUnavailable) as error:
            call()
        assert isinstance(error.value, IndexDamaged)


def dead_pid():
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_leftovers_of_a_killed_rebuild(isolated_index, capsys):
    killed = dead_pid()
    orphans = [
        isolated_index.with_name(f"{isolated_index.name}.building-{killed}{suffix}") for suffix in ("", "-journal")
    ]
    for orphan in orphans:
        orphan.write_bytes(b"half a rebuild")
    running = subprocess.Popen(["sleep", "60"])  # stands for a rebuild running beside this one
    try:
        other = isolated_index.with_name(f"{isolated_index.name}.building-{running.pid}")
        other.write_bytes(b"being written")
        call_command("search_index", "status")
        out = capsys.readouterr().out
        assert "leftover_files: 2" in out and str(orphans[0]) in out and str(other) not in out
        call_command("search_index", "rebuild", verbosity=0)
        assert not any(orphan.exists() for orphan in orphans)
        assert other.exists()  # a running rebuild's file is never removed
        call_command("search_index", "status")
        assert "leftover_files" not in capsys.readouterr().out
    finally:
        running.kill()
        running.wait()
