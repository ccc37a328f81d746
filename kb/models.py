"""Record pages: regulations, ethics codes, MOUs, cabinet resolutions, news, reports,
projects and content pages, on one concrete base page that carries the shared metadata.

A concrete base (rather than an abstract mixin) gives one table where identifiers are
unique across every kind, one tag through-model for subjects, and one queryset the
search index and importers can walk.
"""
import datetime
import html

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from search.analysis import index_document

from .blocks import AttachmentBlock, RecordBodyBlock
from .moderation import DeleteRuleMixin
from .thai_dates import format_thai_date

CABINET_DISCLAIMER = (
    "ข้อมูลมติคณะรัฐมนตรีที่เผยแพร่นี้เป็นข้อมูลเบื้องต้นเพื่อการประชาสัมพันธ์ "
    "หากต้องการอ้างอิงโปรดตรวจสอบกับสำนักเลขาธิการคณะรัฐมนตรี"
)


class RecordSubjectTag(TaggedItemBase):
    content_object = ParentalKey("kb.RecordPage", on_delete=models.CASCADE, related_name="subject_items")


class ThaiSearchMixin:
    """Gives Wagtail's own (admin) search a field of analysed Thai terms; see search.wagtail_backend."""

    # The admin's page search uses autocomplete, so the terms feed both kinds of field.
    thai_search_fields = [index.SearchField("thai_search_terms"), index.AutocompleteField("thai_search_terms")]

    def admin_search_text(self):
        return self.title

    def thai_search_terms(self):
        primary, extras = index_document(self.admin_search_text())
        return " ".join(primary + extras)


