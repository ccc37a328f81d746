"""Dependencies point one way: search/ never imports the records app (kb), not even late
inside a function; kb tells search what to index through search.registry."""

import ast
from pathlib import Path

import pytest

SEARCH = Path(__file__).resolve().parents[2] / "search"


def imported_modules(path):
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_search_never_imports_kb():
    offenders = [
        f"{path.relative_to(SEARCH.parent)}: {module}"
        for path in sorted(SEARCH.rglob("*.py"))
        for module in imported_modules(path)
        if module == "kb" or module.startswith("kb.")
    ]
    assert not offenders


@pytest.mark.django_db
def test_kb_registers_its_records_as_the_source():
    from kb.labels import STATUS_LABELS, TYPE_LABELS
    from kb.models import RecordPage
    from search import registry

    source = registry.get_source()
    assert source.model is RecordPage
    assert registry.facet_labels() == {"type": TYPE_LABELS, "status": STATUS_LABELS}
    assert source.pages().count() == 38
