"""The backend contract suite: every test runs on each public index backend, in the style
of django-modelsearch's BackendTests. "embedded" always; "elasticsearch" on the noida-db
emulator that tests/elastic/fixtures.py starts (or the real cluster in ELASTICSEARCH_URL).

`backend`: the site pointed at that backend holding the demo corpus, read-only (the
Elasticsearch index is shared by the session). `writable_backend`: an index of the test's
own (the per-test copy of the embedded file; a fresh Elasticsearch index)."""

import pytest

BACKENDS = ["embedded", "elasticsearch"]


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    if request.param == "embedded":
        from search.backends import get_index

        settings.ELASTICSEARCH_URL = ""
        return get_index()
    return request.getfixturevalue("shared_elastic")


@pytest.fixture(params=BACKENDS)
def writable_backend(request, settings, db):
    if request.param == "embedded":
        from search.backends import get_index

        settings.ELASTICSEARCH_URL = ""
        return get_index()
    return request.getfixturevalue("elastic")
