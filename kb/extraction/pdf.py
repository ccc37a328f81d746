"""PDFs: the text layer of each page through pypdf (repaired as Thai), and OCR for the
pages whose layer is missing, garbage or too thin (see ``quality``), one page at a time.

pypdf was chosen over pdfminer.six on Thai PDFs (docs/extraction.md has the figures):
its text was right where pdfminer's layout analysis cut lines before every raised vowel
and tone mark, and it was faster."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kb.thai.pdf_repair import repair_thai

from . import ocr as ocr_mod
from .limits import Limits
from .quality import ocr_is_better, verdict
from .result import Extraction, ExtractionError, PageText, detect_language

__all__ = ["extract_pdf"]

MIN_OCR_DPI = 50


def extract_pdf(path: Path, limits: Limits, *, ocr: bool = True, workers: int = 1) -> Extraction:
    _check_complete(path)
    reader = _open(path)
    count = _page_count(reader)
    if count > limits.max_pages:
        raise ExtractionError(
            f"PDF มี {count} หน้า เกินกำหนด {limits.max_pages} หน้า",
            f"the PDF has {count} pages, more than the limit of {limits.max_pages}",
            code="too_many_pages",
        )
    pages: list[PageText | None] = [None] * count
    todo: list[tuple[int, int, str, str]] = []  # (number, dpi, layer text, verdict)
    for index in range(count):
        number = index + 1
        page = _page(reader, index)
        text = repair_thai(_layer(page))
        largest = _largest_image(page)
        judged = verdict(text, largest)
        if judged == "ok" or (judged == "empty" and _looks_blank(page)):
            pages[index] = PageText(number, text, "layer")
        elif not ocr:
            pages[index] = PageText(number, "" if judged == "garbage" else text, "layer")
        else:
            todo.append((number, _ocr_dpi(page, number, largest, limits), text, judged))
    if todo:
        # A sparse page has a layer: OCR can only improve it, so without the OCR tools, or
        # when OCR fails on it, the layer stays. Pages with no usable layer need OCR.
        needed = any(judged != "sparse" for _n, _d, _t, judged in todo)
        try:
            tools = ocr_mod.find_tools()
        except ExtractionError:
            if needed:
                raise
            tools = None
        reads = _ocr_pages(tools, path, todo, limits, workers) if tools else [None] * len(todo)
        for (number, _dpi, text, judged), read in zip(todo, reads):
            if read is not None and (judged != "sparse" or ocr_is_better(text, read)):
                pages[number - 1] = PageText(number, read, "ocr")
            else:
                pages[number - 1] = PageText(number, text, "layer")
    done = [page for page in pages if page is not None]
    return Extraction(
        kind="pdf",
        pages=done,
        page_count=count,
        language=detect_language("\n".join(page.text for page in done)),
        ocr_used=any(page.source == "ocr" for page in done),
    )


def _corrupt(detail: str) -> ExtractionError:
    return ExtractionError(
        f"ไฟล์ PDF เสียหาย เปิดไม่ได้ ({detail})", f"the PDF is damaged and cannot be read ({detail})", code="corrupt"
    )


def _check_complete(path: Path) -> None:
    """A PDF ends with %%EOF: without it the upload or download was cut short."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise ExtractionError(
            "ไฟล์ PDF ไม่สมบูรณ์ (ถูกตัดท้าย) อาจอัปโหลดหรือดาวน์โหลดไม่ครบ",
            "the PDF is incomplete (truncated): the upload or download was cut short",
            code="corrupt",
        )


def _open(path: Path):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise _corrupt(type(exc).__name__) from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except (DependencyError, NotImplementedError) as exc:
            raise ExtractionError(
                "PDF นี้เข้ารหัสด้วยวิธีที่ยังเปิดไม่ได้", f"the PDF is encrypted in a way not supported: {exc}", code="encrypted"
            ) from exc
        except (PdfReadError, ValueError, KeyError, TypeError) as exc:
            raise _corrupt(type(exc).__name__) from exc
        if not opened:
            raise ExtractionError(
                "PDF นี้ตั้งรหัสผ่านไว้ ต้องใช้รหัสผ่านจึงจะเปิดได้ ให้อัปโหลดฉบับที่ไม่มีรหัสผ่าน",
                "the PDF is protected by a password: upload a copy without one",
                code="encrypted",
            )
    return reader


