"""The complaint form (the 7-point guide of page-corruption-complaint-guide as fields) and
the tracking-code form. Every refusal names its field in Thai."""

import io
import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .crypto import CODE_LENGTH, normalise_code

# The honeypot's name: a field people never see (hidden by CSS) and bots fill in.
HONEYPOT = "website"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(EvidenceField, self).clean(item, initial) for item in files]


def file_kind(uploaded):
    """ "pdf", "jpeg", "png" or "docx" from the file's first bytes, or None. The name is not
    trusted: a renamed program or web page is refused whatever it is called."""
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(uploaded.read())) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            uploaded.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


class ComplaintForm(forms.Form):
    # Guide point 2: who is complained about (a name or a position is enough).
    accused_name = forms.CharField(label="ชื่อ-สกุลผู้ถูกร้องเรียน", max_length=300, required=False)
    accused_position = forms.CharField(label="ตำแหน่ง", max_length=300, required=False)
    accused_agency = forms.CharField(label="หน่วยงาน / สังกัด", max_length=300, required=False)
    # Points 3 and 4: the allegation and what happened, when, where, who saw it.
    allegation = forms.CharField(
        label="ข้อกล่าวหา (เรื่องที่ร้องเรียน)",
        max_length=500,
        help_text="สรุปสั้น ๆ ว่ากระทำความผิดเรื่องใด เช่น เรียกรับเงิน ทุจริตจัดซื้อจัดจ้าง",
    )
    details = forms.CharField(
        label="พฤติการณ์การกระทำความผิด",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="เล่าเหตุการณ์ให้ละเอียดที่สุด ว่าใครทำอะไร อย่างไร",
    )
    occurred_when = forms.CharField(label="วันเวลาที่เกิดเหตุ", max_length=300, required=False)
    occurred_where = forms.CharField(label="สถานที่เกิดเหตุ", max_length=500, required=False)
    witnesses = forms.CharField(
        label="พยานบุคคลและพยานหลักฐาน",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="มีผู้ใดรู้เห็นเหตุการณ์ หรือมีหลักฐานใดที่สนับสนุนข้อกล่าวหา",
    )
    reported_elsewhere = forms.CharField(
        label="เคยร้องเรียนเรื่องนี้ไปที่หน่วยงานอื่นหรือไม่ และผลเป็นอย่างไร",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = EvidenceField(label="ไฟล์หลักฐาน", required=False)
    # Points 1 and 5: the complainant, unless anonymous.
    anonymous = forms.BooleanField(
        label="ไม่ประสงค์เปิดเผยชื่อ (ร้องเรียนโดยไม่ระบุตัวตน)",
        required=False,
        help_text="ระบบจะไม่เก็บชื่อและช่องทางติดต่อ ติดตามผลได้ด้วยรหัสติดตามเท่านั้น "
        "เรื่องที่ไม่ระบุชื่อต้องมีพยานหลักฐานชัดเจนเพียงพอจึงจะตรวจสอบได้",
    )
    complainant_name = forms.CharField(label="ชื่อ-สกุลผู้ร้องเรียน", max_length=300, required=False)
    complainant_address = forms.CharField(
        label="ที่อยู่ที่ติดต่อได้", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    complainant_phone = forms.CharField(label="หมายเลขโทรศัพท์", max_length=50, required=False)
    complainant_email = forms.EmailField(label="อีเมล", max_length=254, required=False)
    pdpa_acknowledged = forms.BooleanField(
        label="ข้าพเจ้าได้อ่านและรับทราบประกาศความเป็นส่วนตัวข้างต้นแล้ว",
        error_messages={"required": "โปรดอ่านประกาศความเป็นส่วนตัวและทำเครื่องหมายยืนยันก่อนส่งเรื่อง"},
    )
    website = forms.CharField(label="เว้นช่องนี้ว่างไว้", required=False)  # the honeypot

    REQUIRED_MESSAGES = {
        "allegation": "โปรดกรอกข้อกล่าวหา (เรื่องที่ร้องเรียน)",
        "details": "โปรดบรรยายพฤติการณ์การกระทำความผิด",
    }
    GROUPS = (
        ("accused", "ผู้ถูกร้องเรียน", ("accused_name", "accused_position", "accused_agency")),
        (
            "incident",
            "เรื่องที่ร้องเรียน",
            ("allegation", "details", "occurred_when", "occurred_where", "witnesses", "reported_elsewhere"),
        ),
        ("evidence", "พยานหลักฐาน", ("evidence",)),
        (
            "complainant",
            "ผู้ร้องเรียน",
            ("anonymous", "complainant_name", "complainant_address", "complainant_phone", "complainant_email"),
        ),
    )

    def __init__(self, *args, upload_refusals=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Files the upload handler dropped while they arrived (complaints.uploads): too many, too big.
        self.upload_refusals = list(upload_refusals)
        for name, field in self.fields.items():
            if name in self.REQUIRED_MESSAGES:
                field.error_messages["required"] = self.REQUIRED_MESSAGES[name]
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = f"{field.label}: ยาวเกิน {field.max_length} ตัวอักษร"
        self.fields["complainant_email"].error_messages["invalid"] = "อีเมลของผู้ร้องเรียนไม่ถูกต้อง เช่น name@example.com"
        self.fields["evidence"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"
        self.fields["evidence"].help_text = (
            f"PDF, JPEG, PNG หรือ Word (.docx) ไม่เกิน {settings.COMPLAINTS_MAX_FILES} ไฟล์ "
            f"ไฟล์ละไม่เกิน {filesizeformat(settings.COMPLAINTS_MAX_FILE_BYTES)}"
        )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["complainant_email"].widget.attrs["autocomplete"] = "email"
        self.fields["complainant_phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["complainant_name"].widget.attrs["autocomplete"] = "name"
        self.fields["complainant_address"].widget.attrs["autocomplete"] = "street-address"

    def groups(self):
        return [(key, legend, [self[name] for name in names]) for key, legend, names in self.GROUPS]

    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT, "").strip())

    @staticmethod
    def too_many_files():
        return forms.ValidationError(f"ไฟล์หลักฐาน: แนบได้ไม่เกิน {settings.COMPLAINTS_MAX_FILES} ไฟล์")

    @staticmethod
    def too_big(name):
        limit = filesizeformat(settings.COMPLAINTS_MAX_FILE_BYTES)
        return forms.ValidationError(f"ไฟล์หลักฐาน: ไฟล์ “{name}” ใหญ่เกิน {limit}")

    def clean_evidence(self):
        files = self.cleaned_data.get("evidence") or []
        if self.upload_refusals:
            reason, name = self.upload_refusals[0]
            raise self.too_many_files() if reason == "count" else self.too_big(name)
        if len(files) > settings.COMPLAINTS_MAX_FILES:
            raise self.too_many_files()
        checked = []
        for uploaded in files:
            if uploaded.size > settings.COMPLAINTS_MAX_FILE_BYTES:
                raise self.too_big(uploaded.name)
            kind = file_kind(uploaded)
            if kind is None:
                raise forms.ValidationError(
                    f"ไฟล์หลักฐาน: ไฟล์ “{uploaded.name}” ไม่ใช่ PDF, JPEG, PNG หรือ Word (.docx) "
                    "(ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์)"
                )
            checked.append((uploaded, kind))
        return checked

    def clean(self):
        data = super().clean()
        if not (data.get("accused_name") or data.get("accused_position")):
            self.add_error("accused_name", "โปรดระบุชื่อหรือตำแหน่งของผู้ถูกร้องเรียนอย่างน้อยหนึ่งอย่าง")
        if data.get("anonymous"):
            for name in ("complainant_name", "complainant_address", "complainant_phone", "complainant_email"):
                data[name] = ""  # not kept, whatever was typed before ticking the box
                self.errors.pop(name, None)
        else:
            if not data.get("complainant_name") and "complainant_name" not in self.errors:
                self.add_error("complainant_name", "โปรดกรอกชื่อ-สกุลผู้ร้องเรียน หรือเลือก “ไม่ประสงค์เปิดเผยชื่อ”")
            if (
                not (data.get("complainant_phone") or data.get("complainant_email"))
                and "complainant_email" not in self.errors
            ):
                self.add_error("complainant_phone", "โปรดกรอกหมายเลขโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่อง เพื่อให้เจ้าหน้าที่ติดต่อกลับได้")
        return data


class StatusForm(forms.Form):
    code = forms.CharField(
        label="รหัสติดตามเรื่อง",
        max_length=40,
        help_text=f"รหัส {CODE_LENGTH} ตัวที่ได้รับเมื่อส่งเรื่อง เช่น ABCD-EFGH-JKMN-PQRS (ไม่ต้องพิมพ์ขีด)",
        error_messages={"required": "โปรดกรอกรหัสติดตามเรื่อง"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                f"รหัสติดตามเรื่องต้องมี {CODE_LENGTH} ตัวอักษร (ตัวอักษรภาษาอังกฤษและตัวเลข) โปรดตรวจสอบอีกครั้ง"
            )
        return code
