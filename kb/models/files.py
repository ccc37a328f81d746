"""The text inside a record's files: one FileText per Wagtail document (where its
extraction stands, what kind of file it is) and its pages' text (FileTextPage).

Extraction runs in the background (kb.files.tasks); a document saved with new content is
set back to WAITING and extracted again."""

from django.db import models
from wagtail.documents import get_document_model_string


class FileText(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", "รอดึงข้อความ (waiting)"
        EXTRACTED = "extracted", "ดึงข้อความแล้ว (extracted)"
        OCR = "ocr", "ดึงข้อความด้วย OCR (OCR)"
        FAILED = "failed", "ดึงข้อความไม่สำเร็จ (failed)"

    document = models.OneToOneField(get_document_model_string(), on_delete=models.CASCADE, related_name="file_text")
    state = models.CharField(max_length=16, choices=State.choices, default=State.WAITING, db_index=True)
    reason = models.TextField(blank=True, help_text="why extraction failed (Thai, then English)")
    kind = models.CharField(max_length=16, blank=True)  # pdf, docx, text (from the content)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)  # th, en, th,en
    file_hash = models.CharField(max_length=40, blank=True)  # the content the text came from
    extracted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ข้อความในไฟล์"
        verbose_name_plural = "ข้อความในไฟล์"

    def __str__(self):
        return f"{self.document} ({self.get_state_display()})"

    @property
    def done(self):
        return self.state in (self.State.EXTRACTED, self.State.OCR)

    def search_pages(self):
        """[{"page", "text"}] for the search index (only when extracted)."""
        if not self.done:
            return []
        return [{"page": p.number, "text": p.text} for p in self.pages.all() if p.text]


class FileTextPage(models.Model):
    class Source(models.TextChoices):
        LAYER = "layer", "ชั้นข้อความของ PDF (text layer)"
        OCR = "ocr", "OCR"
        TEXT = "text", "ข้อความในไฟล์ (file text)"

    file_text = models.ForeignKey(FileText, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    source = models.CharField(max_length=8, choices=Source.choices)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["file_text", "number"], name="file_text_page_unique")]

    def __str__(self):
        return f"{self.file_text.document} p.{self.number}"
