"""Text extraction (kb.extraction): speed, OCR accuracy, repair of broken Thai PDFs.

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_extract.py [--pages 50] [--ocr-pages 4] [--compare]

Every file is built here (kb.demo_files) from the demo records' text (fixtures/records.jsonl),
so the known text is the truth. Prints:

- text-PDF extraction, pages/s: a --pages page Thai PDF with a text layer (build_text_pdf);
- OCR, pages/s, on --ocr-pages scanned pages (build_scan_pdf, 200 dpi, slight tilt and
  specks; rendered at 300 dpi), one page at a time (workers=1) and two in parallel
  (workers=2, one Tesseract per core);
- OCR character error rate against the known text: Levenshtein distance / length, both
  sides with whitespace removed (Tesseract's spacing in Thai is not a character error);
- words recovered from broken text layers: strings and PDFs with the known breakages
  (spaces and hyphens inside words, split sara am, เเ, tone marks before vowels, private-use
  glyphs of old fonts, zero-width and control characters, gaps after sara am), repaired by
  kb.thai.pdf_repair; words = the search dictionary's segmentation of the true text, found in
  order in the repaired text's;
- peak memory: ru_maxrss of this process, and the peak of pdftoppm and Tesseract on one
  page (VmHWM; ru_maxrss of children would count the forking process's pages too);
- --compare: pypdf against pdfminer.six (when installed) on the same PDFs: correctness after
  repair and speed (the evidence in docs/extraction.md).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from kb import demo_files  # noqa: E402
from kb.extraction import extract  # noqa: E402
from kb.thai.pdf_repair import repair_thai  # noqa: E402

RECORDS = ROOT / "fixtures" / "records.jsonl"
PAGE_CHARS = 1200  # about a 16 pt A4 page


def corpus_pages(n: int, offset: int = 0) -> list[str]:
    """``n`` page-sized chunks of the demo records' bodies, cut at line ends."""
    lines = []
    for line in RECORDS.read_text(encoding="utf-8").splitlines():
        body = json.loads(line).get("body", "")
        lines += [x.strip() for x in body.splitlines() if len(re.findall("[\u0e01-\u0e4e]", x)) > 20]
    pages, page = [], ""
    i = offset
    while len(pages) < n:
        candidate = lines[i % len(lines)]
        i += 1
        if len(page) + len(candidate) > PAGE_CHARS and page:
            pages.append(page)
            page = ""
        page += candidate[:PAGE_CHARS] + "\n"
    return pages


def levenshtein(a: str, b: str) -> int:
    """Edit distance, computed in a diagonal band that widens until it holds the answer
    (O(length x distance): fast for the small distances measured here)."""
    band = max(32, 2 * abs(len(a) - len(b)))
    while True:
        distance = _banded(a, b, band)
        if distance <= band or band >= max(len(a), len(b)):
            return distance
        band *= 2


def _banded(a: str, b: str, band: int) -> int:
    big = len(a) + len(b) + 1
    previous = {j: j for j in range(min(len(b), band) + 1)}
    for i in range(1, len(a) + 1):
        current = {}
        for j in range(max(0, i - band), min(len(b), i + band) + 1):
            if j == 0:
                current[j] = i
                continue
            current[j] = min(
                previous.get(j, big) + 1,
                current.get(j - 1, big) + 1,
                previous.get(j - 1, big) + (a[i - 1] != b[j - 1]),
            )
        previous = current
    return previous.get(len(b), big)


def _strip(text: str) -> str:
    return re.sub(r"\s+", "", text)


def cer(truth: str, got: str) -> float:
    """Character error rate, whitespace ignored on both sides."""
    a, b = _strip(truth), _strip(got)
    return levenshtein(a, b) / max(1, len(a))


def _words(text: str) -> list[str]:
    from search.analysis import segment

    return list(segment(text))


