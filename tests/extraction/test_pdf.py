"""kb.extraction on PDFs with a text layer, and every bad PDF (no OCR needed here)."""

import pytest
from pypdf import PdfReader, PdfWriter

from kb import demo_files
from kb.extraction import Extraction, ExtractionError, Limits, PageText, extract

PHRASE = "ระเบียบกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ว่าด้วยการจัดทำแผนสำรองฉุกเฉิน พ.ศ. ๒๕๖๗"
FIRST = "หน้าแรกของเอกสารนี้เป็นบทนำ กล่าวถึงความเป็นมาและวัตถุประสงค์ของระเบียบ"


def squash(text):
    """Text without its whitespace: lines wrap where the PDF wrapped them."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def text_pdf(tmp_path_factory):
    return demo_files.build_text_pdf(tmp_path_factory.mktemp("pdf") / "two.pdf", [FIRST, PHRASE], title="ทดสอบ")


def test_two_page_text_pdf_has_the_phrase_on_page_two(text_pdf):
    result = extract(text_pdf)
    assert isinstance(result, Extraction)
    assert (result.kind, result.page_count, result.language, result.ocr_used) == ("pdf", 2, "th", False)
    assert [p.number for p in result.pages] == [1, 2]
    assert all(isinstance(p, PageText) and p.source == "layer" for p in result.pages)
    assert squash(PHRASE) in squash(result.pages[1].text)
    assert set(PHRASE.split()) <= set(result.pages[1].text.split()) | {"ว่าด้วยการจัดทำแผนสำรองฉุกเฉิน"}
    assert "แผนสำรอง" not in result.pages[0].text
    assert result.pages[0].text.startswith("ทดสอบ")
    assert result.text == result.pages[0].text + "\n\n" + result.pages[1].text


def test_layer_text_keeps_thai_marks_exactly(tmp_path):
    words = "น้ำท่วม ผู้ใหญ่ กี่ปี ที่นี่ ปัญญา ฎีกา ญาติ ตั้ง ป่า ฝ้าย ปู่ ป่ำ ฤๅษี"
    result = extract(demo_files.build_text_pdf(tmp_path / "marks.pdf", [words]))
    assert result.pages[0].text.split() == words.split()


def test_long_page_wraps_and_goes_on(tmp_path):
    long_text = (PHRASE + " ") * 60
    path = demo_files.build_text_pdf(tmp_path / "long.pdf", [long_text, "ท้ายเอกสาร"])
    result = extract(path)
    assert result.page_count == len(PdfReader(path).pages) > 2
    assert result.pages[-1].text == "ท้ายเอกสาร"
    assert "".join(long_text.split()) == "".join("".join(p.text for p in result.pages[:-1]).split())


def test_english_and_mixed_language(tmp_path):
    english = extract(demo_files.build_text_pdf(tmp_path / "en.pdf", ["Memorandum of Understanding on digital trade"]))
    assert english.language == "en"
    mixed = extract(demo_files.build_text_pdf(tmp_path / "mix.pdf", ["บันทึกความเข้าใจ Memorandum of Understanding"]))
    assert mixed.language == "th,en"


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("private-use glyphs", lambda p, t: demo_files.build_text_pdf(p, [demo_files.legacy_pua(t)], shaping=False)),
        ("gaps after sara am", lambda p, t: demo_files.build_spaced_pdf(p, [t])),
        ("unmapped glyphs", lambda p, t: demo_files.build_text_pdf(p, [t], map_unmapped=False)),
        ("split sara am, เเ", lambda p, t: demo_files.build_text_pdf(p, [t.replace("ำ", "ํา").replace("แ", "เเ")])),
    ],
)
def test_broken_text_layers_are_repaired(tmp_path, name, build):
    text = "ให้จัดทำแผนสำรองฉุกเฉินและทำการทดสอบแผนประจำปี กำหนดการดำเนินงานตามคำสั่ง น้ำท่วม น้ำหลาก น้ำป่า"
    result = extract(build(tmp_path / "broken.pdf", text), ocr=False)
    assert result.pages[0].source == "layer"
    assert squash(result.pages[0].text) == squash(text), name
    one_line = result.pages[0].text.replace("\n", "")  # lines wrap between words
    assert all(word in one_line for word in ("จัดทำแผนสำรองฉุกเฉิน", "ดำเนินงานตามคำสั่ง", "น้ำท่วม น้ำหลาก")), name


def test_empty_password_encryption_is_opened(tmp_path, text_pdf):
    path = demo_files.encrypt_pdf(text_pdf, tmp_path / "restricted.pdf", user_password="")
    assert PdfReader(path).is_encrypted
    result = extract(path)
    assert PHRASE.split()[0] in result.pages[1].text


def test_password_protected_pdf_is_refused(tmp_path, text_pdf):
    writer = PdfWriter(clone_from=PdfReader(text_pdf))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(tmp_path / "locked.pdf", "wb") as out:
        writer.write(out)
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "locked.pdf")
    assert caught.value.code == "encrypted"
    assert "รหัสผ่าน" in caught.value.reason_th and "password" in caught.value.reason_en


def test_truncated_pdf_is_refused(tmp_path, text_pdf):
    data = text_pdf.read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "cut.pdf")
    assert caught.value.code == "corrupt"
    assert "ไม่สมบูรณ์" in caught.value.reason_th and "truncated" in caught.value.reason_en


def test_garbled_pdf_is_refused(tmp_path):
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "junk.pdf")
    assert caught.value.code == "corrupt"
    assert "เสียหาย" in str(caught.value) and "damaged" in str(caught.value)


def test_zero_byte_file_is_refused(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "empty.pdf")
    assert caught.value.code == "empty"
    assert str(caught.value) == "ไฟล์ว่างเปล่า (ขนาด 0 ไบต์) (the file is empty (0 bytes))"


def test_text_renamed_pdf_is_not_a_pdf(tmp_path):
    (tmp_path / "report.pdf").write_text("รายงานผลการดำเนินงาน ไม่ใช่ PDF จริง", encoding="utf-8")
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "report.pdf")
    assert caught.value.code == "not_pdf"
    assert "ไม่ใช่ PDF" in caught.value.reason_th and "not a PDF" in caught.value.reason_en


def test_a_pdf_with_another_name_is_read_by_its_content(tmp_path, text_pdf):
    renamed = tmp_path / "upload.bin"
    renamed.write_bytes(text_pdf.read_bytes())
    assert extract(renamed).kind == "pdf"


def test_too_many_pages(tmp_path, text_pdf):
    with pytest.raises(ExtractionError) as caught:
        extract(text_pdf, limits=Limits(max_pages=1))
    assert caught.value.code == "too_many_pages"
    assert "2" in caught.value.reason_th and "limit of 1" in caught.value.reason_en


def test_too_big(tmp_path, text_pdf):
    with pytest.raises(ExtractionError) as caught:
        extract(text_pdf, limits=Limits(max_bytes=1000))
    assert caught.value.code == "too_big"
    assert "ใหญ่เกิน" in caught.value.reason_th and "too big" in caught.value.reason_en


def test_decompression_bomb_image_is_refused_before_rendering(tmp_path):
    path = demo_files.build_bomb_pdf(tmp_path / "bomb.pdf", width=200_000, height=200_000)
    with pytest.raises(ExtractionError) as caught:
        extract(path)
    assert caught.value.code == "bomb"
    assert "decompression bomb" in caught.value.reason_en and "หน้า 1" in caught.value.reason_th


def test_bomb_page_without_ocr_is_just_empty(tmp_path):
    result = extract(demo_files.build_bomb_pdf(tmp_path / "bomb.pdf"), ocr=False)
    assert result.pages == [PageText(1, "", "layer")] and not result.ocr_used


def test_garbage_layer_without_ocr_gives_no_text(tmp_path):
    # Thai in an 8-bit font without a ToUnicode map reads as Latin-1 letters
    mojibake = "ÃÐàºÕÂº¡ÃÐ·ÃÇ§´Ô¨Ô·ÑÅà¾×èÍàÈÃÉ°¡Ô¨áÅÐÊÑ§¤Á " * 3
    result = extract(demo_files.build_text_pdf(tmp_path / "latin1.pdf", [mojibake], shaping=False), ocr=False)
    assert result.pages == [PageText(1, "", "layer")]


def test_blank_page_is_not_ocrd(tmp_path, monkeypatch):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(tmp_path / "blank.pdf", "wb") as out:
        writer.write(out)
    monkeypatch.setenv("PATH", str(tmp_path))  # OCR would fail: it must not be needed
    result = extract(tmp_path / "blank.pdf")
    assert result.pages == [PageText(1, "", "layer")] and not result.ocr_used


def test_short_page_keeps_its_layer_without_ocr_tools(tmp_path, monkeypatch):
    """A cover page with a few words would be OCR'd to check it; without the tools the
    text layer is kept rather than the file refused."""
    path = demo_files.build_text_pdf(tmp_path / "cover.pdf", ["ระเบียบ", PHRASE])
    monkeypatch.setenv("PATH", str(tmp_path))
    result = extract(path)
    assert [(p.text, p.source) for p in result.pages][0] == ("ระเบียบ", "layer")
    assert not result.ocr_used
