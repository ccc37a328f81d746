"""The record kinds: regulations, ethics codes, MOUs, cabinet resolutions, news, reports,
projects and content pages (RECORDS.md `type`), each a RecordPage with its own fields."""

from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from ..legal.forms import RegulationPageForm
from ..thai.dates import format_thai_date
from .base import RecordPage

CABINET_DISCLAIMER = (
    "ข้อมูลมติคณะรัฐมนตรีที่เผยแพร่นี้เป็นข้อมูลเบื้องต้นเพื่อการประชาสัมพันธ์ หากต้องการอ้างอิงโปรดตรวจสอบกับสำนักเลขาธิการคณะรัฐมนตรี"
)


class RegulationPage(RecordPage):
    record_type = "regulation"
    type_label = "กฎหมายและระเบียบ"
    exact_date_field = "effective_date"
    year_fields = ("year_be",)

    LEGAL_TYPES = [
        ("พระราชบัญญัติ", "พระราชบัญญัติ"),
        ("พระราชกำหนด", "พระราชกำหนด"),
        ("พระราชกฤษฎีกา", "พระราชกฤษฎีกา"),
        ("กฎกระทรวง", "กฎกระทรวง"),
        ("ระเบียบ", "ระเบียบ"),
        ("ข้อบังคับ", "ข้อบังคับ"),
        ("ประกาศ", "ประกาศ"),
        ("คำสั่ง", "คำสั่ง"),
    ]
    STATUSES = [("in_force", "มีผลใช้บังคับ"), ("amended", "มีการแก้ไขเพิ่มเติม"), ("repealed", "ยกเลิกแล้ว")]

    legal_type = models.CharField("ประเภทกฎหมาย", max_length=40, choices=LEGAL_TYPES)
    number = models.CharField("เลขที่/ฉบับที่", max_length=60, blank=True)
    year_be = models.PositiveSmallIntegerField("ปี พ.ศ.", null=True, blank=True)
    issuer = models.CharField("ผู้ออก", max_length=255, blank=True)
    effective_date = models.DateField("วันที่มีผลใช้บังคับ", null=True, blank=True)
    # The status follows the relations and their dates (kb.legal.status); these three are
    # what it last worked out, kept from the live row when a revision is published.
    status = models.CharField("สถานะ", max_length=20, choices=STATUSES, default="in_force", editable=False)
    status_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    status_since = models.DateField(null=True, blank=True, editable=False)
    status_override = models.CharField(
        "กำหนดสถานะเอง",
        max_length=20,
        choices=STATUSES,
        blank=True,
        help_text="ว่างไว้ = ระบบกำหนดสถานะจากการแก้ไขและการยกเลิก (แนะนำ)",
    )
    status_override_reason = models.TextField("เหตุผลที่กำหนดสถานะเอง", blank=True)

    parent_page_types = ["kb.RegulationIndexPage"]
    subpage_types = []
    base_form_class = RegulationPageForm
    search_fields = RecordPage.search_fields + [index.SearchField("number"), index.FilterField("status")]
    content_panels = RecordPage.build_content_panels(
        [
            FieldRowPanel([FieldPanel("legal_type"), FieldPanel("number"), FieldPanel("year_be")]),
            FieldRowPanel([FieldPanel("issuer"), FieldPanel("effective_date")]),
            InlinePanel("legal_relations", label="แก้ไขเพิ่มเติม / ยกเลิก / ออกตามความใน"),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("status_override"), FieldPanel("status_override_reason")])],
                heading="สถานะทางกฎหมาย",
                help_text="สถานะเปลี่ยนเองเมื่อฉบับที่แก้ไขหรือยกเลิกมีผลใช้บังคับ กำหนดเองได้พร้อมเหตุผล (บันทึกในประวัติ)",
            ),
        ]
    )

    api_fields = RecordPage.api_fields + [
        APIField("legal_type"),
        APIField("number"),
        APIField("year_be"),
        APIField("issuer"),
        APIField("effective_date"),
        APIField("status_since"),
        APIField("lifecycle"),
    ]

    class Meta:
        verbose_name = "กฎหมาย/ระเบียบ"
        verbose_name_plural = "กฎหมายและระเบียบ"

    def clean(self):
        super().clean()
        from ..legal.relations import check_page

        # The editor's form checks the relations as edited (modelcluster applies them only
        # at save, so here they would be the old rows); elsewhere (code, Page.save) here.
        if not self.__dict__.get("relations_checked_by_form"):
            check_page(self)

    def save(self, *args, **kwargs):
        from ..legal.status import apply_status, log_changes

        self.__dict__.pop("_text_body", None)
        entries = apply_status(self, kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        log_changes(self, entries)

    def with_content_json(self, content):
        # The worked-out status belongs to the live row, not to the revision being published.
        page = super().with_content_json(content)
        page.status, page.status_by_id, page.status_since = self.status, self.status_by_id, self.status_since
        return page

    def text_body(self):
        # the text in force today (an amendment's consolidated text once it takes effect)
        body = self.__dict__.get("_text_body")
        if body is None:
            from ..legal import versions

            body = self.__dict__["_text_body"] = versions.body_of(self, versions.in_force_on(self).version)
        return body

    @property
    def lifecycle(self):
        """Both directions of every legal relation (the read API's "lifecycle" field)."""
        from ..legal.timeline import lifecycle_api

        return lifecycle_api(self)

    def get_context(self, request, *args, **kwargs):
        from ..legal import timeline, versions

        context = super().get_context(request, *args, **kwargs)
        selection = versions.in_force_on(self, request.GET.get("as_of"))
        context.update(self.citation_context(versions.body_of(self, selection.version)))
        context["selection"] = selection
        context["timeline"] = timeline.timeline(self)
        context["status_source"] = timeline.status_source(self)
        return context

    def get_status(self):
        return self.status

    def get_status_badge(self):
        return self.get_status_display()  # the note under it says by what and since when

    def get_status_label(self):
        """ "ยกเลิกแล้ว โดย <ชื่อ> มีผลตั้งแต่ <วันที่>" when an instrument made the status."""
        from ..legal.status import status_label

        return status_label(self)

    def get_metadata(self):
        return [
            ("ประเภท", self.legal_type),
            ("เลขที่", self.number),
            ("ปี พ.ศ.", self.year_be),
            ("ผู้ออก", self.issuer),
            ("สถานะ", self.get_status_label()),
            ("วันที่มีผลใช้บังคับ", format_thai_date(self.effective_date)),
        ]


class EthicsCodePage(RecordPage):
    record_type = "ethics_code"
    type_label = "ประมวลจริยธรรม"
    exact_date_field = "effective_date"
    year_fields = ("year_be",)

    issuer = models.CharField("ผู้ออก", max_length=255, blank=True)
    year_be = models.PositiveSmallIntegerField("ปี พ.ศ.", null=True, blank=True)
    effective_date = models.DateField("วันที่มีผลใช้บังคับ", null=True, blank=True)

    parent_page_types = ["kb.EthicsCodeIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels(
        [
            FieldRowPanel([FieldPanel("issuer"), FieldPanel("year_be"), FieldPanel("effective_date")]),
        ]
    )

    api_fields = RecordPage.api_fields + [
        APIField("issuer"),
        APIField("year_be"),
        APIField("effective_date"),
    ]

    class Meta:
        verbose_name = "ประมวลจริยธรรม"
        verbose_name_plural = "ประมวลจริยธรรม"

    def get_metadata(self):
        return [
            ("ผู้ออก", self.issuer),
            ("ปี พ.ศ.", self.year_be),
            ("วันที่มีผลใช้บังคับ", format_thai_date(self.effective_date)),
        ]


class MOUPage(RecordPage):
    record_type = "mou"
    type_label = "บันทึกความเข้าใจ"
    exact_date_field = "signed_date"
    year_fields = ("signed_to_be", "signed_from_be")  # sorts on the later year of a range
    exact_year_first = True
    year_range_fields = ("signed_from_be", "signed_to_be")
    year_range_label = "ระหว่างปี พ.ศ. {}–{}"
    STATUSES = [("active", "มีผลอยู่"), ("expired", "สิ้นสุดแล้ว"), ("unknown", "ไม่ระบุ")]

    parties = models.TextField("คู่ภาคี", blank=True, help_text="หนึ่งหน่วยงานต่อบรรทัด")
    countries = models.TextField("ประเทศ", blank=True, help_text="หนึ่งประเทศต่อบรรทัด")
    signed_date = models.DateField("วันที่ลงนาม", null=True, blank=True)
    signed_from_be = models.PositiveSmallIntegerField(
        "ลงนามระหว่างปี พ.ศ. (ตั้งแต่)", null=True, blank=True, help_text="ใช้เมื่อทราบเพียงช่วงปี"
    )
    signed_to_be = models.PositiveSmallIntegerField("ถึงปี พ.ศ.", null=True, blank=True)
    expiry_date = models.DateField("วันที่สิ้นสุด", null=True, blank=True)
    mou_status = models.CharField("สถานะ", max_length=20, choices=STATUSES, default="unknown")

    parent_page_types = ["kb.MOUIndexPage"]
    subpage_types = []
    search_fields = RecordPage.search_fields + [index.SearchField("parties"), index.SearchField("countries")]
    content_panels = RecordPage.build_content_panels(
        [
            FieldRowPanel([FieldPanel("parties"), FieldPanel("countries")]),
            FieldRowPanel([FieldPanel("signed_date"), FieldPanel("signed_from_be"), FieldPanel("signed_to_be")]),
            FieldRowPanel([FieldPanel("expiry_date"), FieldPanel("mou_status")]),
        ]
    )

    api_fields = RecordPage.api_fields + [
        APIField("party_list"),
        APIField("country_list"),
        APIField("signed_date"),
        APIField("signed_from_be"),
        APIField("signed_to_be"),
        APIField("expiry_date"),
        APIField("mou_status"),
    ]

    class Meta:
        verbose_name = "บันทึกความเข้าใจ (MOU)"
        verbose_name_plural = "บันทึกความเข้าใจ (MOU)"

    @property
    def party_list(self):
        return [p.strip() for p in self.parties.splitlines() if p.strip()]

    @property
    def country_list(self):
        return [c.strip() for c in self.countries.splitlines() if c.strip()]

    def signed_text(self):
        return self.date_label()

    def get_metadata(self):
        return [
            ("คู่ภาคี", "; ".join(self.party_list)),
            ("ประเทศ", ", ".join(self.country_list)),
            ("ลงนาม", self.signed_text()),
            ("วันที่สิ้นสุด", format_thai_date(self.expiry_date)),
            ("สถานะ", self.get_mou_status_display() if self.mou_status != "unknown" else ""),
        ]


class CabinetResolutionPage(RecordPage):
    record_type = "cabinet_resolution"
    type_label = "มติคณะรัฐมนตรี"
    exact_date_field = "meeting_date"

    meeting_date = models.DateField("วันที่ประชุมคณะรัฐมนตรี", null=True, blank=True)
    agenda_number = models.PositiveIntegerField(
        "ลำดับวาระ", null=True, blank=True, help_text="ลำดับเรื่องในวาระการประชุม (toP_SERLNO ในข้อมูลเปิด)"
    )
    outcome = models.CharField("ผลการพิจารณา", max_length=120, blank=True, help_text="เช่น รับทราบ เห็นชอบ อนุมัติ")
    proposer = models.CharField("หน่วยงานที่เสนอ", max_length=255, blank=True)
    chair = models.CharField("ประธานที่ประชุม", max_length=255, blank=True)
    category = models.CharField("หมวดหมู่", max_length=120, blank=True, default="มติ ครม.")
    published_at = models.DateTimeField("เวลาเผยแพร่", null=True, blank=True)
    disclaimer = models.TextField("ข้อความสงวนสิทธิ์", blank=True, default=CABINET_DISCLAIMER)

    parent_page_types = ["kb.CabinetResolutionIndexPage"]
    subpage_types = []
    search_fields = RecordPage.search_fields + [index.SearchField("proposer"), index.FilterField("meeting_date")]
    api_fields = RecordPage.api_fields + [
        APIField("meeting_date"),
        APIField("agenda_number"),
        APIField("outcome"),
        APIField("proposer"),
        APIField("chair"),
        APIField("category"),
        APIField("published_at"),
        APIField("related_regulations"),
    ]
    content_panels = RecordPage.build_content_panels(
        [
            FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("agenda_number"), FieldPanel("outcome")]),
            FieldRowPanel([FieldPanel("proposer"), FieldPanel("chair"), FieldPanel("category")]),
            FieldPanel("published_at"),
            FieldPanel("disclaimer"),
            InlinePanel("regulation_links", label="กฎหมาย/ระเบียบที่เกี่ยวข้อง"),
        ]
    )

    class Meta:
        verbose_name = "มติคณะรัฐมนตรี"
        verbose_name_plural = "มติคณะรัฐมนตรี"

    def get_context(self, request, *args, **kwargs):
        from ..legal import timeline

        context = super().get_context(request, *args, **kwargs)
        context["regulation_links"] = timeline.resolution_regulations(self)
        return context

    @property
    def related_regulations(self):
        """The visible regulations this resolution concerns (the read API's field)."""
        from ..legal.timeline import reference, resolution_regulations

        return [{**reference(link.regulation), "relation": link.relation} for link in resolution_regulations(self)]

    def get_metadata(self):
        return [
            ("วันที่ประชุม", format_thai_date(self.meeting_date)),
            ("ผลการพิจารณา", self.outcome),
            ("หน่วยงานที่เสนอ", self.proposer),
            ("ประธานที่ประชุม", self.chair),
            ("หมวดหมู่", self.category),
            ("เผยแพร่เมื่อ", format_thai_date(self.published_at, "datetime")),
        ]


