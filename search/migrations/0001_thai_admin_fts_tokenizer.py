"""Recreate Wagtail's SQLite FTS table with the `ascii` tokenizer.

The default `unicode61` tokenizer treats Thai vowel and tone marks as separators, so
Thai words are cut into meaningless pieces. With `ascii`, every non-ASCII character is a
token character and our pre-analysed, space-separated Thai terms stay whole.
"""
from django.db import migrations


def fts_table(apps):
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table + "_fts"


def use_ascii_tokenizer(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    table = fts_table(apps)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = %s", [table])
        if cursor.fetchone() is None:
            return
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(autocomplete, body, title, tokenize='ascii')")
        base = table[: -len("_fts")]
        cursor.execute(f"INSERT INTO {table}(rowid, title, body, autocomplete) SELECT id, title, body, autocomplete FROM {base}")


def use_default_tokenizer(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    table = fts_table(apps)
    base = table[: -len("_fts")]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(autocomplete, body, title)")
        cursor.execute(f"INSERT INTO {table}(rowid, title, body, autocomplete) SELECT id, title, body, autocomplete FROM {base}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(use_ascii_tokenizer, use_default_tokenizer)]