def _page_count(reader) -> int:
    try:
        return len(reader.pages)
    except Exception as exc:  # a broken page tree: pypdf raises many kinds
        raise _corrupt(type(exc).__name__) from exc


def _page(reader, index: int):
    try:
        return reader.pages[index]
    except Exception as exc:
        raise _corrupt(f"page {index + 1}: {type(exc).__name__}") from exc


def _layer(page) -> str:
    """The page's text layer ('' when there is none or it cannot be decoded)."""
    try:
        return page.extract_text() or ""
    except Exception:  # a damaged content stream or font: the page goes to OCR
        return ""


def _xobjects(resources, depth: int = 0, seen: set | None = None):
    """Image and form XObjects of a resource dictionary, forms followed (to depth 5)."""
    seen = set() if seen is None else seen
    try:
        xobjects = (resources or {}).get("/XObject") or {}
        items = list(xobjects.get_object().values())
    except Exception:
        return
    for ref in items:
        key = getattr(ref, "idnum", None) or id(ref)
        if key in seen:
            continue
        seen.add(key)
        try:
            obj = ref.get_object()
            subtype = obj.get("/Subtype")
        except Exception:
            continue
        yield obj, subtype
        if subtype == "/Form" and depth < 5:
            yield from _xobjects(obj.get("/Resources"), depth + 1, seen)


def _largest_image(page) -> int:
    """Pixels (declared width x height) of the page's largest image; nothing is decoded."""
    largest = 0
    for obj, subtype in _xobjects(page.get("/Resources")):
        if subtype == "/Image":
            try:
                largest = max(largest, int(obj.get("/Width", 0)) * int(obj.get("/Height", 0)))
            except (TypeError, ValueError):
                continue
    return largest


def _looks_blank(page) -> bool:
    """No images or forms and (almost) nothing drawn: a blank page needs no OCR."""
    if any(True for _ in _xobjects(page.get("/Resources"))):
        return False
    try:
        contents = page.get_contents()
        return contents is None or len(contents.get_data()) < 200
    except Exception:
        return False


def _ocr_dpi(page, number: int, largest_image: int, limits: Limits) -> int:
    """The rendering resolution for OCR: limits.ocr_dpi, lowered so the page image stays
    within limits.max_pixels; a page image declaring more pixels than that is a bomb."""
    if largest_image > limits.max_pixels:
        raise _bomb(number, f"{largest_image:,}")
    try:
        box = page.cropbox
        width, height = abs(float(box.width)), abs(float(box.height))
    except Exception:
        width, height = 595.0, 842.0
    dpi = limits.ocr_dpi
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels > limits.max_pixels:
        dpi = int(dpi * math.sqrt(limits.max_pixels / pixels))
        if dpi < MIN_OCR_DPI:
            raise _bomb(number, f"{pixels:,.0f}")
    return dpi


def _bomb(number: int, pixels: str) -> ExtractionError:
    return ExtractionError(
        f"ภาพในหน้า {number} ใหญ่ผิดปกติ ({pixels} พิกเซล) อาจเป็นไฟล์อันตราย (decompression bomb) จึงไม่ทำ OCR",
        f"the image of page {number} is abnormally large ({pixels} pixels): a decompression bomb, not OCR'd",
        code="bomb",
    )


def _ocr_pages(tools, path: Path, todo, limits: Limits, workers: int) -> list[str | None]:
    """The OCR text of each page to do (None for a sparse page OCR failed on)."""
    jobs = [(tools, path, number, dpi, limits, judged == "sparse") for number, dpi, _text, judged in todo]
    if workers <= 1 or len(jobs) == 1:
        return [_ocr_job(*job) for job in jobs]
    # Each page is two subprocesses: threads are enough to keep `workers` cores busy.
    with ThreadPoolExecutor(max_workers=min(workers, len(jobs)), thread_name_prefix="kb-ocr") as pool:
        futures = [pool.submit(_ocr_job, *job) for job in jobs]
        try:
            return [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            raise


def _ocr_job(tools, path: Path, number: int, dpi: int, limits: Limits, optional: bool) -> str | None:
    try:
        return ocr_mod.ocr_page(tools, path, number, dpi, limits)
    except ExtractionError as exc:
        if optional and exc.code in ("ocr_timeout", "ocr_failed", "corrupt"):
            return None
        raise
