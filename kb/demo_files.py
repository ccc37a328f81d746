"""Builders of demo and test files: Thai PDFs with a text layer, scanned (image-only) PDFs,
Word documents, and the bad files an upload may be (encrypted, a decompression bomb).

No Django. Fonts come from Debian's fonts-thai-tlwg (Laksaman is the free twin of TH
Sarabun, the Thai government's document font). PDFs are written with fpdf2 and HarfBuzz
text shaping, so tone marks and vowels sit where a Thai reader expects them; scans are
drawn with Pillow (raqm layout when Pillow has it) and saved as image-only PDFs.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

__all__ = [
    "build_bomb_pdf",
    "build_docx",
    "build_scan_pdf",
    "build_spaced_pdf",
    "build_text_pdf",
    "encrypt_pdf",
    "legacy_pua",
    "thai_font_path",
    "wrap_thai",
]

FONT_DIRS = (Path("/usr/share/fonts/truetype/tlwg"), Path("/usr/share/fonts/opentype/tlwg"))
FONT_NAMES = ("Laksaman.ttf", "Garuda.ttf", "Loma.ttf", "Norasi.ttf", "Kinnari.ttf", "Waree.ttf")

A4_MM = (210.0, 297.0)
MARGIN_MM = 25.0
FONT_PT = 16  # the size of Thai official documents
# A code no text contains: fpdf2 leaves the second and third glyphs of a shaped cluster
# (sara am split into nikhahit + sara aa, a tone mark moved above nikhahit) out of the
# ToUnicode table, and readers then show them as control characters. They are mapped to
# this code, then to nothing, so the text layer reads exactly as the text that was written.
_UNMAPPED = 0xFDD0


class FontMissing(FileNotFoundError):
    pass


def thai_font_path(name: str | None = None) -> Path:
    """A Thai TrueType font from fonts-thai-tlwg (Laksaman unless ``name`` is given, e.g.
    "Garuda.ttf"). Raises FontMissing naming the Debian package when there is none."""
    names = (name,) if name else FONT_NAMES
    for directory in FONT_DIRS:
        for candidate in names:
            if (directory / candidate).is_file():
                return directory / candidate
    if not name and shutil.which("fc-list"):
        listed = subprocess.run(
            ["fc-list", ":lang=th", "file"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
        for line in sorted(listed.splitlines()):
            path = Path(line.split(":")[0].strip())
            if path.suffix.lower() == ".ttf" and path.is_file():
                return path
    raise FontMissing(
        "ไม่พบฟอนต์ภาษาไทย ติดตั้งด้วย apt-get install fonts-thai-tlwg (no Thai font found: apt-get install fonts-thai-tlwg)"
    )


def _pieces(text: str) -> list[str]:
    """Text cut into pieces at word boundaries (the pieces cover the text)."""
    try:
        from search.analysis import segment

        return list(segment(text))
    except ImportError:  # pragma: no cover - search is part of the project
        from pythainlp.tokenize import word_tokenize

        return word_tokenize(text, engine="newmm", keep_whitespace=True)


def wrap_thai(text: str, width: float, measure) -> list[str]:
    """Lines of ``text`` no wider than ``width`` by ``measure(str) -> float``, cut between
    words (a Thai line may break between any two words; a word wider than the line is cut
    between characters, never before a combining mark). Newlines start new lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in _pieces(paragraph):
            if measure(line + piece) <= width:
                line += piece
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = piece.lstrip()
            while measure(line) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and (measure(line[:cut]) > width or _is_mark(line[cut])):
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _is_mark(ch: str) -> bool:
    return ch == "\u0e31" or "\u0e33" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"