def words_recovered(truth: str, got: str) -> tuple[int, int]:
    """(words of ``truth`` found intact in ``got``, words of ``truth``). Words are the
    search dictionary's segmentation of the truth; a word is intact when its characters
    are all in ``got``, in a row, with no space, hyphen or other character inside it.
    Whitespace between words does not matter (a space that was joined is no loss)."""
    spans, at = [], 0
    for piece in _words(truth):
        size = sum(1 for ch in piece if not ch.isspace())
        if size and re.search(r"\w", piece):
            spans.append((at, at + size))
        at += size
    stripped = "".join(ch for ch in truth if not ch.isspace())
    kept, breaks, space = [], [], False
    for ch in got:
        if ch.isspace():
            space = True
            continue
        kept.append(ch)
        breaks.append(space)
        space = False
    matcher = difflib.SequenceMatcher(None, stripped, "".join(kept), autojunk=False)
    where = [-1] * len(stripped)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            where[a + k] = b + k
    found = 0
    for start, end in spans:
        first = where[start]
        if first >= 0 and all(where[k] == first + k - start for k in range(start, end)):
            found += not any(breaks[first + k] for k in range(1, end - start))
    return found, len(spans)


# -- breakages ------------------------------------------------------------------------------


def _inside_word_positions(text: str, rng: random.Random, share: float) -> set[int]:
    """Offsets between two character clusters of one word: after every sara am, and a
    ``share`` of the other cluster boundaries inside words."""
    from pythainlp.tokenize import tcc

    positions, offset = set(), 0
    for word in re.split(r"(\s+)", text):
        if re.fullmatch("[\u0e01-\u0e4e]+", word or "-"):
            for piece in _words(word):
                clusters = tcc.segment(piece)
                at = offset
                for cluster in clusters[:-1]:
                    at += len(cluster)
                    if cluster.endswith("\u0e33") or rng.random() < share:
                        positions.add(at)
                offset += len(piece)
        else:
            offset += len(word)
    return positions


def _insert(text: str, positions: set[int], what: str) -> str:
    return "".join((what if i in positions else "") + ch for i, ch in enumerate(text))


def break_text(text: str, kind: str, seed: int = 0) -> str:
    rng = random.Random(seed)
    if kind == "spaces inside words":
        return _insert(text, _inside_word_positions(text, rng, 0.15), " ")
    if kind == "hyphens inside words":
        return _insert(text, _inside_word_positions(text, rng, 0.15), "-")
    if kind == "split sara am":
        return re.sub("([\u0e48-\u0e4b]?)\u0e33", lambda m: "\u0e4d" + m.group(1) + "\u0e32", text)
    if kind == "เเ for แ":
        return text.replace("\u0e41", "\u0e40\u0e40")
    if kind == "tone before vowel":
        return re.sub("([\u0e34-\u0e39\u0e31])([\u0e48-\u0e4b])", r"\2\1", text)
    if kind == "private-use glyphs":
        return demo_files.legacy_pua(text)
    if kind == "zero-width and controls":
        return _insert(text, _inside_word_positions(text, rng, 0.2), rng.choice(["\u200b", "\x1f", "\u00ad"]))
    if kind == "all at once":
        for step in ("split sara am", "เเ for แ", "tone before vowel", "spaces inside words"):
            text = break_text(text, step, seed)
        return text
    raise ValueError(kind)


BREAKAGES = (
    "spaces inside words",
    "hyphens inside words",
    "split sara am",
    "เเ for แ",
    "tone before vowel",
    "private-use glyphs",
    "zero-width and controls",
    "all at once",
)