class RecordPage(DeleteRuleMixin, ThaiSearchMixin, Page):
    """Shared metadata of every record (RECORDS.md: identifier, agency, subjects, source, language, dates)."""

    record_type = ""  # the RECORDS.md `type` value, set by each kind
    type_label = "เอกสาร"

    identifier = models.CharField(
        "รหัสอ้างอิง", max_length=120, unique=True,
        help_text="รหัสถาวรของเอกสาร ใช้นำเข้าซ้ำโดยไม่สร้างซ้ำ (stable identifier)",
    )
    agency = models.CharField("หน่วยงานที่รับผิดชอบ", max_length=255, blank=True)
    subjects = ClusterTaggableManager("หัวเรื่อง", through=RecordSubjectTag, blank=True)
    source = models.CharField("แหล่งที่มา", max_length=255, blank=True)
    source_url = models.URLField("ลิงก์ต้นฉบับ", max_length=500, blank=True)
    language = models.CharField("ภาษา", max_length=8, default="th")
    summary = models.TextField("สาระสังเขป", blank=True)
    body = StreamField(RecordBodyBlock(), blank=True, verbose_name="เนื้อหา")
    attachments = StreamField(AttachmentBlock(), blank=True, verbose_name="เอกสารแนบ")
    # Denormalised from each kind's own date so listings and search can sort by one column.
    sort_date = models.DateField(null=True, blank=True, editable=False, db_index=True)

    is_creatable = False
    parent_page_types = []
    # Identifiers are unique: a copy must not carry its source's into the page or into the
    # revisions Wagtail copies with it; copy_all_child_relations gives it one of its own.
    exclude_fields_in_copy = ["identifier"]

    search_fields = Page.search_fields + ThaiSearchMixin.thai_search_fields + [
        index.SearchField("identifier", boost=5),
        index.SearchField("agency"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("sort_date"),
    ]

    metadata_panels = [
        FieldPanel("identifier"),
        FieldRowPanel([FieldPanel("agency"), FieldPanel("language")]),
        FieldPanel("subjects"),
        FieldRowPanel([FieldPanel("source"), FieldPanel("source_url")]),
    ]
    kind_panels = []
    content_panels = Page.content_panels + [
        MultiFieldPanel(kind_panels, heading="ข้อมูลเฉพาะ"),
        MultiFieldPanel(metadata_panels, heading="ข้อมูลกำกับ (metadata)"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        InlinePanel("related_links", label="เอกสารที่เกี่ยวข้อง"),
    ]

    class Meta:
        verbose_name = "เอกสาร"

    @classmethod
    def build_content_panels(cls, kind_panels):
        return Page.content_panels + [
            MultiFieldPanel(kind_panels, heading="ข้อมูลเฉพาะ"),
            MultiFieldPanel(cls.metadata_panels, heading="ข้อมูลกำกับ (metadata)"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("attachments"),
            InlinePanel("related_links", label="เอกสารที่เกี่ยวข้อง"),
        ]

    # --- values each kind may refine -------------------------------------------------
    def get_record_date(self):
        """The date a reader would sort this record by (meeting, signing, publication…)."""
        return None

    def get_year_be(self):
        date = self.get_record_date()
        return date.year + 543 if date else None

    def get_exact_date(self):
        """The record's own day, when known (get_record_date may stand a year in for sorting)."""
        return self.get_record_date()

    def date_label(self):
        """The date as readers should see it: the Thai date, or only the B.E. year when that is all we know."""
        exact = self.get_exact_date()
        if exact:
            return format_thai_date(exact)
        year = self.get_year_be()
        return f"พ.ศ. {year}" if year else ""

    def get_status(self):
        """Legal status for the search facet ('' where the kind has none)."""
        return ""

    def get_status_label(self):
        return ""

    def get_metadata(self):
        """(label, value) rows for the record's metadata panel, kind-specific first."""
        return []

    def save(self, *args, **kwargs):
        self.sort_date = self.get_record_date()
        if not self.identifier:  # made in code without one; forms and the importer require it
            self.identifier = free_identifier(self.slug or "record")
        super().save(*args, **kwargs)

    def copy_all_child_relations(self, target, exclude=None, commit=False, append=False):
        # Wagtail's page copy (admin "Copy", Page.copy) calls this on the source with the new,
        # unsaved copy, before saving it: the one place that sees both, so the copy is named
        # after its source: "<identifier>-copy", "-copy-2"…
        if exclude and "identifier" in exclude and isinstance(target, RecordPage) and not target.identifier:
            target.identifier = free_identifier(self.identifier, "-copy")
        return super().copy_all_child_relations(target, exclude=exclude, commit=commit, append=append)

    # --- text for search and snippets ---------------------------------------------
    def admin_search_text(self):
        return "\n".join([self.title, self.summary, self.metadata_text(), self.body_text()])

    def body_text(self):
        """The body as plain text, one block per line (tables and lists cell by cell)."""
        lines = []
        for block in self.body:
            lines.extend(block_text_lines(block.block_type, block.value))
        return "\n".join(line for line in lines if line)

    def metadata_text(self):
        parts = [self.identifier, self.agency, " ".join(self.subjects.names())]
        parts.extend(str(value) for _label, value in self.get_metadata() if value)
        return "\n".join(p for p in parts if p)

    @cached_property
    def metadata_rows(self):
        rows = [(label, value) for label, value in self.get_metadata() if value not in (None, "", [])]
        rows += [("หน่วยงาน", self.agency), ("รหัสอ้างอิง", self.identifier)]
        return [(label, value) for label, value in rows if value]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The editor's order, but only targets anyone may see: this box is on a public page.
        target_ids = [link.target_id for link in self.related_links.all() if link.target_id]
        visible = {page.pk: page for page in published_records().filter(pk__in=target_ids).specific()}
        context["related_records"] = [visible[pk] for pk in dict.fromkeys(target_ids) if pk in visible]
        return context


def free_identifier(stem, suffix=""):
    """`stem+suffix`, else `…suffix-2`, `…suffix-3`…: the first identifier no record has,
    the stem cut (never the suffix) to fit max_length."""
    limit = RecordPage._meta.get_field("identifier").max_length
    n = 1
    while True:
        tail = suffix + (f"-{n}" if n > 1 else "")
        candidate = stem[:limit - len(tail)] + tail
        if not RecordPage.objects.filter(identifier=candidate).exists():
            return candidate
        n += 1


def block_text_lines(block_type, value):
    """Plain-text lines of one body block, for indexing and snippets."""
    if block_type == "paragraph":
        return [html.unescape(strip_tags(value.source)).strip()]
    if block_type == "heading":
        return [value["text"]]
    if block_type in ("numbered_list", "bulleted_list", "steps", "footnotes"):
        return [str(item) for item in value]
    if block_type == "table":
        rows = (value or {}).get("data") or []
        caption = (value or {}).get("table_caption") or ""
        return [caption] + [" ".join(str(c) for c in row if c) for row in rows]
    if block_type == "statements":
        lines = []
        for statement in value:
            lines += [statement["title"], statement["text"] or ""] + [str(i) for i in statement["items"]]
        return lines
    if block_type == "people":
        return [f"{p['name']} {p['position'] or ''}".strip() for p in value]
    if block_type == "disclaimer":
        return [str(value)]
    return []


class RelatedRecord(Orderable):
    page = ParentalKey(RecordPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        RecordPage, on_delete=models.CASCADE, related_name="+", verbose_name="เอกสาร"
    )
    panels = [FieldPanel("target")]


# ----------------------------------------------------------------------------- kinds

class RegulationPage(RecordPage):
    record_type = "regulation"
    type_label = "กฎหมายและระเบียบ"

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
    status = models.CharField("สถานะ", max_length=20, choices=STATUSES, default="in_force")
    effective_date = models.DateField("วันที่มีผลใช้บังคับ", null=True, blank=True)
    amends = ParentalManyToManyField("self", symmetrical=False, blank=True, related_name="amended_by",
                                     verbose_name="แก้ไขเพิ่มเติม")
    repeals = ParentalManyToManyField("self", symmetrical=False, blank=True, related_name="repealed_by",
                                      verbose_name="ยกเลิก")

    parent_page_types = ["kb.RegulationIndexPage"]
    subpage_types = []
    search_fields = RecordPage.search_fields + [index.SearchField("number"), index.FilterField("status")]
    content_panels = RecordPage.build_content_panels([
        FieldRowPanel([FieldPanel("legal_type"), FieldPanel("number"), FieldPanel("year_be")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("status"), FieldPanel("effective_date")]),
        FieldPanel("amends"),
        FieldPanel("repeals"),
    ])

    class Meta:
        verbose_name = "กฎหมาย/ระเบียบ"
        verbose_name_plural = "กฎหมายและระเบียบ"

    def get_record_date(self):
        if self.effective_date:
            return self.effective_date
        return datetime.date(self.year_be - 543, 1, 1) if self.year_be else None

    def get_exact_date(self):
        return self.effective_date

    def get_year_be(self):
        return self.year_be or super().get_year_be()

    def get_status(self):
        return self.status

    def get_status_label(self):
        return self.get_status_display()

    def get_metadata(self):
        return [
            ("ประเภท", self.legal_type),
            ("เลขที่", self.number),
            ("ปี พ.ศ.", self.year_be),
            ("ผู้ออก", self.issuer),
            ("สถานะ", self.get_status_display()),
            ("วันที่มีผลใช้บังคับ", format_thai_date(self.effective_date)),
        ]


class EthicsCodePage(RecordPage):
    record_type = "ethics_code"
    type_label = "ประมวลจริยธรรม"

    issuer = models.CharField("ผู้ออก", max_length=255, blank=True)
    year_be = models.PositiveSmallIntegerField("ปี พ.ศ.", null=True, blank=True)
    effective_date = models.DateField("วันที่มีผลใช้บังคับ", null=True, blank=True)

    parent_page_types = ["kb.EthicsCodeIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("year_be"), FieldPanel("effective_date")]),
    ])

    class Meta:
        verbose_name = "ประมวลจริยธรรม"
        verbose_name_plural = "ประมวลจริยธรรม"

    def get_record_date(self):
        if self.effective_date:
            return self.effective_date
        return datetime.date(self.year_be - 543, 1, 1) if self.year_be else None

    def get_exact_date(self):
        return self.effective_date

    def get_year_be(self):
        return self.year_be or super().get_year_be()

    def get_metadata(self):
        return [("ผู้ออก", self.issuer), ("ปี พ.ศ.", self.year_be),
                ("วันที่มีผลใช้บังคับ", format_thai_date(self.effective_date))]


class MOUPage(RecordPage):
    record_type = "mou"
    type_label = "บันทึกความเข้าใจ"
    STATUSES = [("active", "มีผลอยู่"), ("expired", "สิ้นสุดแล้ว"), ("unknown", "ไม่ระบุ")]

    parties = models.TextField("คู่ภาคี", blank=True, help_text="หนึ่งหน่วยงานต่อบรรทัด")
    countries = models.TextField("ประเทศ", blank=True, help_text="หนึ่งประเทศต่อบรรทัด")
    signed_date = models.DateField("วันที่ลงนาม", null=True, blank=True)
    signed_from_be = models.PositiveSmallIntegerField("ลงนามระหว่างปี พ.ศ. (ตั้งแต่)", null=True, blank=True,
                                                      help_text="ใช้เมื่อทราบเพียงช่วงปี")
    signed_to_be = models.PositiveSmallIntegerField("ถึงปี พ.ศ.", null=True, blank=True)
    expiry_date = models.DateField("วันที่สิ้นสุด", null=True, blank=True)
    mou_status = models.CharField("สถานะ", max_length=20, choices=STATUSES, default="unknown")

    parent_page_types = ["kb.MOUIndexPage"]
    subpage_types = []
    search_fields = RecordPage.search_fields + [index.SearchField("parties"), index.SearchField("countries")]
    content_panels = RecordPage.build_content_panels([
        FieldRowPanel([FieldPanel("parties"), FieldPanel("countries")]),
        FieldRowPanel([FieldPanel("signed_date"), FieldPanel("signed_from_be"), FieldPanel("signed_to_be")]),
        FieldRowPanel([FieldPanel("expiry_date"), FieldPanel("mou_status")]),
    ])

    class Meta:
        verbose_name = "บันทึกความเข้าใจ (MOU)"
        verbose_name_plural = "บันทึกความเข้าใจ (MOU)"

    @property
    def party_list(self):
        return [p.strip() for p in self.parties.splitlines() if p.strip()]

    @property
    def country_list(self):
        return [c.strip() for c in self.countries.splitlines() if c.strip()]

    def get_record_date(self):
        if self.signed_date:
            return self.signed_date
        year = self.signed_to_be or self.signed_from_be
        return datetime.date(year - 543, 1, 1) if year else None

    def get_exact_date(self):
        return self.signed_date

    def date_label(self):
        return self.signed_text()

    def get_year_be(self):
        if self.signed_date:
            return self.signed_date.year + 543
        return self.signed_to_be or self.signed_from_be

    def signed_text(self):
        if self.signed_date:
            return format_thai_date(self.signed_date)
        if self.signed_from_be and self.signed_to_be and self.signed_from_be != self.signed_to_be:
            return f"ระหว่างปี พ.ศ. {self.signed_from_be}–{self.signed_to_be}"
        year = self.signed_from_be or self.signed_to_be
        return f"พ.ศ. {year}" if year else ""

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

    meeting_date = models.DateField("วันที่ประชุมคณะรัฐมนตรี", null=True, blank=True)
    agenda_number = models.PositiveIntegerField(
        "ลำดับวาระ", null=True, blank=True, help_text="ลำดับเรื่องในวาระการประชุม (toP_SERLNO ในข้อมูลเปิด)")
    outcome = models.CharField("ผลการพิจารณา", max_length=120, blank=True, help_text="เช่น รับทราบ เห็นชอบ อนุมัติ")
    proposer = models.CharField("หน่วยงานที่เสนอ", max_length=255, blank=True)
    chair = models.CharField("ประธานที่ประชุม", max_length=255, blank=True)
    category = models.CharField("หมวดหมู่", max_length=120, blank=True, default="มติ ครม.")
    published_at = models.DateTimeField("เวลาเผยแพร่", null=True, blank=True)
    disclaimer = models.TextField("ข้อความสงวนสิทธิ์", blank=True, default=CABINET_DISCLAIMER)

    parent_page_types = ["kb.CabinetResolutionIndexPage"]
    subpage_types = []
    search_fields = RecordPage.search_fields + [index.SearchField("proposer"), index.FilterField("meeting_date")]
    content_panels = RecordPage.build_content_panels([
        FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("agenda_number"), FieldPanel("outcome")]),
        FieldRowPanel([FieldPanel("proposer"), FieldPanel("chair"), FieldPanel("category")]),
        FieldPanel("published_at"),
        FieldPanel("disclaimer"),
    ])

    class Meta:
        verbose_name = "มติคณะรัฐมนตรี"
        verbose_name_plural = "มติคณะรัฐมนตรี"

    def get_record_date(self):
        return self.meeting_date

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

    date = models.DateField("วันที่", null=True, blank=True)

    parent_page_types = ["kb.NewsIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([FieldPanel("date")])

    class Meta:
        verbose_name = "ข่าว"
        verbose_name_plural = "ข่าว"

    def get_record_date(self):
        return self.date

    def get_metadata(self):
        return [("วันที่", format_thai_date(self.date))]


class ReportPage(RecordPage):
    record_type = "report"
    type_label = "รายงาน"

    date = models.DateField("วันที่", null=True, blank=True)
    fiscal_year_be = models.PositiveSmallIntegerField("ปีงบประมาณ พ.ศ.", null=True, blank=True)

    parent_page_types = ["kb.ReportIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([FieldRowPanel([FieldPanel("date"), FieldPanel("fiscal_year_be")])])

    class Meta:
        verbose_name = "รายงาน"
        verbose_name_plural = "รายงาน"

    def get_record_date(self):
        if self.date:
            return self.date
        # A fiscal year B.E. N runs 1 Oct (N-1) to 30 Sep N; sort by its end.
        return datetime.date(self.fiscal_year_be - 543, 9, 30) if self.fiscal_year_be else None

    def date_label(self):
        if self.date or not self.fiscal_year_be:
            return super().date_label()
        return f"ปีงบประมาณ พ.ศ. {self.fiscal_year_be}"

    def get_year_be(self):
        return self.fiscal_year_be or super().get_year_be()

    def get_metadata(self):
        return [("วันที่", format_thai_date(self.date)), ("ปีงบประมาณ", self.fiscal_year_be)]


class ProjectPage(RecordPage):
    record_type = "project"
    type_label = "โครงการ"

    start_year_be = models.PositiveSmallIntegerField("ปีเริ่มต้น พ.ศ.", null=True, blank=True)
    end_year_be = models.PositiveSmallIntegerField("ปีสิ้นสุด พ.ศ.", null=True, blank=True)

    parent_page_types = ["kb.ProjectIndexPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([FieldRowPanel([FieldPanel("start_year_be"), FieldPanel("end_year_be")])])

    class Meta:
        verbose_name = "โครงการ"
        verbose_name_plural = "โครงการ"

    def get_record_date(self):
        year = self.start_year_be or self.end_year_be
        return datetime.date(year - 543, 1, 1) if year else None

    def get_exact_date(self):
        return None

    def date_label(self):
        if self.start_year_be and self.end_year_be and self.start_year_be != self.end_year_be:
            return f"พ.ศ. {self.start_year_be}–{self.end_year_be}"
        return super().date_label()

    def get_metadata(self):
        return [("ปีเริ่มต้น", self.start_year_be), ("ปีสิ้นสุด", self.end_year_be)]


class ContentPage(RecordPage):
    """Pages of the ethics centre, the organisation and international affairs (type `page`)."""

    record_type = "page"
    type_label = "หน้าเนื้อหา"
    SECTIONS = [("ethics", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"), ("organisation", "องค์กร"),
                ("international", "การต่างประเทศ")]

    section = models.CharField("หมวด", max_length=20, choices=SECTIONS, blank=True)

    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    content_panels = RecordPage.build_content_panels([FieldPanel("section")])

    class Meta:
        verbose_name = "หน้าเนื้อหา"
        verbose_name_plural = "หน้าเนื้อหา"

    def get_metadata(self):
        return []

    @cached_property
    def metadata_rows(self):
        return []


def visible_to_public(pages):
    """The "anyone may see" rule for any page queryset: live, public (no view restriction on
    the page or an ancestor: login, password or groups) and not expired. Every listing of other
    pages on a public page (related records, index pages, home, sections, menu, breadcrumbs)
    goes through this, as search and the feeds do through published_records()."""
    return pages.live().public().filter(expired=False)


def published_records(model=None):
    """Records anyone may see (visible_to_public). Search, feeds and the search fallback all
    list only these."""
    return visible_to_public((model or RecordPage).objects.all())


RECORD_MODELS = {
    model.record_type: model
    for model in (RegulationPage, EthicsCodePage, MOUPage, CabinetResolutionPage, NewsPage, ReportPage,
                  ProjectPage, ContentPage)
}


# ----------------------------------------------------------------------------- index pages

class RecordIndexPage(DeleteRuleMixin, Page):
    """Lists its records newest first, with the filters that fit the kind, paginated."""

    intro = models.TextField("คำอธิบาย", blank=True)
    record_model = RecordPage
    per_page = 20
    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "kb/record_index_page.html"

    class Meta:
        abstract = True

    def feed_url(self):
        """The RSS feed of this kind's newest records (kb/feeds.py)."""
        return reverse("feed_kind", kwargs={"kind": self.record_model.record_type})

    def records(self):
        return (published_records(self.record_model).child_of(self)
                .order_by(models.F("sort_date").desc(nulls_last=True), "-first_published_at"))

    def filter_definitions(self, records):
        """[(param, label, [(value, label)], lookup)] — the filters this kind offers."""
        years = sorted({r.get_year_be() for r in records if r.get_year_be()}, reverse=True)
        return [("year", "ปี พ.ศ.", [(str(y), str(y)) for y in years], None)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_records = list(self.records())
        filters, selected = [], {}
        for param, label, options, _ in self.filter_definitions(all_records):
            value = request.GET.get(param, "")
            if value not in {v for v, _l in options}:
                value = ""
            selected[param] = value
            filters.append({"name": param, "label": label, "options": options, "value": value})
        records = [r for r in all_records if self.matches(r, selected)]
        paginator = Paginator(records, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1 if not str(request.GET.get("page", "")).isdigit() else paginator.num_pages)
        context.update(filters=filters, page_obj=page_obj, records=page_obj.object_list,
                       total=len(records), any_filter=any(selected.values()))
        return context

    def matches(self, record, selected):
        value = selected.get("year")
        return not value or str(record.get_year_be()) == value


class RegulationIndexPage(RecordIndexPage):
    record_model = RegulationPage
    subpage_types = ["kb.RegulationPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญกฎหมายและระเบียบ"

    def filter_definitions(self, records):
        types = sorted({r.legal_type for r in records})
        return super().filter_definitions(records) + [
            ("status", "สถานะ", RegulationPage.STATUSES, None),
            ("legal_type", "ประเภท", [(t, t) for t in types], None),
        ]

    def matches(self, record, selected):
        return (super().matches(record, selected)
                and (not selected.get("status") or record.status == selected["status"])
                and (not selected.get("legal_type") or record.legal_type == selected["legal_type"]))


class EthicsCodeIndexPage(RecordIndexPage):
    record_model = EthicsCodePage
    subpage_types = ["kb.EthicsCodePage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญประมวลจริยธรรม"


class MOUIndexPage(RecordIndexPage):
    record_model = MOUPage
    subpage_types = ["kb.MOUPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญบันทึกความเข้าใจ"

    def filter_definitions(self, records):
        countries = sorted({c for r in records for c in r.country_list if c != "ไทย"})
        return super().filter_definitions(records) + [("country", "ประเทศ", [(c, c) for c in countries], None)]

    def matches(self, record, selected):
        return super().matches(record, selected) and (
            not selected.get("country") or selected["country"] in record.country_list)


class CabinetResolutionIndexPage(RecordIndexPage):
    record_model = CabinetResolutionPage
    subpage_types = ["kb.CabinetResolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญมติคณะรัฐมนตรี"

    def filter_definitions(self, records):
        outcomes = sorted({r.outcome for r in records if r.outcome})
        return super().filter_definitions(records) + [("outcome", "ผลการพิจารณา", [(o, o) for o in outcomes], None)]

    def matches(self, record, selected):
        return super().matches(record, selected) and (
            not selected.get("outcome") or record.outcome == selected["outcome"])


class NewsIndexPage(RecordIndexPage):
    record_model = NewsPage
    subpage_types = ["kb.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญข่าว"


class ReportIndexPage(RecordIndexPage):
    record_model = ReportPage
    subpage_types = ["kb.ReportPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญรายงาน"


class ProjectIndexPage(RecordIndexPage):
    record_model = ProjectPage
    subpage_types = ["kb.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = "สารบัญโครงการ"


INDEX_MODELS = {
    "regulation": RegulationIndexPage,
    "ethics_code": EthicsCodeIndexPage,
    "mou": MOUIndexPage,
    "cabinet_resolution": CabinetResolutionIndexPage,
    "news": NewsIndexPage,
    "report": ReportIndexPage,
    "project": ProjectIndexPage,
}
