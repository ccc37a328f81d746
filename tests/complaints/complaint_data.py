"""Test data of the complaint tests: distinctive phrases, real file bytes, form data."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SEND = "/complaint/send/"  # where the form posts (ComplaintPage's send/ route, complaints.uploads)
THAI_PHRASE = "ปลัดกรมรับสินบนโครงการสะพานมรกตเขียว"
ASCII_PHRASE = "ZebraQuokkaBribe7731"


def pdf_bytes(text=ASCII_PHRASE):
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
        + f"% evidence: {text}\n".encode()
        + "(หลักฐาน ".encode()
        + THAI_PHRASE.encode()
        + b")\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def complaint_data(**overrides):
    data = {
        "accused_name": "นายสมมติ ทดสอบ",
        "accused_position": "ผู้อำนวยการกอง",
        "accused_agency": "กองทดสอบระบบ",
        "allegation": f"เรียกรับเงิน {ASCII_PHRASE}",
        "details": f"เหตุการณ์: {THAI_PHRASE} เมื่อต้นเดือน",
        "occurred_when": "มกราคม 2568",
        "occurred_where": "ห้องประชุม 3",
        "witnesses": "",
        "reported_elsewhere": "",
        "complainant_name": "นางผู้ร้อง ใจกล้า",
        "complainant_address": "กรุงเทพมหานคร",
        "complainant_phone": "0812345678",
        "complainant_email": "reporter@example.invalid",
        "pdpa_acknowledged": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
