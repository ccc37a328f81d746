"""The complaint page (the form and the status lookup) and the complaints themselves.

Only metadata is stored in the clear (status, dates, whether anonymous, file kinds and
sizes); every word the complainant or an officer writes, and each evidence file, is
encrypted (complaints.crypto). Nothing here is a Wagtail page except ComplaintPage, so no
complaint can reach the search index, the API, feeds, sitemaps or the open-data exports,
which all list record pages only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from kb.moderation import DeleteRuleMixin

from .crypto import EncryptedTextField

MANAGE_PERMISSION = "complaints.change_complaint"
# Nobody deletes a complaint, its files or notes by hand: only purge_complaints (retention).
NO_DELETE = ("add", "change", "view")


class ComplaintPage(DeleteRuleMixin, RoutablePageMixin, Page):
    """/complaint/ (the form) and /complaint/status/ (the lookup by tracking code)."""

    intro = models.TextField("คำแนะนำ", blank=True)
    pdpa_notice = RichTextField(
        "ประกาศความเป็นส่วนตัว (PDPA)",
        help_text="วัตถุประสงค์ ฐานทางกฎหมาย ระยะเวลาเก็บรักษา สิทธิของเจ้าของข้อมูล ผู้ร้องต้องอ่านและยืนยันก่อนส่ง",
    )
    controller_contact = models.TextField("ผู้ควบคุมข้อมูลส่วนบุคคลและช่องทางติดต่อ", blank=True)
    officer_emails = models.TextField(
        "อีเมลเจ้าหน้าที่รับเรื่อง",
        blank=True,
        help_text="บรรทัดละหนึ่งอีเมล ได้รับแจ้งเมื่อมีเรื่องใหม่ (อีเมลไม่มีเนื้อหาเรื่องร้องเรียน)",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("pdpa_notice"),
        FieldPanel("controller_contact"),
        # Where new-complaint notices go: only those who may work complaints see or change it
        # (Wagtail drops the field from the form of everyone else, so a crafted POST is ignored).
        FieldPanel("officer_emails", permission=MANAGE_PERMISSION),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "complaints/complaint_page.html"

    class Meta:
        verbose_name = "หน้ารับเรื่องร้องเรียนการทุจริต"

    type_label = "ช่องทางร้องเรียน"

    def officer_email_list(self):
        return [line.strip() for line in self.officer_emails.replace(",", "\n").splitlines() if line.strip()]

    @path("")
    def form_route(self, request):
        from . import views

        return views.complaint_form(request, self)

    @path("send/", name="send")
    def send_route(self, request):
        from . import views

        return views.complaint_send(request, self)

    @path("submitted/", name="submitted")
    def submitted_route(self, request):
        from . import views

        return views.complaint_submitted(request, self)

    @path("status/", name="status")
    def status_route(self, request):
        from . import views

        return views.status_lookup(request, self)


class Complaint(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "รับเรื่องแล้ว"
        EXAMINING = "examining", "อยู่ระหว่างตรวจสอบ"
        FORWARDED = "forwarded", "ส่งต่อหน่วยงานที่เกี่ยวข้อง"
        CLOSED = "closed", "ปิดเรื่อง"

    tracking_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField("สถานะ", max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    anonymous = models.BooleanField("ไม่เปิดเผยชื่อ", default=False)
    received_at = models.DateTimeField("วันที่รับเรื่อง", default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField("วันที่เปลี่ยนสถานะล่าสุด", default=timezone.now)
    closed_at = models.DateTimeField("วันที่ปิดเรื่อง", null=True, blank=True, db_index=True)
    pdpa_acknowledged_at = models.DateTimeField("วันที่รับทราบประกาศความเป็นส่วนตัว")

    # The guide's points, encrypted.
    accused_name = EncryptedTextField("ชื่อผู้ถูกร้องเรียน", blank=True)
    accused_position = EncryptedTextField("ตำแหน่งผู้ถูกร้องเรียน", blank=True)
    accused_agency = EncryptedTextField("หน่วยงานของผู้ถูกร้องเรียน", blank=True)
    allegation = EncryptedTextField("ข้อกล่าวหา")
    details = EncryptedTextField("พฤติการณ์การกระทำความผิด")
    occurred_when = EncryptedTextField("วันเวลาที่เกิดเหตุ", blank=True)
    occurred_where = EncryptedTextField("สถานที่เกิดเหตุ", blank=True)
    witnesses = EncryptedTextField("พยานบุคคลและพยานหลักฐาน", blank=True)
    reported_elsewhere = EncryptedTextField("เคยร้องเรียนหน่วยงานอื่นและผล", blank=True)
    complainant_name = EncryptedTextField("ชื่อ-สกุลผู้ร้องเรียน", blank=True)
    complainant_address = EncryptedTextField("ที่อยู่ผู้ร้องเรียน", blank=True)
    complainant_phone = EncryptedTextField("โทรศัพท์ผู้ร้องเรียน", blank=True)
    complainant_email = EncryptedTextField("อีเมลผู้ร้องเรียน", blank=True)

    CONTENT_FIELDS = (
        "accused_name",
        "accused_position",
        "accused_agency",
        "allegation",
        "details",
        "occurred_when",
        "occurred_where",
        "witnesses",
        "reported_elsewhere",
        "complainant_name",
        "complainant_address",
        "complainant_phone",
        "complainant_email",
    )
    CONTACT_FIELDS = ("complainant_name", "complainant_address", "complainant_phone", "complainant_email")

    class Meta:
        verbose_name = "เรื่องร้องเรียนการทุจริต"
        verbose_name_plural = "เรื่องร้องเรียนการทุจริต"
        ordering = ["-received_at"]
        default_permissions = NO_DELETE

    def __str__(self):
        # The label of audit-log entries: never any content.
        return f"เรื่องร้องเรียนเลขที่ {self.pk}"

    def set_status(self, status, now=None):
        now = now or timezone.now()
        self.status, self.status_changed_at = status, now
        self.closed_at = now if status == self.Status.CLOSED else None


class EvidenceFile(models.Model):
    """One evidence file, encrypted, under settings.COMPLAINTS_FILES_ROOT (never MEDIA_ROOT)."""

    KINDS = {
        "pdf": "application/pdf",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    }
    EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "docx": "docx"}

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    stored_name = models.CharField(max_length=64, unique=True, editable=False)  # random, says nothing
    original_name = EncryptedTextField("ชื่อไฟล์")
    kind = models.CharField(max_length=10, choices=[(k, k.upper()) for k in KINDS])
    size = models.PositiveIntegerField("ขนาด (ไบต์)")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "ไฟล์หลักฐาน"
        default_permissions = NO_DELETE

    def __str__(self):
        return f"ไฟล์หลักฐานที่ {self.pk} ของ{self.complaint}"

    @property
    def path(self):
        return settings.COMPLAINTS_FILES_ROOT / self.stored_name

    @property
    def content_type(self):
        return self.KINDS[self.kind]


class ComplaintNote(models.Model):
    """An officer's working note (encrypted) and the status it set, if any."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField("บันทึก", blank=True)
    status = models.CharField(max_length=20, choices=Complaint.Status.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "บันทึกของเจ้าหน้าที่"
        default_permissions = NO_DELETE

    def __str__(self):
        return f"บันทึกที่ {self.pk} ของ{self.complaint}"


class ComplaintTally(models.Model):
    """What is left of purged complaints: how many, per year received and final status."""

    year = models.PositiveIntegerField("ปีที่รับเรื่อง (ค.ศ.)")
    status = models.CharField(max_length=20, choices=Complaint.Status.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "status"], name="complaints_tally_year_status")]
        verbose_name = "สถิติเรื่องร้องเรียนที่ลบแล้ว"

    def __str__(self):
        return f"{self.year} {self.get_status_display()}: {self.count}"


class Throttle(models.Model):
    """One counted attempt (a submission, a wrong tracking code) by a keyed hash of the
    client address; rows older than a day are deleted as new ones come. In the database,
    so every worker process and machine shares the counts."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="complaints_throttle_idx")]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