class NewsPage(RecordPage):
    record_type = "news"
    type_label = "ข่าว"
    exact_date_field = "date"

    date = models.DateField("วันที่", null=True, blank=True)

    parent_page_types = ["kb.NewsIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([FieldPanel("date")])

    api_fields = RecordPage.api_fields + [
        APIField("date"),
    ]

    class Meta:
        verbose_name = "ข่าว"
        verbose_name_plural = "ข่าว"

    def get_metadata(self):
        return [("วันที่", format_thai_date(self.date))]


class ReportPage(RecordPage):
    record_type = "report"
    type_label = "รายงาน"
    exact_date_field = "date"
    year_fields = ("fiscal_year_be",)
    # A fiscal year B.E. N runs 1 Oct (N-1) to 30 Sep N; sort by its end, which the pages
    # have always shown (<time datetime>) as the report's date.
    year_sort_day = (9, 30)
    year_date_is_exact = True
    year_label = "ปีงบประมาณ พ.ศ. {}"

    date = models.DateField("วันที่", null=True, blank=True)
    fiscal_year_be = models.PositiveSmallIntegerField("ปีงบประมาณ พ.ศ.", null=True, blank=True)

    parent_page_types = ["kb.ReportIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels(
        [FieldRowPanel([FieldPanel("date"), FieldPanel("fiscal_year_be")])]
    )

    api_fields = RecordPage.api_fields + [
        APIField("date"),
        APIField("fiscal_year_be"),
    ]

    class Meta:
        verbose_name = "รายงาน"
        verbose_name_plural = "รายงาน"

    def get_metadata(self):
        return [("วันที่", format_thai_date(self.date)), ("ปีงบประมาณ", self.fiscal_year_be)]


class ProjectPage(RecordPage):
    record_type = "project"
    type_label = "โครงการ"
    year_fields = ("start_year_be", "end_year_be")
    year_range_fields = ("start_year_be", "end_year_be")

    start_year_be = models.PositiveSmallIntegerField("ปีเริ่มต้น พ.ศ.", null=True, blank=True)
    end_year_be = models.PositiveSmallIntegerField("ปีสิ้นสุด พ.ศ.", null=True, blank=True)

    parent_page_types = ["kb.ProjectIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels(
        [FieldRowPanel([FieldPanel("start_year_be"), FieldPanel("end_year_be")])]
    )

    api_fields = RecordPage.api_fields + [
        APIField("start_year_be"),
        APIField("end_year_be"),
    ]

    class Meta:
        verbose_name = "โครงการ"
        verbose_name_plural = "โครงการ"

    def get_metadata(self):
        return [("ปีเริ่มต้น", self.start_year_be), ("ปีสิ้นสุด", self.end_year_be)]


class ContentPage(RecordPage):
    """Pages of the ethics centre, the organisation and international affairs (type `page`)."""

    record_type = "page"
    type_label = "หน้าเนื้อหา"
    SECTIONS = [("ethics", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"), ("organisation", "องค์กร"), ("international", "การต่างประเทศ")]

    section = models.CharField("หมวด", max_length=20, choices=SECTIONS, blank=True)

    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([FieldPanel("section")])

    api_fields = RecordPage.api_fields + [
        APIField("section"),
    ]

    class Meta:
        verbose_name = "หน้าเนื้อหา"
        verbose_name_plural = "หน้าเนื้อหา"

    def get_metadata(self):
        return []

    @cached_property
    def metadata_rows(self):
        return []


RECORD_MODELS = {
    model.record_type: model
    for model in (
        RegulationPage,
        EthicsCodePage,
        MOUPage,
        CabinetResolutionPage,
        NewsPage,
        ReportPage,
        ProjectPage,
        ContentPage,
    )
}
