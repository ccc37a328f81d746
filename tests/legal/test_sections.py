"""kb.thai.sections: anchors and labels of legal units, recognising ภาค/ลักษณะ/หมวด/ส่วน/มาตรา/ข้อ
in pasted text, text_to_blocks(legal=True), and the legal_unit block's HTML.

All instruments here are made-up test data ("…ทดสอบ"), not real Thai law."""

import subprocess
import sys

import pytest

from kb.text_blocks import text_to_blocks
from kb.thai.sections import UNIT_LINE, anchor, label, match_unit, parse_units, units_outline

ACT = """พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๕
ภูมิพลอดุลยเดช ป.ร. (ข้อมูลทดสอบ)
โดยที่เป็นการสมควรมีกฎหมายว่าด้วยการทดสอบระบบ
หมวด ๑
บททั่วไป
มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๕”
มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศเป็นต้นไป
มาตรา ๓ ในพระราชบัญญัตินี้
“ผู้ทดสอบ” หมายความว่า บุคคลที่ได้รับมอบหมายให้ทดสอบ
“ข้อมูลทดสอบ” หมายความว่า ข้อมูลที่ใช้ในการทดสอบ
หมวด ๒ คณะกรรมการทดสอบ
ส่วนที่ ๑
องค์ประกอบ
มาตรา ๔ ให้มีคณะกรรมการคณะหนึ่ง ประกอบด้วย
(๑) ประธานกรรมการ
(๒) กรรมการอื่นไม่เกินเจ็ดคน
มาตรา ๕ กรรมการมีวาระการดำรงตำแหน่งคราวละสี่ปี
กรรมการซึ่งพ้นจากตำแหน่งอาจได้รับแต่งตั้งอีกได้ ตามมาตรา ๔
มาตรา ๕/๑ ให้นำความในมาตรา ๕ มาใช้บังคับแก่อนุกรรมการด้วย
มาตรา ๕ ทวิ (ยกเลิก)
ผู้รับสนองพระราชโองการ
นายทดสอบ ระบบดี
"""

REGULATION = """ระเบียบทดสอบว่าด้วยการใช้ข้อมูล พ.ศ. ๒๕๖๕
ข้อ ๑ ระเบียบนี้เรียกว่า "ระเบียบทดสอบว่าด้วยการใช้ข้อมูล พ.ศ. ๒๕๖๕"

ข้อ ๒ ระเบียบนี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศเป็นต้นไป
ข้อ 3 ข้อมูลที่ใช้ต้องเป็นไปตามข้อ ๒
ข้อ ๑๒ ทวิ ให้หัวหน้าหน่วยงานรักษาการตามระเบียบนี้
ประกาศ ณ วันที่ ๑ มกราคม พ.ศ. ๒๕๖๕
(นายทดสอบ ระบบดี)
"""


def legal_values(blocks):
    return [value for kind, value in blocks if kind == "legal_unit"]


# ---------------------------------------------------------------- anchor and label


@pytest.mark.parametrize(
    "unit, number, expected",
    [
        ("มาตรา", "๒๖", "มาตรา-26"),
        ("มาตรา", "26/1", "มาตรา-26-1"),
        ("มาตรา", "๒๖ / ๑", "มาตรา-26-1"),
        ("ข้อ", "๑๒ ทวิ", "ข้อ-12-ทวิ"),
        ("ข้อ", " 12   ทวิ ", "ข้อ-12-ทวิ"),
        ("หมวด", "๑", "หมวด-1"),
        ("ส่วนที่", "1", "ส่วน-1"),
        ("ส่วน", "๒", "ส่วน-2"),
        ("ภาค", "๓", "ภาค-3"),
        ("ลักษณะ", "๔", "ลักษณะ-4"),
        ("มาตรา", "๕ ทวิ", "มาตรา-5-ทวิ"),
    ],
)
def test_anchor(unit, number, expected):
    assert anchor(unit, number) == expected


def test_anchor_is_only_unit_and_number_and_safe_as_an_id():
    assert anchor("มาตรา", '26"><script>') == "มาตรา-26-script"
    assert anchor("มาตรา", "") == "มาตรา"


