"""The admin's SQLite FTS table follows its entries' text, and only their text: setting a
title norm (after every batch of new entries) no longer rewrites the entry's terms."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    if connection.vendor != "sqlite":
        pytest.skip("the FTS table and its triggers are SQLite's")
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry

    return IndexEntry.objects.exclude(body="").first()


def fts_rows(entry, term):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s", [f'"{term}"']
        )
        return [row[0] for row in cursor.fetchall()]


def changes_of(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        before = cursor.fetchone()[0]
        cursor.execute(statement, params)
        cursor.execute("SELECT total_changes()")
        return cursor.fetchone()[0] - before


def test_a_title_norm_update_leaves_the_fts_row_alone(entry):
    # total_changes counts the rows triggers change too: the entry alone, not its FTS row
    assert changes_of("UPDATE wagtailsearch_indexentry SET title_norm = 0.5 WHERE id = %s", entry.pk) == 1
    assert changes_of("UPDATE wagtailsearch_indexentry SET body = body WHERE id = %s", entry.pk) > 1


def test_a_text_update_still_reaches_the_fts_table(entry):
    assert fts_rows(entry, "คำใหม่ทดสอบ") == []
    type(entry).objects.filter(pk=entry.pk).update(body=entry.body + " คำใหม่ทดสอบ")
    assert fts_rows(entry, "คำใหม่ทดสอบ") == [entry.pk]