def build_text_pdf(
    path: str | Path,
    pages: list[str],
    title: str = "",
    *,
    shaping: bool = True,
    font: str | None = None,
    map_unmapped: bool = True,
) -> Path:
    """A PDF with a Thai text layer: one A4 page per string (a string too long for one page
    goes on over the next), lines wrapped between words. ``title`` is drawn at the top of
    the first page and set as the document title. ``shaping=False`` writes the characters
    one glyph each, unshaped: the text layer is then exactly the string, broken
    characters included (for tests of broken text layers). ``map_unmapped=False`` leaves
    the glyphs fpdf2 forgets in its ToUnicode table unmapped, as many PDF writers do: they
    then read as control characters inside words (another broken layer)."""
    from fpdf import FPDF

    path = Path(path)
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.add_font("thai", "", str(thai_font_path(font)))
    if shaping:
        pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    if title:
        pdf.set_title(title)
    pdf.set_creator("kb.demo_files")
    width = A4_MM[0] - 2 * MARGIN_MM
    bottom = A4_MM[1] - MARGIN_MM
    for number, text in enumerate(pages or [""], 1):
        pdf.add_page()
        if number == 1 and title:
            pdf.set_font("thai", size=FONT_PT + 4)
            for line in wrap_thai(title, width, pdf.get_string_width):
                pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("thai", size=FONT_PT)
        line_height = FONT_PT * 0.3528 * 1.45
        for line in wrap_thai(text, width, pdf.get_string_width):
            if pdf.get_y() + line_height > bottom:
                pdf.add_page()
            pdf.cell(0, line_height, line, new_x="LMARGIN", new_y="NEXT")
    if not map_unmapped:
        pdf.output(str(path))
        return path
    for font_obj in pdf.fonts.values():
        subset = getattr(font_obj, "subset", None)
        for glyph in list(getattr(subset, "_char_id_per_glyph", {})):
            if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode:
                glyph.unicode = (_UNMAPPED,)
    _write_without_unmapped(bytes(pdf.output()), path)
    return path


def build_spaced_pdf(path: str | Path, pages: list[str], *, gap: float = 0.3, font: str | None = None) -> Path:
    """A text PDF whose lines are drawn in pieces with a gap of ``gap`` x the font size
    after every sara am, as Word's Thai justification leaves them: extractors then see a
    space inside words (``จัดทำ แผนสำ รอง``). Shaped; one A4 page per string."""
    from fpdf import FPDF

    path = Path(path)
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("thai", "", str(thai_font_path(font)))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_font("thai", size=FONT_PT)
    gap_mm = gap * FONT_PT * 0.3528
    width = A4_MM[0] - 2 * MARGIN_MM
    line_height = FONT_PT * 0.3528 * 1.45

    def measure(line: str) -> float:
        return pdf.get_string_width(line) + gap_mm * line.count("\u0e33")

    for text in pages or [""]:
        pdf.add_page()
        y = MARGIN_MM + line_height
        for line in wrap_thai(text, width, measure):
            x = MARGIN_MM
            for piece in re.split("(?<=\u0e33)", line):
                if piece:
                    pdf.text(x, y, piece)
                    x += pdf.get_string_width(piece) + gap_mm
            y += line_height
            if y > A4_MM[1] - MARGIN_MM:
                pdf.add_page()
                y = MARGIN_MM + line_height
    for font_obj in pdf.fonts.values():
        for glyph in list(getattr(getattr(font_obj, "subset", None), "_char_id_per_glyph", {})):
            if glyph is not None and isinstance(glyph.unicode, tuple) and not glyph.unicode:
                glyph.unicode = (_UNMAPPED,)
    _write_without_unmapped(bytes(pdf.output()), path)
    return path


