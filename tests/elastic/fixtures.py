"""Elasticsearch backend fixtures (a plugin of tests/conftest.py, so tests/elastic and the
backend contract suite in tests/search/contract share one session cluster).

The cluster is noida-db (an Elasticsearch-compatible emulator from PyPI) started once per
session on a free port with a temporary data directory, or the real cluster named by
ELASTICSEARCH_URL when that is set in the environment (then no emulator is started).
Only tests that ask for `elastic` / `es_settings` point the site at the cluster; the rest
of the suite keeps using the embedded index. Every test gets its own index prefix, and
its indices are deleted afterwards.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

# The session cluster for these tests, read from the environment (not from settings).
REAL_CLUSTER_URL = os.environ.get("ELASTICSEARCH_URL", "")
if REAL_CLUSTER_URL:
    # kb.settings.base also read it; the rest of the suite must keep the embedded index
    # (its demo index is what these tests compare against). Runs at collection, before
    # any fixture: only the fixtures below point the site at the cluster.
    from django.conf import settings as _settings

    _settings.ELASTICSEARCH_URL = ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def noida_binary():
    candidate = Path(sys.executable).parent / "noida-db"
    return str(candidate) if candidate.exists() else shutil.which("noida-db")


class Emulator:
    """One noida-db process (its own process group) serving only Elasticsearch."""

    def __init__(self, data_dir, port=None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=20):
        binary = noida_binary()
        if not binary:
            pytest.skip("noida-db is not installed (pip install -r requirements.txt)")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.data_dir / "noida.log", "ab")
        self.process = subprocess.Popen(
            [
                binary,
                "start",
                "--data-dir",
                str(self.data_dir),
                "--only",
                "elasticsearch",
                "--elasticsearch-port",
                str(self.port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"noida-db exited early: {(self.data_dir / 'noida.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"noida-db did not answer on {self.url} within {timeout}s")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        group = self.process.pid
        try:
            os.killpg(group, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        # The launcher exits first; the server binary (same group) may still be saving and
        # answering for a moment. Down means the port refuses connections.
        deadline = time.monotonic() + 10
        while self._answers() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self._answers():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while self._answers() and time.monotonic() < deadline:
                time.sleep(0.05)
        self.process = None

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False


@pytest.fixture(scope="session")
def es_url(tmp_path_factory):
    """The cluster for this session: ELASTICSEARCH_URL if set, otherwise a noida-db emulator."""
    if REAL_CLUSTER_URL:
        yield REAL_CLUSTER_URL
        return
    emulator = Emulator(tmp_path_factory.mktemp("noida-db")).start()
    yield emulator.url
    emulator.stop()


def unique_prefix():
    return f"kbtest-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def new_prefix():
    return unique_prefix()


@pytest.fixture
def es_settings(settings, es_url):
    """Point the site at the session cluster under a prefix of this test's own."""
    settings.ELASTICSEARCH_URL = es_url
    settings.ELASTICSEARCH_INDEX_PREFIX = unique_prefix()
    yield settings
    from search.backends.elastic import ElasticIndex

    with contextlib.suppress(Exception):  # the cluster may be the one a test stopped
        ElasticIndex().drop()


@pytest.fixture
def elastic(es_settings, db):
    """An Elasticsearch index holding the demo corpus (38 records), built for this test."""
    from search import sync
    from search.backends import get_index

    assert sync.rebuild() == 38
    return get_index()


@pytest.fixture(scope="session")
def shared_prefix(es_url, django_db_setup, django_db_blocker):
    """One read-only demo index for the tests that only search (saves a rebuild each)."""
    from django.conf import settings

    from search import sync
    from search.backends.elastic import ElasticIndex

    prefix = unique_prefix()
    original = (settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX)
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX = es_url, prefix
    try:
        with django_db_blocker.unblock():
            assert sync.rebuild() == 38
    finally:
        settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX = original
    yield prefix
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX = es_url, prefix
    try:
        ElasticIndex().drop()
    finally:
        settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX = original


@pytest.fixture
def shared_elastic(settings, es_url, shared_prefix, db):
    """The site pointed at the shared read-only demo index (do not write to it)."""
    from search.backends import get_index

    settings.ELASTICSEARCH_URL = es_url
    settings.ELASTICSEARCH_INDEX_PREFIX = shared_prefix
    return get_index()


@pytest.fixture
def embedded(settings):
    """The embedded index (the per-test copy of the demo index), whatever the settings say."""
    from search.backends.embedded import EmbeddedIndex

    return EmbeddedIndex(settings.SEARCH_INDEX_PATH)


@pytest.fixture
def private_emulator(tmp_path):
    """A noida-db of this test's own, which the test may stop and restart."""
    if REAL_CLUSTER_URL:
        pytest.skip("stopping the cluster needs the emulator (ELASTICSEARCH_URL is a real cluster)")
    emulator = Emulator(tmp_path / "noida-private").start()
    yield emulator
    emulator.stop()
