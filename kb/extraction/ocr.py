"""OCR of one PDF page: poppler's pdftoppm renders it, Tesseract reads it (Thai + English).

Debian packages: tesseract-ocr tesseract-ocr-tha poppler-utils. One page at a time, each
in its own temporary directory (a 300 dpi A4 page is about 9 MB of grey pixels), both tools
as subprocesses with a timeout. The page is rendered grey as PGM (no compression to pay
for), cleaned of specks by a 3x3 median filter (measured on noisy scans: character errors
from ~2 % down to ~1 %, unchanged on clean ones at 16 pt), and read with ``--psm 3``.
Tesseract runs single-threaded (OMP_THREAD_LIMIT=1): its OpenMP threads make one page five
times slower on two cores, and pages are run in parallel instead (``extract(workers=)``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kb.thai.pdf_repair import repair_thai

from .limits import Limits
from .result import ExtractionError

__all__ = ["OcrTools", "clean_ocr_text", "find_tools", "ocr_page"]

PACKAGES = "tesseract-ocr tesseract-ocr-tha poppler-utils"


@dataclass(frozen=True)
class OcrTools:
    pdftoppm: str
    tesseract: str
    languages: str  # "tha+eng", or "tha" when English is not installed


def find_tools() -> OcrTools:
    """The OCR programs on PATH; ExtractionError naming the Debian packages when missing."""
    pdftoppm, tesseract = shutil.which("pdftoppm"), shutil.which("tesseract")
    missing = [name for name, found in (("tesseract", tesseract), ("pdftoppm", pdftoppm)) if not found]
    if missing:
        raise ExtractionError(
            f"ต้องใช้ OCR แต่ไม่พบโปรแกรม {', '.join(missing)} ผู้ดูแลระบบต้องติดตั้งด้วย apt-get install {PACKAGES}",
            f"OCR is needed but {', '.join(missing)} is not installed: apt-get install {PACKAGES}",
            code="ocr_missing",
        )
    languages = _languages(tesseract, os.stat(tesseract).st_mtime)
    if "tha" not in languages:
        raise ExtractionError(
            f"ต้องใช้ OCR แต่ Tesseract ไม่มีข้อมูลภาษาไทย ผู้ดูแลระบบต้องติดตั้งด้วย apt-get install {PACKAGES}",
            f"OCR is needed but Tesseract has no Thai language data: apt-get install {PACKAGES}",
            code="ocr_missing",
        )
    return OcrTools(pdftoppm, tesseract, "tha+eng" if "eng" in languages else "tha")


@functools.lru_cache(maxsize=8)
def _languages(tesseract: str, mtime: float) -> frozenset[str]:
    try:
        done = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=60, check=False, env=_env()
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def ocr_page(tools: OcrTools, pdf: Path, number: int, dpi: int, limits: Limits) -> str:
    """The text of page ``number`` of ``pdf`` read by OCR at ``dpi``, cleaned and repaired."""
    with tempfile.TemporaryDirectory(prefix="kb-ocr-") as tmp:
        base = Path(tmp) / "page"
        _run(
            [tools.pdftoppm, "-r", str(dpi), "-f", str(number), "-l", str(number), "-gray", "-singlefile"]
            + [str(pdf), str(base)],
            number,
            limits,
            "pdftoppm",
        )
        image = base.with_suffix(".pgm")
        if not image.exists():
            raise ExtractionError(
                f"สร้างภาพของหน้า {number} เพื่อทำ OCR ไม่ได้ (หน้าเสียหาย)",
                f"page {number} could not be rendered for OCR (damaged page)",
                code="corrupt",
            )
        _despeckle(image)
        output = _run(
            [tools.tesseract, str(image), "stdout", "-l", tools.languages, "--psm", "3"], number, limits, "tesseract"
        )
    return clean_ocr_text(output.decode("utf-8", errors="replace"))


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _run(command: list[str], number: int, limits: Limits, tool: str) -> bytes:
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=limits.ocr_timeout_s,
            check=False,
            env=_env(),
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError(
            f"OCR หน้า {number} ใช้เวลานานเกินกำหนด ({limits.ocr_timeout_s:g} วินาที, {tool})",
            f"OCR of page {number} took longer than {limits.ocr_timeout_s:g} s ({tool})",
            code="ocr_timeout",
        ) from exc
    except OSError as exc:
        raise ExtractionError(
            f"เรียกโปรแกรม {tool} ไม่ได้: {exc.strerror}", f"cannot run {tool}: {exc.strerror}", code="ocr_missing"
        ) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        raise ExtractionError(
            f"OCR หน้า {number} ไม่สำเร็จ ({tool}: {detail[0][:200]})",
            f"OCR of page {number} failed ({tool}: {detail[0][:200]})",
            code="ocr_failed",
        )
    return done.stdout


def _despeckle(image: Path) -> None:
    """A 3x3 median filter over the page image, in place (skipped when Pillow would
    refuse the image's size: the rendering resolution already keeps it within max_pixels)."""
    import warnings

    from PIL import Image, ImageFilter

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(image) as page:
                cleaned = page.convert("L").filter(ImageFilter.MedianFilter(3))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError, OSError):
        return
    cleaned.save(image)


# Specks read as punctuation: a run of these, alone at the start or end of a line.
_JUNK = r"[|'`_~.,:;!*\"“”‘’()\[\]{}]"
_LEADING_JUNK_RE = re.compile(rf"^(?:{_JUNK}+\s+)+")
_TRAILING_JUNK_RE = re.compile(rf"(?:\s+(?:{_JUNK}|-)+)+$")
_JUNK_LINE_RE = re.compile(rf"^(?:{_JUNK}|[-\s])*$")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
# "5." of a numbered list read as "5," (the dot is a speck's size)
_LIST_NUMBER_RE = re.compile(r"^(\d{1,3}|[๐-๙]{1,3}),(?=\s*[\u0e01-\u0e4e])")


def clean_ocr_text(text: str) -> str:
    """Tesseract's output without the punctuation specks make at line ends, without
    runs of blank lines, with "5," at the start of a line read back as the list number
    "5.", and repaired as Thai (sara am, spaces inside words...)."""
    lines = []
    for line in text.replace("\f", "\n").splitlines():
        line = line.strip()
        if _JUNK_LINE_RE.match(line):
            lines.append("")
            continue
        line = _TRAILING_JUNK_RE.sub("", _LEADING_JUNK_RE.sub("", line))
        line = _LIST_NUMBER_RE.sub(r"\1.", line)
        lines.append(line)
    cleaned = _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
    return repair_thai(cleaned)
