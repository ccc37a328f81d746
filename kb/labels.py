"""Record-kind facts shared by the models' users: the labels of each kind and legal status.

No Django imports, so benchmarks can use them without settings. search/ receives them
through search.registry (kb/documents.py) for its facet labels and filter validation."""

TYPE_LABELS = {
    "regulation": "กฎหมายและระเบียบ",
    "ethics_code": "ประมวลจริยธรรม",
    "mou": "บันทึกความเข้าใจ",
    "cabinet_resolution": "มติคณะรัฐมนตรี",
    "news": "ข่าว",
    "report": "รายงาน",
    "project": "โครงการ",
    "page": "หน้าเนื้อหา",
}
STATUS_LABELS = {"in_force": "มีผลใช้บังคับ", "amended": "มีการแก้ไขเพิ่มเติม", "repealed": "ยกเลิกแล้ว"}
# The language of a file's text (kb.extraction: "th", "en" or both)
LANGUAGE_LABELS = {"th": "ภาษาไทย", "en": "ภาษาอังกฤษ", "th,en": "ภาษาไทยและภาษาอังกฤษ"}