@pytest.mark.parametrize(
    "unit, number, expected",
    [
        ("มาตรา", "๒๖", "มาตรา 26"),
        ("มาตรา", "๒๖/๑", "มาตรา 26/1"),
        ("ข้อ", "๑๒ ทวิ", "ข้อ 12 ทวิ"),
        ("ข้อ", "12ทวิ", "ข้อ 12 ทวิ"),
        ("หมวด", "๑", "หมวด 1"),
        ("ส่วน", "๑", "ส่วนที่ 1"),
        ("ส่วนที่", "1", "ส่วนที่ 1"),
    ],
)
def test_label(unit, number, expected):
    assert label(unit, number) == expected


# ---------------------------------------------------------------- UNIT_LINE


@pytest.mark.parametrize(
    "line, unit, number, rest",
    [
        ("ภาค ๑", "ภาค", "๑", ""),
        ("ภาค 1 บททั่วไป", "ภาค", "1", "บททั่วไป"),
        ("ลักษณะ ๒ การทดสอบ", "ลักษณะ", "๒", "การทดสอบ"),
        ("หมวด ๑ บททั่วไป", "หมวด", "๑", "บททั่วไป"),
        ("หมวด ๒", "หมวด", "๒", ""),
        ("ส่วนที่ ๑ คณะกรรมการ", "ส่วน", "๑", "คณะกรรมการ"),
        ("ส่วน ๑", "ส่วน", "๑", ""),
        ("มาตรา ๑ พระราชบัญญัตินี้เรียกว่า", "มาตรา", "๑", "พระราชบัญญัตินี้เรียกว่า"),
        ("มาตรา ๒๖/๑ ให้ผู้ทดสอบ", "มาตรา", "๒๖/๑", "ให้ผู้ทดสอบ"),
        ("มาตรา 5 ทวิ", "มาตรา", "5 ทวิ", ""),
        ("มาตรา ๗ ตรี ผู้ใด", "มาตรา", "๗ ตรี", "ผู้ใด"),
        ("มาตรา ๕ (ยกเลิก)", "มาตรา", "๕", "(ยกเลิก)"),
        ("ข้อ ๑ ระเบียบนี้เรียกว่า", "ข้อ", "๑", "ระเบียบนี้เรียกว่า"),
        ("ข้อ 12 ให้หน่วยงาน", "ข้อ", "12", "ให้หน่วยงาน"),
        ("ข้อ ๑. ให้หน่วยงาน", "ข้อ", "๑", "ให้หน่วยงาน"),
        ("มาตรา๓ ติดกัน", "มาตรา", "๓", "ติดกัน"),
        ("มาตรา ๕ ฉบับนี้", "มาตรา", "๕", "ฉบับนี้"),  # "ฉ" (6th) only as a whole word
    ],
)
def test_unit_lines(line, unit, number, rest):
    assert match_unit(line) == (unit, number, rest)


@pytest.mark.parametrize(
    "line",
    [
        "ข้อมูลส่วนบุคคลต้องได้รับการคุ้มครอง",
        "ข้อเสนอแนะของคณะกรรมการ",
        "ข้อ ๆ ละ หนึ่งหน้า",
        "มาตราการป้องกัน",
        "1. จัดทำรายงาน",
        "๒. ส่งรายงาน",
        "ให้เป็นไปตามมาตรา ๒๖",
        "ส่วนราชการทุกแห่ง",
        "หมวดหมู่ของเอกสาร",
        "ภาคเอกชนและภาครัฐ",
        "ข้อ 1.1 รายการย่อย",
        "มาตรา ๒๖ วรรคหนึ่ง",  # a wrapped line that starts with a mention
        "มาตรา ๒๖ แห่งพระราชบัญญัตินี้",
        "มาตรา ๒๖ และมาตรา ๒๗",
        "ข้อ ๓ ถึงข้อ ๕",
        "ข้อ",
        "มาตรา",
    ],
)
def test_not_unit_lines(line):
    assert UNIT_LINE.match(line) is None
    assert match_unit(line) is None


# ---------------------------------------------------------------- parse_units


