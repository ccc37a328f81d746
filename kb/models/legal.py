"""The legal lifecycle between records: a regulation amends, repeals or is issued under
another (each relation with its effective date, an amendment with the consolidated text it
produces), a cabinet resolution concerns regulations, and citations found in the records'
text (kb.legal.citations fills them; kb.thai.citations finds them).

Relations are child rows of the page that states them (modelcluster), so they are
revisioned with it: the database rows are those of the live version (or of a page never
published), which is why every reader filters the stating page with visible_to_public."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class LegalRelation(Orderable):
    AMENDS, REPEALS, ISSUED_UNDER = "amends", "repeals", "issued_under"
    KINDS = [(AMENDS, "แก้ไขเพิ่มเติม"), (REPEALS, "ยกเลิก"), (ISSUED_UNDER, "ออกตามความใน")]
    # How the other side reads it (the timeline of the target)
    INVERSE_LABELS = {AMENDS: "แก้ไขโดย", REPEALS: "ยกเลิกโดย", ISSUED_UNDER: "มีการออกตามความในฉบับนี้"}

    page = ParentalKey("kb.RegulationPage", on_delete=models.CASCADE, related_name="legal_relations")
    kind = models.CharField("ความสัมพันธ์", max_length=20, choices=KINDS)
    target = models.ForeignKey(
        "kb.RegulationPage", on_delete=models.CASCADE, related_name="incoming_relations", verbose_name="กฎหมาย/ระเบียบ"
    )
    effective_date = models.DateField("มีผลตั้งแต่", null=True, blank=True, help_text="ว่างไว้ = วันที่มีผลใช้บังคับของฉบับนี้")
    consolidated_text = models.TextField(
        "ข้อความฉบับรวมแก้ไข",
        blank=True,
        help_text="สำหรับการแก้ไขเพิ่มเติม: ข้อความทั้งฉบับของกฎหมายที่ถูกแก้ไขหลังการแก้ไขนี้ (ใช้แสดงข้อความที่ใช้บังคับ ณ วันที่)",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("target"), FieldPanel("effective_date")]),
        FieldPanel("consolidated_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "ความสัมพันธ์ทางกฎหมาย"

    def takes_effect(self):
        """The relation's own date, else the stating instrument's (None: from publication)."""
        return self.effective_date or self.page.effective_date


class ResolutionRegulation(Orderable):
    """A cabinet resolution that approves, proposes or concerns a regulation."""

    RELATIONS = [("approves", "อนุมัติ/เห็นชอบ"), ("proposes", "เสนอ"), ("concerns", "เกี่ยวข้อง")]

    page = ParentalKey("kb.CabinetResolutionPage", on_delete=models.CASCADE, related_name="regulation_links")
    regulation = models.ForeignKey(
        "kb.RegulationPage", on_delete=models.CASCADE, related_name="resolution_links", verbose_name="กฎหมาย/ระเบียบ"
    )
    relation = models.CharField("ความสัมพันธ์", max_length=20, choices=RELATIONS, default="concerns")

    panels = [FieldRowPanel([FieldPanel("regulation"), FieldPanel("relation")])]

    class Meta(Orderable.Meta):
        verbose_name = "กฎหมายที่เกี่ยวข้อง"


class Citation(models.Model):
    """A legal citation found in a record's text (body or an attached file's text), resolved
    to the record it names when the knowledge base has it. Rebuilt whenever the citing record
    is published or its files' text changes; re-resolved when a record that could be the
    target is published."""

    KINDS = [("instrument", "กฎหมาย/ระเบียบ"), ("resolution", "มติคณะรัฐมนตรี"), ("section", "มาตรา/ข้อ")]

    # Any page with a body cites: records, and the section pages (the ethics centre lists
    # the instruments it works under).
    source = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="citations")
    kind = models.CharField(max_length=20, choices=KINDS)
    text = models.CharField("ข้อความที่อ้าง", max_length=400)
    key = models.CharField(max_length=400, db_index=True)
    section = models.CharField(max_length=60, blank=True)
    anchor = models.CharField(max_length=80, blank=True)
    in_file = models.BooleanField("พบในไฟล์แนบ", default=False)
    occurrences = models.PositiveIntegerField(default=1)
    target = models.ForeignKey(
        "kb.RecordPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )

    class Meta:
        verbose_name = "การอ้างอิง"
        indexes = [models.Index(fields=["target", "source"])]

    def __str__(self):
        return self.text
