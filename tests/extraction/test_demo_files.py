"""kb.demo_files: the builders used by the tests, the benchmark and the demo."""

import pytest
from docx import Document
from pypdf import PdfReader

from kb import demo_files


def test_thai_font_path_is_a_tlwg_font():
    path = demo_files.thai_font_path()
    assert path.is_file() and path.suffix == ".ttf"
    assert demo_files.thai_font_path("Garuda.ttf").name == "Garuda.ttf"


def test_missing_font_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setattr(demo_files, "FONT_DIRS", (tmp_path,))
    monkeypatch.setattr(demo_files.shutil, "which", lambda name: None)
    with pytest.raises(demo_files.FontMissing, match="fonts-thai-tlwg"):
        demo_files.thai_font_path()


def test_text_pdf_pages_title_and_layer(tmp_path):
    path = demo_files.build_text_pdf(tmp_path / "t.pdf", ["หน้าหนึ่ง", "หน้าสอง"], title="ชื่อเอกสาร")
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert reader.metadata.title == "ชื่อเอกสาร"
    assert reader.pages[1].extract_text() == "หน้าสอง"


def test_scan_pdf_is_images_only(tmp_path):
    path = demo_files.build_scan_pdf(tmp_path / "s.pdf", ["หน้าหนึ่ง", "หน้าสอง"], dpi=100)
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert all(not page.extract_text().strip() and page.images for page in reader.pages)


def test_docx(tmp_path):
    path = demo_files.build_docx(tmp_path / "d.docx", ["หนึ่ง", "สอง"])
    assert [p.text for p in Document(str(path)).paragraphs] == ["หนึ่ง", "สอง"]


def test_wrap_never_splits_before_a_mark():
    lines = demo_files.wrap_thai("ก้" * 30, 10, len)
    assert all(not line or line[0] != "\u0e49" for line in lines)
    assert "".join(lines) == "ก้" * 30


def test_legacy_pua_round_trips_through_repair():
    from kb.thai.pdf_repair import repair_thai_chars

    text = "ปี่ ฟ้า ญี่ปุ่น ฐุ ฎุ น้ำ ที่นี่ แม่ ป่ำ"
    legacy = demo_files.legacy_pua(text)
    assert legacy != text and any("\uf700" <= ch <= "\uf71a" for ch in legacy)
    assert repair_thai_chars(legacy) == text
