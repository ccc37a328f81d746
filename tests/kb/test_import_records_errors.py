"""import_records refuses bad values with the line and field named, in Thai and English,
and writes nothing: limits come from the model fields (length, URL, slug), plus control
characters and lone surrogates; unreadable paths are clear CommandErrors."""

import json
import os

import pytest
from django.core.management import CommandError, call_command

from kb.models import RecordPage
from tests.builders import record_line

pytestmark = pytest.mark.django_db


def write(tmp_path, lines):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def escaped_line(**fields):
    """A record line with every non-ASCII character as a JSON escape (so a lone surrogate survives UTF-8)."""
    return json.dumps(json.loads(record_line(**fields)))


def import_error(tmp_path, bad_line):
    """Import a good line, the bad one (line 2) and another good one; return the error text."""
    before = RecordPage.objects.count()
    lines = [record_line(identifier="err-good-1"), bad_line, record_line(identifier="err-good-3")]
    with pytest.raises(CommandError) as excinfo:
        call_command("import_records", write(tmp_path, lines), "--publish", verbosity=0)
    assert RecordPage.objects.count() == before
    assert not RecordPage.objects.filter(identifier__startswith="err-").exists()
    message = str(excinfo.value)
    assert "บรรทัด 2" in message and "line 2" in message
    assert "Traceback" not in message
    return message


BAD_VALUES = [
    (record_line(identifier="err bad/slug"), "identifier"),  # becomes the page slug
    (record_line(identifier="err-agency", agency="ก" * 256), "agency"),
    (record_line(identifier="err-url", source_url="not a url"), "source_url"),
    (record_line(identifier="err-url2", source_url="javascript:alert(1)"), "source_url"),
    (record_line(identifier="err-lang", language="thai-language"), "language"),
    (record_line(identifier="err-issuer", type="regulation", issuer="x" * 300), "issuer"),
    (record_line(identifier="err-subject", subjects=["ก" * 101]), "subjects"),
    (escaped_line(identifier="err-surrogate", title="ข่าว \ud800"), "title"),
    (escaped_line(identifier="err-surrogate2", type="mou", parties=["ก", "\udfff"]), "parties"),
    (record_line(identifier="err-nul", title="ข่าว\u0000ซ่อน"), "title"),
    (record_line(identifier="err-ctrl", agency="กระทรวง\u001b[31m"), "agency"),
]


@pytest.mark.parametrize(
    "bad_line, field", BAD_VALUES, ids=[json.loads(line)["identifier"] for line, _field in BAD_VALUES]
)
def test_bad_values_name_line_and_field(tmp_path, bad_line, field):
    message = import_error(tmp_path, bad_line)
    assert f"ช่อง {field}" in message and f"field {field}" in message


def test_messages_are_bilingual(tmp_path):
    message = import_error(tmp_path, record_line(identifier="err-agency", agency="ก" * 256))
    assert "255" in message
    assert "Ensure this value has at most 255 characters" in message  # Django's own English message


def test_a_lone_surrogate_escape_in_the_json_text(tmp_path):
    """The JSON escape itself, as a file would hold it (json.dumps would escape it the same way)."""
    line = json.dumps({"identifier": "err-raw", "type": "news", "title": "x\ud800"})
    assert "\\ud800" in line
    message = import_error(tmp_path, line)
    assert "field title" in message and "U+D800" in message


def test_tabs_and_line_breaks_in_the_body_are_fine(tmp_path):
    line = record_line(identifier="ok-body", body="ย่อหน้าแรก\r\nย่อหน้า\tสอง")
    call_command("import_records", write(tmp_path, [line]), verbosity=0)
    assert RecordPage.objects.filter(identifier="ok-body").exists()


def test_a_line_separator_inside_a_string_does_not_split_the_line(tmp_path):
    line = record_line(identifier="ok-u2028", title="หัวเรื่อง\u2028ต่อ")
    assert "\u2028" in line
    call_command("import_records", write(tmp_path, [line]), verbosity=0)
    assert RecordPage.objects.filter(identifier="ok-u2028").exists()


def test_a_slug_taken_by_a_sibling_names_the_line(tmp_path):
    """Two identifiers differing only in case make the same slug: found on write, still line 2."""
    first, second = record_line(identifier="Err-Case"), record_line(identifier="err-case")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_records", write(tmp_path, [first, second]), verbosity=0)
    assert "บรรทัด 2" in str(excinfo.value) and "field identifier" in str(excinfo.value)
    assert not RecordPage.objects.filter(identifier__iexact="err-case").exists()


def test_a_directory_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="directory"):
        call_command("import_records", str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "secret.jsonl"
    path.write_text(record_line() + "\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(CommandError, match="cannot read"):
            call_command("import_records", str(path))
    finally:
        path.chmod(0o600)