def pdf_cases(tmp: Path, pages: list[str]) -> list[tuple[str, Path, list[str]]]:
    """(name, PDF, true page texts) with clean and broken text layers."""
    cases = [
        ("clean, shaped (Laksaman)", demo_files.build_text_pdf(tmp / "c1.pdf", pages), pages),
        ("clean, shaped (Garuda)", demo_files.build_text_pdf(tmp / "c2.pdf", pages, font="Garuda.ttf"), pages),
        ("unshaped", demo_files.build_text_pdf(tmp / "c3.pdf", pages, shaping=False), pages),
        ("unmapped glyphs", demo_files.build_text_pdf(tmp / "c4.pdf", pages, map_unmapped=False), pages),
        (
            "old font, private-use glyphs",
            demo_files.build_text_pdf(tmp / "c5.pdf", [demo_files.legacy_pua(p) for p in pages], shaping=False),
            pages,
        ),
        ("gaps after sara am", demo_files.build_spaced_pdf(tmp / "c6.pdf", pages), pages),
    ]
    return cases


# -- sections ---------------------------------------------------------------------------------


def bench_text_pdf(tmp: Path, n: int) -> None:
    pages = corpus_pages(n)
    path = demo_files.build_text_pdf(tmp / "text.pdf", pages, title="เอกสารทดสอบ")
    extract(demo_files.build_text_pdf(tmp / "warm.pdf", pages[:1]))  # load the dictionary first
    start = time.perf_counter()
    result = extract(path)
    elapsed = time.perf_counter() - start
    errors = sum(
        cer(("เอกสารทดสอบ" if p.number == 1 else "") + t, p.text) * len(_strip(t)) for t, p in zip(pages, result.pages)
    )
    rate = errors / len(_strip("".join(pages)))
    print(f"text PDF: {result.page_count} pages in {elapsed:.2f} s = {result.page_count / elapsed:.1f} pages/s")
    print(f"  text layer CER after repair: {rate:.3%}; OCR used: {result.ocr_used}")


