"""Limits (with and without Django settings), ExtractionError, language detection, quality."""

import subprocess
import sys
from pathlib import Path

from kb.extraction import ExtractionError, Limits
from kb.extraction.quality import ocr_is_better, verdict
from kb.extraction.result import detect_language

ROOT = Path(__file__).resolve().parents[2]


def test_defaults():
    limits = Limits()
    assert (limits.max_bytes, limits.max_pages, limits.ocr_dpi) == (100 * 1024 * 1024, 1000, 300)
    assert limits.max_pixels == 89_478_485  # Pillow's Image.MAX_IMAGE_PIXELS


def test_from_settings_reads_django_settings(settings):
    settings.KB_EXTRACT_MAX_BYTES = 1234
    settings.KB_EXTRACT_MAX_PAGES = 7
    settings.KB_EXTRACT_MAX_PIXELS = 5_000_000
    settings.KB_EXTRACT_OCR_TIMEOUT = 9
    assert Limits.from_settings() == Limits(max_bytes=1234, max_pages=7, max_pixels=5_000_000, ocr_timeout_s=9.0)


def test_from_settings_without_django():
    code = "from kb.extraction import Limits; assert Limits.from_settings() == Limits(); print('ok')"
    env = {"PATH": "/usr/bin:/bin", "PYTHAINLP_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_error_reads_thai_then_english():
    error = ExtractionError("ไฟล์เสียหาย", "damaged file", code="corrupt")
    assert str(error) == "ไฟล์เสียหาย (damaged file)"
    assert (error.reason_th, error.reason_en, error.code) == ("ไฟล์เสียหาย", "damaged file", "corrupt")


def test_language():
    assert detect_language("ระเบียบกระทรวง") == "th"
    assert detect_language("Memorandum of Understanding") == "en"
    assert detect_language("บันทึกความเข้าใจ Memorandum") == "th,en"
    assert detect_language("๑๒๓ 2567") == "th"
    assert detect_language("ระเบียบกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (DE)") == "th"


def test_layer_verdicts():
    assert verdict("") == "empty"
    assert verdict("ระเบียบกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ว่าด้วยการจัดทำแผน") == "ok"
    assert verdict("หน้า ๑") == "sparse"
    assert verdict("\ufffd\ufffd\ufffd ระเบียบ \ue001\ue002\ue003\ue004") == "garbage"
    assert verdict("!@#$%^&*()_+=-{}[]|;:<>?/~`" * 2) == "garbage"
    assert verdict("ÃÐàºÕÂº¡ÃÐ·ÃÇ§´Ô¨Ô·ÑÅ") == "garbage"
    typed_footer = "เอกสารนี้ลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์"
    assert verdict(typed_footer) == "ok"
    assert verdict(typed_footer, largest_image=3_000_000) == "sparse"  # a scan with a typed footer


def test_ocr_must_be_clearly_better_for_a_sparse_layer():
    assert ocr_is_better("หน้า ๑", "หน้า ๑ ระเบียบกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม")
    assert not ocr_is_better("หน้า ๑", "หน้า ๑ ก")