def test_parse_units_on_an_act():
    blocks = parse_units(ACT.splitlines())
    assert blocks[:3] == [
        ("paragraph", "<p>พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๕</p>"),
        ("paragraph", "<p>ภูมิพลอดุลยเดช ป.ร. (ข้อมูลทดสอบ)</p>"),
        ("paragraph", "<p>โดยที่เป็นการสมควรมีกฎหมายว่าด้วยการทดสอบระบบ</p>"),
    ]
    units = legal_values(blocks)
    assert [(u["unit"], u["number"]) for u in units] == [
        ("หมวด", "๑"),
        ("มาตรา", "๑"),
        ("มาตรา", "๒"),
        ("มาตรา", "๓"),
        ("หมวด", "๒"),
        ("ส่วน", "๑"),
        ("มาตรา", "๔"),
        ("มาตรา", "๕"),
        ("มาตรา", "๕/๑"),
        ("มาตรา", "๕ ทวิ"),
    ]
    chapter_1, section_1, *_ = units
    assert chapter_1 == {"unit": "หมวด", "number": "๑", "heading": "บททั่วไป", "text": ""}  # name on its own line
    assert section_1["text"] == "พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๕”"
    assert units[3]["text"] == (
        "ในพระราชบัญญัตินี้\n“ผู้ทดสอบ” หมายความว่า บุคคลที่ได้รับมอบหมายให้ทดสอบ\n“ข้อมูลทดสอบ” หมายความว่า ข้อมูลที่ใช้ในการทดสอบ"
    )
    assert units[4]["heading"] == "คณะกรรมการทดสอบ"  # name on the same line
    assert units[5] == {"unit": "ส่วน", "number": "๑", "heading": "องค์ประกอบ", "text": ""}
    assert units[6]["text"] == "ให้มีคณะกรรมการคณะหนึ่ง ประกอบด้วย\n(๑) ประธานกรรมการ\n(๒) กรรมการอื่นไม่เกินเจ็ดคน"
    # a mention at the end of a วรรค stays in the text
    assert units[7]["text"].endswith("อาจได้รับแต่งตั้งอีกได้ ตามมาตรา ๔")
    assert units[9]["text"] == "(ยกเลิก)"
    assert all(u["heading"] == "" for u in units if u["unit"] == "มาตรา")
    # the countersignature after the last unit is not part of มาตรา ๕ ทวิ
    assert blocks[-2:] == [("paragraph", "<p>ผู้รับสนองพระราชโองการ</p>"), ("paragraph", "<p>นายทดสอบ ระบบดี</p>")]


def test_parse_units_on_a_regulation_with_ข้อ():
    blocks = parse_units(REGULATION.splitlines())
    assert blocks[0] == ("paragraph", "<p>ระเบียบทดสอบว่าด้วยการใช้ข้อมูล พ.ศ. ๒๕๖๕</p>")
    units = legal_values(blocks)
    assert [(u["unit"], u["number"]) for u in units] == [("ข้อ", "๑"), ("ข้อ", "๒"), ("ข้อ", "3"), ("ข้อ", "๑๒ ทวิ")]
    assert units[0]["text"] == 'ระเบียบนี้เรียกว่า "ระเบียบทดสอบว่าด้วยการใช้ข้อมูล พ.ศ. ๒๕๖๕"'  # blank line dropped
    assert units[2]["text"] == "ข้อมูลที่ใช้ต้องเป็นไปตามข้อ ๒"
    assert units[3]["text"] == "ให้หัวหน้าหน่วยงานรักษาการตามระเบียบนี้"
    assert blocks[-2:] == [
        ("paragraph", "<p>ประกาศ ณ วันที่ ๑ มกราคม พ.ศ. ๒๕๖๕</p>"),
        ("paragraph", "<p>(นายทดสอบ ระบบดี)</p>"),
    ]


