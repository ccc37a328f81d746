"""OCR of scanned pages (poppler + Tesseract), and what happens when it cannot run."""

import os
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

from kb import demo_files
from kb.extraction import ExtractionError, Limits, extract
from kb.extraction import ocr as ocr_mod
from kb.extraction import pdf as pdf_mod

pytestmark = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="OCR tools not installed: apt-get install tesseract-ocr tesseract-ocr-tha poppler-utils",
)

FIRST = "ข้อ ๑ ระเบียบนี้เรียกว่า ระเบียบว่าด้วยการรักษาความปลอดภัยของข้อมูล"
PHRASE = "ให้ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศจัดทำแผนสำรองฉุกเฉินและทดสอบแผนอย่างน้อยปีละหนึ่งครั้ง"
PACKAGES = "tesseract-ocr tesseract-ocr-tha poppler-utils"


def words_found(expected: str, text: str) -> float:
    from search.analysis import segment

    words = [w for w in segment(expected) if w.strip()]
    squashed = "".join(text.split())
    return sum(1 for w in words if w in squashed) / len(words)


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory):
    return demo_files.build_scan_pdf(tmp_path_factory.mktemp("scan") / "scan.pdf", [FIRST, PHRASE], dpi=200)


@pytest.fixture(scope="module")
def ocr_result(scan_pdf):
    return extract(scan_pdf)


def test_scan_has_no_text_layer(scan_pdf):
    assert all(not (page.extract_text() or "").strip() for page in PdfReader(scan_pdf).pages)


def test_scanned_pages_are_read_by_ocr(ocr_result):
    assert (ocr_result.kind, ocr_result.page_count, ocr_result.ocr_used, ocr_result.language) == ("pdf", 2, True, "th")
    assert [(p.number, p.source) for p in ocr_result.pages] == [(1, "ocr"), (2, "ocr")]
    assert words_found(PHRASE, ocr_result.pages[1].text) >= 0.8
    assert words_found(FIRST, ocr_result.pages[0].text) >= 0.8
    assert words_found(PHRASE, ocr_result.pages[0].text) < 0.5  # the phrase is on page 2
    assert "\u0e4d\u0e32" not in ocr_result.text  # Tesseract's split sara am is repaired


def test_two_workers_read_the_same_text(scan_pdf, ocr_result):
    assert extract(scan_pdf, workers=2).pages == ocr_result.pages


def test_ocr_false_leaves_scans_empty(scan_pdf):
    result = extract(scan_pdf, ocr=False)
    assert [p.text for p in result.pages] == ["", ""] and not result.ocr_used


def test_scan_with_a_thin_text_layer_is_read_by_ocr(tmp_path, scan_pdf):
    """A scanned page with a typed page number on it: the OCR text has far more letters."""
    stamp = demo_files.build_text_pdf(tmp_path / "stamp.pdf", ["หน้า ๒"])
    writer = PdfWriter(clone_from=PdfReader(scan_pdf))
    writer.pages[1].merge_page(PdfReader(stamp).pages[0])
    with open(tmp_path / "stamped.pdf", "wb") as out:
        writer.write(out)
    result = extract(tmp_path / "stamped.pdf", limits=Limits(ocr_dpi=200))
    assert result.pages[1].source == "ocr"
    assert words_found(PHRASE, result.pages[1].text) >= 0.8


def test_garbage_layer_is_replaced_by_ocr(tmp_path):
    mojibake = "ÃÐàºÕÂº¡ÃÐ·ÃÇ§´Ô¨Ô·ÑÅà¾×èÍàÈÃÉ°¡Ô¨áÅÐÊÑ§¤Á " * 3
    result = extract(demo_files.build_text_pdf(tmp_path / "latin1.pdf", [mojibake], shaping=False))
    assert result.pages[0].source == "ocr" and result.ocr_used


def test_image_over_max_pixels_is_a_bomb(scan_pdf):
    with pytest.raises(ExtractionError) as caught:
        extract(scan_pdf, limits=Limits(max_pixels=1_000_000))  # the scan is 1654 x 2339
    assert caught.value.code == "bomb"


def test_rendering_resolution_is_lowered_to_max_pixels(scan_pdf, monkeypatch):
    seen = []
    monkeypatch.setattr(ocr_mod, "ocr_page", lambda tools, pdf, number, dpi, limits: seen.append(dpi) or "ข้อความ")
    extract(scan_pdf, limits=Limits(max_pixels=5_000_000))
    # A4 at 300 dpi is 8.7 million pixels; the largest resolution within 5 million is 227 dpi
    assert seen == [227, 227]
    assert pdf_mod.MIN_OCR_DPI < 227