def bench_ocr(tmp: Path, n: int) -> None:
    pages = corpus_pages(n, offset=7)
    path = demo_files.build_scan_pdf(tmp / "scan.pdf", pages, dpi=200)
    for workers in (1, 2):
        start = time.perf_counter()
        result = extract(path, workers=workers)
        elapsed = time.perf_counter() - start
        rates = [cer(t, p.text) for t, p in zip(pages, result.pages)]
        mode = "one page at a time" if workers == 1 else "2 pages in parallel"
        print(
            f"OCR ({mode}, workers={workers}): {result.page_count} pages in {elapsed:.1f} s = "
            f"{result.page_count / elapsed:.2f} pages/s"
        )
    print(
        f"  OCR CER (whitespace ignored): mean {sum(rates) / len(rates):.2%}, per page "
        + ", ".join(f"{r:.2%}" for r in rates)
    )
    raw_rates = []
    from kb.extraction import ocr as ocr_mod

    tools = ocr_mod.find_tools()
    original = ocr_mod.clean_ocr_text
    ocr_mod.clean_ocr_text = lambda text: text
    try:
        for number, truth in enumerate(pages, 1):
            raw_rates.append(cer(truth, ocr_mod.ocr_page(tools, path, number, 300, _limits())))
    finally:
        ocr_mod.clean_ocr_text = original
    print(f"  (Tesseract's raw output, before clean-up and repair: {sum(raw_rates) / len(raw_rates):.2%})")


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of a program (its VmHWM, sampled every 10 ms until it exits;
    ru_maxrss of children would count the forking Python process's pages too)."""
    import subprocess

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak = max(peak, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
        except (OSError, AttributeError):
            pass
        time.sleep(0.01)
    return peak / 1024


def bench_ocr_memory(tmp: Path) -> None:
    from kb.extraction import ocr as ocr_mod

    tools = ocr_mod.find_tools()
    scan = demo_files.build_scan_pdf(tmp / "memory.pdf", corpus_pages(1, offset=3), dpi=200)
    render = peak_rss_mb([tools.pdftoppm, "-r", "300", "-gray", "-singlefile", str(scan), str(tmp / "page")])
    read = peak_rss_mb([tools.tesseract, str(tmp / "page.pgm"), str(tmp / "out"), "-l", tools.languages, "--psm", "3"])
    print(f"  OCR subprocesses, one 300 dpi A4 page: pdftoppm {render:.0f} MB, tesseract {read:.0f} MB (x workers)")


def _limits():
    from kb.extraction import Limits

    return Limits()


def bench_broken(tmp: Path) -> None:
    pages = corpus_pages(3, offset=20)
    truth = "\n".join(pages)
    print("words recovered from broken text (repair_thai), strings:")
    total_found = total_words = 0
    for kind in BREAKAGES:
        broken = break_text(truth, kind)
        before = words_recovered(truth, broken)
        found, words = words_recovered(truth, repair_thai(broken))
        total_found, total_words = total_found + found, total_words + words
        print(f"  {kind:28} {found / words:7.2%} of {words} words (unrepaired {before[0] / before[1]:.2%})")
    print(f"  {'all string cases':28} {total_found / total_words:7.2%}")
    print("words recovered from broken PDFs (extract):")
    for name, path, texts in pdf_cases(tmp, pages):
        result = extract(path, ocr=False)
        found, words = words_recovered("\n".join(texts), result.text)
        print(f"  {name:28} {found / words:7.2%} of {words} words")


def bench_compare(tmp: Path, n: int) -> None:
    try:
        from pdfminer.high_level import extract_text as miner_text
        from pdfminer.layout import LAParams
    except ImportError:
        print("--compare: pdfminer.six is not installed (pip install pdfminer.six==20260107)")
        return
    from pypdf import PdfReader

    def by_pypdf(path):
        return [page.extract_text() or "" for page in PdfReader(str(path)).pages]

    def by_miner(laparams):
        def run(path):
            count = len(PdfReader(str(path)).pages)
            return [miner_text(str(path), page_numbers=[i], laparams=laparams) for i in range(count)]

        return run

    def by_miner_stream(path):
        """pdfminer without layout analysis: characters in the order they are drawn."""
        import io

        from pdfminer.converter import TextConverter
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage

        texts = []
        with open(path, "rb") as fh:
            for page in PDFPage.get_pages(fh):
                out, manager = io.StringIO(), PDFResourceManager()
                PDFPageInterpreter(manager, TextConverter(manager, out, laparams=None)).process_page(page)
                texts.append(out.getvalue())
        return texts

    engines = {
        "pypdf": by_pypdf,
        "pdfminer (layout)": by_miner(LAParams()),
        "pdfminer (no layout)": by_miner_stream,
    }
    pages = corpus_pages(3, offset=30)
    print("pypdf vs pdfminer.six, after repair_thai: CER / words recovered")
    for name, path, texts in pdf_cases(tmp, pages):
        truth = "\n".join(texts)
        cells = []
        for engine in engines.values():
            got = [repair_thai(text) for text in engine(path)]
            found, words = words_recovered(truth, "\n".join(got))
            errors = sum(levenshtein(_strip(t), _strip(g)) for t, g in zip(texts, got))
            cells.append(f"{errors / len(_strip(truth)):6.2%} / {found / words:6.2%}")
        print(f"  {name:28} " + " | ".join(cells))
    print("  columns: " + " | ".join(engines))
    big = demo_files.build_text_pdf(tmp / "speed.pdf", corpus_pages(n))
    for label, engine in engines.items():
        start = time.perf_counter()
        count = len(engine(big))
        elapsed = time.perf_counter() - start
        print(f"  speed {label:28} {count / elapsed:7.1f} pages/s (raw text, {count} pages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50, help="pages of the text PDF")
    parser.add_argument("--ocr-pages", type=int, default=4, help="scanned pages to OCR")
    parser.add_argument("--compare", action="store_true", help="pypdf against pdfminer.six")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR section")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        tmp = Path(tmp)
        bench_text_pdf(tmp, args.pages)
        if not args.no_ocr:
            bench_ocr(tmp, args.ocr_pages)
            bench_ocr_memory(tmp)
        bench_broken(tmp)
        if args.compare:
            bench_compare(tmp, args.pages)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB this process (ru_maxrss; the OCR subprocesses above)")


if __name__ == "__main__":
    main()
