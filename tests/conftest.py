"""Shared fixtures: the demo corpus is built once per session (load_demo into the test
database and a session search index); each test gets its own copy of that index file."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

# The Elasticsearch fixtures (one emulator per session), for tests/elastic and tests/search/contract;
# the browser fixtures (one demo server and one Chromium per session), for every browser test.
pytest_plugins = ["tests.elastic.fixtures", "tests.browser.fixtures"]


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("kb")


@pytest.fixture(scope="session")
def demo_index_path(session_dir):
    return session_dir / "demo-index.sqlite3"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, session_dir, demo_index_path):
    """The demo corpus (site tree + 38 published records, their two demo files with the
    text extracted, as the worker would, + index), shared by every DB test."""
    settings.MEDIA_ROOT = str(session_dir / "media")
    settings.SEARCH_INDEX_PATH = demo_index_path
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        call_command("extract_documents", verbosity=0)
    yield


@pytest.fixture(autouse=True)
def isolated_index(request, tmp_path, demo_index_path):
    """Point the index at a per-test copy of the demo index, so tests can change it freely."""
    if "django_db_setup" in request.fixturenames:
        request.getfixturevalue("django_db_setup")  # make sure the demo index exists first
    path = tmp_path / "index.sqlite3"
    if demo_index_path.exists():
        shutil.copy(demo_index_path, path)
    original = settings.SEARCH_INDEX_PATH
    settings.SEARCH_INDEX_PATH = path
    yield path
    settings.SEARCH_INDEX_PATH = original


@pytest.fixture
def demo_site(db):
    """The demo home page (the corpus is already loaded by django_db_setup)."""
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """on_commit(func, *args): call func and run what it deferred to commit (search index
    updates) inside the test's transaction, as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run
