"""StreamField blocks for record bodies and the ethics-centre pages.

Block names are part of the import contract: kb.text_blocks produces values for
them from plain text, and the search index reads their text back out.
"""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]

TABLE_OPTIONS = {
    "startRows": 3,
    "startCols": 2,
    "colHeaders": False,
    "rowHeaders": False,
    "contextMenu": True,
    "editor": "text",
    "language": "th",
}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="หัวข้อ")
    level = blocks.ChoiceBlock(choices=[("h2", "หัวข้อหลัก (H2)"), ("h3", "หัวข้อย่อย (H3)")], default="h2", label="ระดับ")

    class Meta:
        icon = "title"
        label = "หัวข้อ"
        template = "blocks/heading.html"


class ListItemsBlock(blocks.ListBlock):
    """A list of plain-text items; the template decides ol/ul."""


class StatementBlock(blocks.StructBlock):
    """One part of a vision / mission / goals / strategies set."""

    title = blocks.CharBlock(label="หัวเรื่อง", help_text="เช่น วิสัยทัศน์ พันธกิจ เป้าประสงค์ ยุทธศาสตร์")
    text = blocks.TextBlock(required=False, label="ข้อความ")
    items = blocks.ListBlock(blocks.CharBlock(label="ข้อ"), required=False, default=[], label="รายการ")

    class Meta:
        icon = "pick"
        label = "ข้อความเชิงยุทธศาสตร์"
        template = "blocks/statement.html"


class PersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="ชื่อ-สกุล")
    position = blocks.CharBlock(required=False, label="ตำแหน่ง")
    portrait = ImageChooserBlock(required=False, label="ภาพ")

    class Meta:
        icon = "user"
        label = "บุคคล"


LEGAL_UNITS = [
    ("ภาค", "ภาค"),
    ("ลักษณะ", "ลักษณะ"),
    ("หมวด", "หมวด"),
    ("ส่วน", "ส่วน"),
    ("มาตรา", "มาตรา"),
    ("ข้อ", "ข้อ"),
]


class LegalUnitBlock(blocks.StructBlock):
    """One structural unit of a legal instrument: a ภาค/ลักษณะ/หมวด/ส่วน heading with its
    name, or a มาตรา/ข้อ with its text (one paragraph, วรรค, per line). The anchor
    (kb.thai.sections.anchor, e.g. "มาตรา-26") is made from unit and number, so it never
    changes when the page moves or the text is edited."""

    unit = blocks.ChoiceBlock(choices=LEGAL_UNITS, default="มาตรา", label="หน่วย")
    number = blocks.CharBlock(label="เลข", help_text="ตามที่เขียนในกฎหมาย เช่น ๒๖, 26/1, ๑๒ ทวิ")
    heading = blocks.CharBlock(required=False, label="ชื่อหมวด/ส่วน", help_text="เช่น บททั่วไป (สำหรับ ภาค ลักษณะ หมวด ส่วน)")
    text = blocks.TextBlock(required=False, label="ข้อความ", help_text="หนึ่งวรรคต่อบรรทัด")

    def get_context(self, value, parent_context=None):
        from kb.thai.sections import anchor, unit_title

        context = super().get_context(value, parent_context)
        context["anchor"] = anchor(value["unit"], value["number"])
        context["unit_title"] = unit_title(value["unit"])
        return context

    class Meta:
        icon = "doc-full"
        label = "ภาค/หมวด/มาตรา/ข้อ"
        template = "blocks/legal_unit.html"


class RecordBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="ย่อหน้า", template="blocks/paragraph.html")
    numbered_list = blocks.ListBlock(
        blocks.CharBlock(label="ข้อ"), label="รายการลำดับเลข", icon="list-ol", template="blocks/numbered_list.html"
    )
    bulleted_list = blocks.ListBlock(
        blocks.CharBlock(label="ข้อ"), label="รายการหัวข้อย่อย", icon="list-ul", template="blocks/bulleted_list.html"
    )
    steps = blocks.ListBlock(
        blocks.TextBlock(label="ขั้นตอน"), label="ขั้นตอน (แนวทางเป็นข้อ ๆ)", icon="list-ol", template="blocks/steps.html"
    )
    table = TableBlock(table_options=TABLE_OPTIONS, label="ตาราง", template="blocks/table.html")
    statements = blocks.ListBlock(
        StatementBlock(), label="วิสัยทัศน์ / พันธกิจ / เป้าประสงค์ / ยุทธศาสตร์", icon="pick", template="blocks/statements.html"
    )
    people = blocks.ListBlock(PersonBlock(), label="บุคคล", icon="group", template="blocks/people.html")
    footnotes = blocks.ListBlock(
        blocks.TextBlock(label="เชิงอรรถ"), label="เชิงอรรถ", icon="openquote", template="blocks/footnotes.html"
    )
    disclaimer = blocks.TextBlock(label="ข้อความสงวนสิทธิ์", icon="warning", template="blocks/disclaimer.html")
    legal_unit = LegalUnitBlock()


class AttachmentBlock(blocks.StreamBlock):
    document = blocks.StructBlock(
        [
            ("document", DocumentChooserBlock(label="เอกสาร")),
            ("title", blocks.CharBlock(required=False, label="ชื่อที่แสดง")),
        ],
        label="เอกสารแนบ",
        icon="doc-full",
    )
    link = blocks.StructBlock(
        [("title", blocks.CharBlock(label="ชื่อเอกสาร")), ("url", blocks.URLBlock(label="ลิงก์"))],
        label="ลิงก์เอกสารภายนอก",
        icon="link",
    )
