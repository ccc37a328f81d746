"""The embedded index's faster paths give the answers of the plain ones: term counts by
phrase against FTS5's own vocabulary, kept counts and histograms after the file changes,
and the bounded ranking of partial matches against BM25 over every match."""

import sqlite3
from dataclasses import asdict

import pytest

from search.backends.embedded import EmbeddedIndex, ranking
from search.documents import SearchDocument
from search.query import SearchQuery

COMMON = "การพัฒนา ระบบ ราชการ ของ หน่วยงาน"


def doc(i, title, body, kind="news", year=2567):
    return SearchDocument(
        page_id=i,
        identifier=f"news-{year}-{i:04d}",
        title=title,
        type=kind,
        type_label=kind,
        url=f"/records/{i}/",
        date=f"{year - 543}-01-{1 + i % 28:02d}",
        year=year,
        agency="สำนักงาน ก.พ.ร.",
        status="",
        status_label="",
        body=body,
        meta="",
    )


@pytest.fixture
def index(tmp_path):
    """60 records: a common sentence in all, a rare word in a few, both words in two."""
    docs = []
    for i in range(1, 61):
        body = COMMON * (1 + i % 4)
        if i % 9 == 0:
            body += " ความร่วมมือ กับ ออสเตรเลีย"
        if i in (20, 40):
            body += " ออสเตรเลีย อินโดนีเซีย"
        kind = "mou" if i % 3 else "news"
        docs.append(doc(i, f"เรื่อง {i} การพัฒนา", body, kind=kind, year=2560 + i % 5))
    index = EmbeddedIndex(tmp_path / "index.sqlite3", workers=1)
    index.rebuild(iter(docs))
    return index


def vocab_counts(path, terms):
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'fts', 'row')")
        return {t: n for t in terms for (n,) in connection.execute("SELECT doc FROM temp.v WHERE term = ?", (t,))}


def test_term_counts_match_the_vocabulary(index):
    terms = ["ออสเตรเลีย", "การพัฒนา", "ระบบ", "ไม่มีคำนี้", "ABC", "a-b", "ราชการ", '"', " "]
    assert index.term_counts(terms) == vocab_counts(index.path, terms)
    assert index.term_counts(terms) == vocab_counts(index.path, terms)  # kept


def test_kept_counts_follow_changes(index):
    before = index.term_counts(["อินโดนีเซีย"])["อินโดนีเซีย"]
    hits = index.search(SearchQuery.from_params({"q": "อินโดนีเซีย"})).total
    index.index(doc(100, "อินโดนีเซีย", "อินโดนีเซีย"))
    assert index.term_counts(["อินโดนีเซีย"]) == {"อินโดนีเซีย": before + 1}
    assert index.search(SearchQuery.from_params({"q": "อินโดนีเซีย"})).total == hits + 1
    index.remove(100)
    assert index.term_counts(["อินโดนีเซีย"]) == {"อินโดนีเซีย": before}
    assert index.search(SearchQuery.from_params({"q": "อินโดนีเซีย"})).total == hits


def answers(index, params):
    results = index.search(SearchQuery.from_params(params))
    return results.total, results.matched_all, results.facets, [asdict(hit) for hit in results.hits]


@pytest.mark.parametrize(
    ("params", "bounded"),
    [
        ({"q": "ออสเตรเลีย อินโดนีเซีย ระบบ"}, True),
        ({"q": "ออสเตรเลีย อินโดนีเซีย ระบบ", "page": "2"}, True),
        ({"q": "ออสเตรเลีย อินโดนีเซีย ระบบ", "type": "mou"}, True),
        ({"q": "ข่าว ออสเตรเลีย อินโดนีเซีย"}, False),  # a kind word: optional, and a boost
        ({"q": "ความร่วมมือ อินโดนีเซีย 2566"}, None),
    ],
)
def test_bounded_partial_ranking_is_exact(index, monkeypatch, params, bounded):
    used = []
    bound = ranking.RankingPlan.partial_bound

    def spy(self, connection, total):
        found = bound(self, connection, total)
        used.append(found)
        return found

    monkeypatch.setattr(ranking.RankingPlan, "partial_bound", spy)
    fast = answers(index, params)
    if bounded is not None:  # None: either way
        assert any(used) == bounded
    monkeypatch.setattr(ranking.RankingPlan, "partial_bound", lambda self, connection, total: None)
    assert answers(index, params) == fast
    assert fast[3], "no hits to compare"


def test_full_matches_scored_with_optional_words(index, monkeypatch):
    """Enough full matches: ranked among themselves, scored as under the partial ones'
    expression; the same page as BM25 over every match."""
    params = {"q": "ข่าว การพัฒนา ระบบ"}
    fast = answers(index, params)
    assert fast[1] >= 10
    monkeypatch.setattr(ranking, "SPLIT_MIN_ROWS", 0)  # the two-halves path too
    assert answers(index, params) == fast