def _write_without_unmapped(data: bytes, path: Path) -> None:
    """``data`` written to ``path`` with the placeholder ToUnicode entries mapped to nothing."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    marker = b"<%04X>" % _UNMAPPED
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    done = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            cmap_ref = ref.get_object().get(NameObject("/ToUnicode"))
            if cmap_ref is None or id(cmap_ref.get_object()) in done:
                continue
            cmap = cmap_ref.get_object()
            done.add(id(cmap))
            content = cmap.get_data()
            if marker in content:
                cmap.set_data(content.replace(marker, b"<>"))
    with open(path, "wb") as out:
        writer.write(out)


_TALL = "\u0e1b\u0e1d\u0e1f\u0e2c"  # ป ฝ ฟ ฬ: marks above them shift left
_UPPER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d"
_UPPER_LEFT = dict(zip(_UPPER, "\uf710\uf701\uf702\uf703\uf704\uf712\uf711"))
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
_LOWER = "\u0e38\u0e39\u0e3a"


def legacy_pua(text: str) -> str:
    """``text`` as a Thai font without OpenType shaping encodes it (old Windows fonts): tone
    marks and vowels replaced by their shifted private-use forms U+F700-U+F71A, sara am
    split into nikhahit + sara aa. A PDF written with these has the broken layer
    ``kb.thai.pdf_repair`` must undo."""
    out: list[str] = []
    base, upper = "", False
    for ch in re.sub(f"([{_TONE_MARKS}]?)\u0e33", "\u0e4d\\1\u0e32", text):
        if ch in _UPPER:
            out.append(_UPPER_LEFT[ch] if base in _TALL else ch)
            upper = True
        elif ch in _TONE_MARKS:
            i = _TONE_MARKS.index(ch)
            if base in _TALL:
                out.append(chr((0xF713 if upper else 0xF705) + i))
            else:
                out.append(ch if upper else chr(0xF70A + i))
        elif ch in _LOWER:
            if base in "\u0e0d\u0e10" and out and out[-1] == base:  # ญ ฐ lose their descender
                out[-1] = "\uf70f" if base == "\u0e0d" else "\uf700"
            out.append(chr(0xF718 + _LOWER.index(ch)) if base in "\u0e0e\u0e0f" else ch)
        else:
            base, upper = ch, False
            out.append(ch)
    return "".join(out)


def build_scan_pdf(
    path: str | Path,
    pages: list[str],
    dpi: int = 200,
    *,
    rotate: float = 0.3,
    noise: float = 0.0005,
    seed: int = 0,
    font: str | None = None,
) -> Path:
    """An image-only PDF (no text layer), as a scanner makes: each string drawn in Thai on
    a white A4 page at ``dpi``, turned by ``rotate`` degrees, with ``noise`` (share of
    pixels) of specks. Deterministic for a given ``seed``."""
    from PIL import Image, ImageDraw, ImageFont, features

    path = Path(path)
    rng = random.Random(seed)
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    size_px = round(FONT_PT / 72 * dpi)
    typeface = ImageFont.truetype(str(thai_font_path(font)), size_px, layout_engine=layout)
    w, h = round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)
    margin = round(MARGIN_MM / 25.4 * dpi)
    line_height = round(size_px * 1.6)
    images = []
    for text in pages or [""]:
        lines = wrap_thai(text, w - 2 * margin, typeface.getlength)
        while True:
            image = Image.new("L", (w, h), 255)
            draw = ImageDraw.Draw(image)
            y = margin
            while lines and y + line_height <= h - margin:
                draw.text((margin, y), lines.pop(0), font=typeface, fill=0)
                y += line_height
            if rotate:
                image = image.rotate(rotate, resample=Image.Resampling.BICUBIC, fillcolor=255)
            if noise:
                pixels = image.load()
                for _ in range(int(w * h * noise)):
                    x, yy = rng.randrange(w), rng.randrange(h)
                    pixels[x, yy] = 0 if pixels[x, yy] > 127 else 255
            images.append(image)
            if not lines:
                break
    images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return path


def build_docx(path: str | Path, paragraphs: list[str], *, table: list[list[str]] | None = None) -> Path:
    """A Word document with one paragraph per string (and a table after them, one list of
    cell texts per row, when given)."""
    from docx import Document

    path = Path(path)
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def encrypt_pdf(source: str | Path, target: str | Path, user_password: str = "", owner_password: str = "owner") -> Path:
    """A copy of a PDF encrypted with AES-256: with a ``user_password`` it cannot be read
    without it; with an empty one anyone can read it (only permissions are restricted)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    with open(target, "wb") as out:
        writer.write(out)
    return Path(target)


def build_bomb_pdf(path: str | Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A one-page PDF without text whose page image declares ``width`` x ``height`` pixels
    but holds a few compressed bytes: rendering it would need width x height bytes."""
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    image = DecodedStreamObject()
    image.set_data(zlib.compress(b"\xff" * 65536, 9))
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/FlateDecode"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Annots")] = ArrayObject()
    with open(path, "wb") as out:
        writer.write(out)
    return Path(path)
