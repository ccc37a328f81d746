"""Word documents and plain text files."""

import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_BREAK

from kb import demo_files
from kb.extraction import ExtractionError, Limits, PageText, extract

PARAGRAPHS = ["ประกาศกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "เรื่อง การจัดทำแผนสำรองฉุกเฉิน", "ประกาศ ณ วันที่ ๑ มกราคม ๒๕๖๗"]


def test_docx_paragraphs_then_table_in_order(tmp_path):
    path = demo_files.build_docx(
        tmp_path / "notice.docx", PARAGRAPHS, table=[["ชื่อ", "ตำแหน่ง"], ["นายสมชาย", "ผู้อำนวยการ"]]
    )
    result = extract(path)
    assert (result.kind, result.page_count, result.language, result.ocr_used) == ("docx", 1, "th", False)
    assert result.pages == [PageText(1, "\n".join(PARAGRAPHS) + "\nชื่อ\tตำแหน่ง\nนายสมชาย\tผู้อำนวยการ", "text")]


def test_docx_table_between_paragraphs_and_page_breaks(tmp_path):
    document = Document()
    document.add_paragraph("ก่อนตาราง")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ช่องหนึ่ง"
    table.cell(0, 1).paragraphs[0].add_run("ช่องสอง")
    table.cell(0, 1).add_paragraph("บรรทัดสอง")
    document.add_paragraph("หลังตาราง").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("หน้าที่สอง เเละคำที่พิมพ์ผิด ทํา")
    document.save(tmp_path / "pages.docx")
    result = extract(tmp_path / "pages.docx")
    assert result.page_count == 2
    assert result.pages[0] == PageText(1, "ก่อนตาราง\nช่องหนึ่ง\tช่องสอง บรรทัดสอง\nหลังตาราง", "text")
    # typed Thai is cleaned (แ, sara am) but its spaces are kept
    assert result.pages[1] == PageText(2, "หน้าที่สอง และคำที่พิมพ์ผิด ทำ", "text")


def test_docx_zip_bomb_is_refused(tmp_path):
    path = demo_files.build_docx(tmp_path / "big.docx", PARAGRAPHS)
    with pytest.raises(ExtractionError) as caught:
        extract(path, limits=Limits(max_bytes=path.stat().st_size + 10))  # parts unpack to more
    assert caught.value.code == "bomb"


def test_damaged_docx(tmp_path):
    with zipfile.ZipFile(tmp_path / "broken.docx", "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "broken.docx")
    assert caught.value.code == "corrupt" and "Word" in caught.value.reason_en


@pytest.mark.parametrize(
    ("name", "refusal"),
    [("sheet.xlsx", "Excel"), ("other.zip", "ZIP")],
)
def test_other_zip_files_are_unsupported(tmp_path, name, refusal):
    with zipfile.ZipFile(tmp_path / name, "w") as archive:
        archive.writestr("xl/workbook.xml" if name.endswith("xlsx") else "readme.txt", "x")
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / name)
    assert caught.value.code == "unsupported" and refusal in caught.value.reason_en


def test_pdf_named_docx_is_refused(tmp_path):
    path = demo_files.build_text_pdf(tmp_path / "x.pdf", ["ทดสอบ"])
    (tmp_path / "x.docx").write_bytes(path.read_bytes())
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "x.docx")
    assert "not a Word document" in caught.value.reason_en


TEXT = "มติคณะรัฐมนตรี เรื่อง การจัดทำแผนสำรองฉุกเฉิน\nวันที่ ๙ กรกฎาคม ๒๕๖๗"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "tis-620", "cp874", "utf-16"])
def test_plain_text_encodings(tmp_path, encoding):
    (tmp_path / "note.txt").write_bytes(TEXT.encode(encoding))
    result = extract(tmp_path / "note.txt")
    assert (result.kind, result.page_count, result.language) == ("text", 1, "th")
    assert result.pages == [PageText(1, TEXT, "text")]


def test_plain_text_pages_and_line_endings(tmp_path):
    (tmp_path / "pages.txt").write_bytes("หน้าหนึ่ง\r\nบรรทัดสอง\fPage two in English\r\n".encode())
    result = extract(tmp_path / "pages.txt")
    assert result.pages == [PageText(1, "หน้าหนึ่ง\nบรรทัดสอง", "text"), PageText(2, "Page two in English", "text")]
    assert result.language == "th,en"


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ".doc"),
        (b"<!DOCTYPE html><html><body>404</body></html>", "HTML"),
        (bytes(range(1, 32)) * 20, "neither UTF-8 nor TIS-620"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_unsupported_content(tmp_path, content, refusal):
    (tmp_path / "upload").write_bytes(content)
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "upload")
    assert caught.value.code == "unsupported"
    assert refusal in caught.value.reason_en and caught.value.reason_th.startswith(("ไม่รองรับ", "อ่านไฟล์"))


def test_missing_file(tmp_path):
    with pytest.raises(ExtractionError) as caught:
        extract(tmp_path / "nowhere.pdf")
    assert "cannot open" in caught.value.reason_en


def test_docx_tabs_line_breaks_rendered_pages_and_tracked_deletions(tmp_path):
    from docx.oxml import OxmlElement

    document = Document()
    run = document.add_paragraph().add_run("ชื่อ")
    run.add_tab()
    run.add_text("ตำแหน่ง")
    run.add_break()  # a line break inside the paragraph
    run.add_text("บรรทัดใหม่")
    deleted = OxmlElement("w:del")
    gone = OxmlElement("w:r")
    gone_text = OxmlElement("w:delText")
    gone_text.text = "ข้อความที่ลบ"
    gone.append(gone_text)
    deleted.append(gone)
    run._r.getparent().append(deleted)
    later = document.add_paragraph().add_run()
    later._r.append(OxmlElement("w:lastRenderedPageBreak"))  # Word paginated here when saving
    later.add_text("หน้าที่สองตามที่ Word แสดง")
    document.save(tmp_path / "word.docx")
    result = extract(tmp_path / "word.docx")
    assert [p.text for p in result.pages] == ["ชื่อ\tตำแหน่ง\nบรรทัดใหม่", "หน้าที่สองตามที่ Word แสดง"]
    assert "ลบ" not in result.text
