"""RecordPage.record_year_be: get_year_be stored, so index pages filter and list years on an
indexed column. Existing rows are filled here; RecordPage.save() keeps it up to date."""

from django.db import migrations, models

from kb.thai.dates import BE_OFFSET

# Each kind's date rule as it stands at this migration (kb/models/kinds.py: exact_date_field,
# year_fields, exact_year_first), frozen: historical models carry no methods.
YEAR_RULES = {
    "regulationpage": ("effective_date", ("year_be",), False),
    "ethicscodepage": ("effective_date", ("year_be",), False),
    "moupage": ("signed_date", ("signed_to_be", "signed_from_be"), True),
    "cabinetresolutionpage": ("meeting_date", (), False),
    "newspage": ("date", (), False),
    "reportpage": ("date", ("fiscal_year_be",), False),
    "projectpage": ("", ("start_year_be", "end_year_be"), False),
}


def year_be(exact, declared, exact_year_first):
    """ExactDateOrYearMixin.get_year_be on plain values."""
    exact_year = exact.year + BE_OFFSET if exact else None
    declared_year = next((y for y in declared if y), None)
    if exact_year_first:
        return exact_year or declared_year
    return declared_year or exact_year


def fill_record_year_be(apps, schema_editor):
    RecordPage = apps.get_model("kb", "RecordPage")
    by_year = {}
    for model_name, (exact_field, year_fields, exact_year_first) in YEAR_RULES.items():
        model = apps.get_model("kb", model_name)
        columns = [exact_field] if exact_field else []
        for pk, *values in model.objects.values_list("pk", *columns, *year_fields).iterator():
            exact = values.pop(0) if exact_field else None
            year = year_be(exact, values, exact_year_first)
            if year:
                by_year.setdefault(year, []).append(pk)
    # One UPDATE per year (a few dozen), in chunks that fit any backend's parameter limit.
    for year, pks in by_year.items():
        for start in range(0, len(pks), 500):
            RecordPage.objects.filter(pk__in=pks[start : start + 500]).update(record_year_be=year)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_roles_and_review_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="recordpage",
            name="record_year_be",
            field=models.PositiveSmallIntegerField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.RunPython(fill_record_year_be, migrations.RunPython.noop, elidable=True),
    ]