def _fake_bin(tmp_path, tesseract_script=None):
    """A PATH with the real pdftoppm and, optionally, a fake tesseract."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("pdftoppm"), bin_dir / "pdftoppm")
    if tesseract_script is not None:
        fake = bin_dir / "tesseract"
        fake.write_text("#!/bin/sh\n" + tesseract_script)
        fake.chmod(0o755)
    return str(bin_dir)


LIST_LANGS = (
    'if [ "$1" = "--list-langs" ]; then echo "List of available languages (2):"; echo eng; echo tha; exit 0; fi\n'
)


def test_tesseract_missing(tmp_path, scan_pdf, monkeypatch):
    monkeypatch.setenv("PATH", _fake_bin(tmp_path))
    with pytest.raises(ExtractionError) as caught:
        extract(scan_pdf)
    assert caught.value.code == "ocr_missing"
    assert PACKAGES in caught.value.reason_th and PACKAGES in caught.value.reason_en
    assert "tesseract" in caught.value.reason_en


def test_all_ocr_tools_missing(tmp_path, scan_pdf, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExtractionError) as caught:
        extract(scan_pdf)
    assert "tesseract, pdftoppm" in caught.value.reason_en and PACKAGES in str(caught.value)


def test_thai_language_data_missing(tmp_path, scan_pdf, monkeypatch):
    script = 'if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo eng; fi\n'
    monkeypatch.setenv("PATH", _fake_bin(tmp_path, script))
    with pytest.raises(ExtractionError) as caught:
        extract(scan_pdf)
    assert caught.value.code == "ocr_missing" and "Thai language data" in caught.value.reason_en


def test_ocr_timeout(tmp_path, scan_pdf, monkeypatch):
    monkeypatch.setenv("PATH", _fake_bin(tmp_path, LIST_LANGS + f"exec {shutil.which('sleep')} 30\n"))
    with pytest.raises(ExtractionError) as caught:
        extract(scan_pdf, limits=Limits(ocr_timeout_s=3, ocr_dpi=72))
    assert caught.value.code == "ocr_timeout"
    assert "เกินกำหนด" in caught.value.reason_th and "longer than 3 s" in caught.value.reason_en


def test_ocr_failure_names_the_page(tmp_path, scan_pdf, monkeypatch):
    monkeypatch.setenv("PATH", _fake_bin(tmp_path, LIST_LANGS + "echo 'Error: cannot read input' >&2; exit 1\n"))
    with pytest.raises(ExtractionError) as caught:
        extract(scan_pdf, limits=Limits(ocr_dpi=72))
    assert caught.value.code == "ocr_failed"
    assert "page 1" in caught.value.reason_en and "cannot read input" in caught.value.reason_en


def test_clean_ocr_text_drops_specks_and_repairs():
    raw = "| ระเบียบกระทรวง จัดทํา แผน    |\n\n\n. สํารองฉุกเฉิน .\n|\n- ข้อ ๑\n5,ติดตามผล 1,500 บาท\f"
    assert ocr_mod.clean_ocr_text(raw) == "ระเบียบกระทรวง จัดทำแผน\n\nสำรองฉุกเฉิน\n\n- ข้อ ๑\n5.ติดตามผล 1,500 บาท"


def test_ocr_failing_on_a_page_with_a_thin_layer_keeps_the_layer(tmp_path, monkeypatch):
    scan = demo_files.build_scan_pdf(tmp_path / "one.pdf", [PHRASE], dpi=100)
    stamp = demo_files.build_text_pdf(tmp_path / "stamp.pdf", ["หน้า ๒"])
    writer = PdfWriter(clone_from=PdfReader(scan))
    writer.pages[0].merge_page(PdfReader(stamp).pages[0])
    with open(tmp_path / "stamped.pdf", "wb") as out:
        writer.write(out)
    monkeypatch.setenv("PATH", _fake_bin(tmp_path, LIST_LANGS + "exit 1\n"))
    result = extract(tmp_path / "stamped.pdf", limits=Limits(ocr_dpi=72))
    assert [(p.text, p.source) for p in result.pages] == [("หน้า ๒", "layer")]