def test_a_heading_unit_takes_the_next_line_only_when_it_looks_like_a_name():
    lines = [
        "หมวด ๑",
        "มาตรา ๑ ข้อความ",
        "หมวด ๒",
        "ความในหมวดนี้ให้ใช้บังคับแก่ผู้ทดสอบทุกคนที่ได้รับมอบหมายจากคณะกรรมการตามพระราชบัญญัตินี้โดยไม่มีข้อยกเว้นใด ๆ ทั้งสิ้น",
        "มาตรา ๒ ข้อความ",
        "ส่วนที่ ๑",
        "ให้เป็นไปดังนี้:",
        "ข้อ ๓ ข้อความ",
    ]
    blocks = parse_units(lines)
    assert blocks[0] == ("legal_unit", {"unit": "หมวด", "number": "๑", "heading": "", "text": ""})
    assert blocks[2] == ("legal_unit", {"unit": "หมวด", "number": "๒", "heading": "", "text": ""})
    assert blocks[3][0] == "paragraph"  # too long for a name: a paragraph of its own
    assert blocks[5] == ("legal_unit", {"unit": "ส่วน", "number": "๑", "heading": "", "text": ""})
    assert blocks[6] == ("paragraph", "<p>ให้เป็นไปดังนี้:</p>")


def test_paragraphs_are_escaped_and_the_html_function_can_be_given():
    lines = ["<b>ชื่อ</b> & ที่มา", "ข้อ ๑ ก", "ข้อ ๒ ข"]
    assert parse_units(lines)[0] == ("paragraph", "<p>&lt;b&gt;ชื่อ&lt;/b&gt; &amp; ที่มา</p>")
    assert parse_units(lines, paragraph_html=lambda t: f"[{t}]")[0] == ("paragraph", "[<b>ชื่อ</b> & ที่มา]")


@pytest.mark.parametrize(
    "text",
    [
        "ข้อมูลส่วนบุคคลต้องได้รับการคุ้มครอง\nข้อมูลเปิดต้องเผยแพร่",
        "ที่ประชุมมีมติดังนี้\nข้อ 1 ให้หน่วยงานจัดทำรายงาน\nให้รายงานภายในสามสิบวัน",
        "ให้ดำเนินการดังนี้\n1. จัดทำแผน\n2. รายงานผล\n3. ประเมินผล",
        "ให้ดำเนินการตามมาตรา ๒๖ และมาตรา ๒๗\nโดยให้เป็นไปตามข้อ ๕ ของระเบียบ",
        "หมวด ๑ บททั่วไป\nส่วนที่ ๑ คณะกรรมการ\nมาตรา ๑ มีแค่มาตราเดียว",
        "",
    ],
)
def test_text_that_is_not_legal_structure_is_none(text):
    assert parse_units(text.splitlines()) is None


