"""Wagtail's SQLite index copies an entry into its FTS table on every UPDATE of the entry,
also when only `title_norm` changed (set after each batch of new entries): a delete and
re-insert of every term of the page. The FTS row depends on the three text columns only,
so the trigger now fires on updates of those."""

from django.db import migrations

TRIGGER = "update_{base}_fts"
BODY = "BEGIN UPDATE {base}_fts SET title=NEW.title, body=NEW.body, autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END"


def _replace_trigger(schema_editor, columns):
    if schema_editor.connection.vendor != "sqlite":
        return
    from modelsearch.conf import get_app_config

    base = get_app_config().get_model("IndexEntry")._meta.db_table
    name = TRIGGER.format(base=base)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = %s", [name])
        if cursor.fetchone() is None:  # no FTS5 here: modelsearch uses its fallback
            return
        cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute(f"CREATE TRIGGER {name} AFTER UPDATE{columns} ON {base} {BODY.format(base=base)}")


def on_text_columns(apps, schema_editor):
    _replace_trigger(schema_editor, " OF title, body, autocomplete")


def on_every_update(apps, schema_editor):
    _replace_trigger(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_rebuild"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(on_text_columns, on_every_update)]