def test_parse_units_needs_no_django():
    code = (
        "import sys, kb.thai.sections;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'wagtail')];"
        "assert 'kb.text_blocks' not in sys.modules and not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- units_outline


def test_units_outline():
    blocks = parse_units(ACT.splitlines())
    outline = units_outline(legal_values(blocks))
    assert outline[:3] == [("หมวด-1", "หมวด 1", "บททั่วไป"), ("มาตรา-1", "มาตรา 1", ""), ("มาตรา-2", "มาตรา 2", "")]
    assert ("ส่วน-1", "ส่วนที่ 1", "องค์ประกอบ") in outline
    assert outline[-2:] == [("มาตรา-5-1", "มาตรา 5/1", ""), ("มาตรา-5-ทวิ", "มาตรา 5 ทวิ", "")]
    # (block_type, value) pairs as parse_units returns them: paragraphs are skipped
    assert units_outline(blocks) == outline


# ---------------------------------------------------------------- text_to_blocks


def test_text_to_blocks_reads_legal_structure_only_when_asked():
    default = text_to_blocks(REGULATION)
    assert all(kind != "legal_unit" for kind, _ in default)
    assert default == text_to_blocks(REGULATION, legal=False)
    legal = text_to_blocks(REGULATION, legal=True)
    assert legal == parse_units(REGULATION.splitlines())
    assert [kind for kind, _ in legal].count("legal_unit") == 4


@pytest.mark.parametrize(
    "text",
    [
        "ที่ประชุมมีมติดังนี้\nข้อ 1 ให้หน่วยงานจัดทำรายงาน",
        "วิสัยทัศน์ — องค์กรทดสอบ\nพันธกิจ — 1. ทดสอบระบบ\n2. รายงานผล",
        "แนวทางปฏิบัติ\n1. จัดทำแผน\n2. รายงานผล",
        "นายทดสอบ ระบบดี\nนางสาวทดสอบ ใจดี",
        "ข้อมูลทั่วไป\nข้อมูลเพิ่มเติม",
    ],
)
def test_legal_true_leaves_other_bodies_as_they_were(text):
    assert text_to_blocks(text, legal=True) == text_to_blocks(text)


# ---------------------------------------------------------------- the block's HTML


@pytest.fixture
def render():
    from kb.blocks import LegalUnitBlock

    block = LegalUnitBlock()
    return lambda value: block.render(block.to_python(value))


def test_a_มาตรา_renders_as_a_section_with_its_anchor_copy_button_and_วรรค(render):
    html = render(
        {"unit": "มาตรา", "number": "๒๖", "heading": "", "text": "วรรคหนึ่ง <script>alert(1)</script>\n\nวรรคสอง & อื่น ๆ"}
    )
    assert '<section class="legal-unit" id="มาตรา-26">' in html
    assert '<h3 class="legal-unit__number" data-nocite>มาตรา ๒๖</h3>' in html  # the number as written
    assert (
        '<button type="button" class="legal-unit__copy" data-copy-link="#มาตรา-26" aria-label="คัดลอกลิงก์ไปยังมาตรา ๒๖"'
    ) in html
    assert ">คัดลอกลิงก์</button>" in html
    assert "<script>" not in html
    assert '<p class="legal-unit__para">วรรคหนึ่ง &lt;script&gt;alert(1)&lt;/script&gt;</p>' in html
    assert '<p class="legal-unit__para">วรรคสอง &amp; อื่น ๆ</p>' in html
    assert html.count("<p") == 2  # the blank line makes no empty วรรค


def test_a_ข้อ_with_a_suffix(render):
    html = render({"unit": "ข้อ", "number": "๑๒ ทวิ", "heading": "", "text": "ข้อความ"})
    assert 'id="ข้อ-12-ทวิ"' in html and 'data-copy-link="#ข้อ-12-ทวิ"' in html
    assert 'aria-label="คัดลอกลิงก์ไปยังข้อ ๑๒ ทวิ"' in html


@pytest.mark.parametrize(
    "unit, tag, shown",
    [
        ("หมวด", "h2", "หมวด ๑"),
        ("ภาค", "h2", "ภาค ๑"),
        ("ลักษณะ", "h2", "ลักษณะ ๑"),
        ("ส่วน", "h3", "ส่วนที่ ๑"),
    ],
)
def test_heading_units_render_as_headings_with_their_anchor(render, unit, tag, shown):
    html = render({"unit": unit, "number": "๑", "heading": "บท<ทั่วไป>", "text": ""}).strip()
    assert html.startswith(f"<{tag} ") and html.endswith(f"</{tag}>")
    assert f'id="{unit}-1"' in html
    assert f'{shown} <span class="legal-heading__name">บท&lt;ทั่วไป&gt;</span>' in html
    assert "legal-unit__copy" not in html


def test_a_heading_unit_without_a_name(render):
    html = render({"unit": "หมวด", "number": "๒", "heading": "", "text": ""}).strip()
    assert html == '<h2 class="legal-heading" id="หมวด-2" data-nocite>หมวด ๒</h2>'


def test_a_body_of_legal_units_renders_in_a_stream():
    from kb.blocks import RecordBodyBlock

    body = RecordBodyBlock()
    raw = [{"type": kind, "value": value} for kind, value in text_to_blocks(ACT, legal=True)]
    html = body.render(body.to_python(raw))
    assert html.count('class="legal-unit"') == 7
    assert 'id="มาตรา-5-1"' in html and 'id="มาตรา-5-ทวิ"' in html and 'id="ส่วน-1"' in html
    assert "<p>ภูมิพลอดุลยเดช ป.ร. (ข้อมูลทดสอบ)</p>" in html
