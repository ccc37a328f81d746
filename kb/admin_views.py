"""Admin screen "นำเข้ามติ ครม.": paste a resolution's text, check what was understood
(fields and structure), correct the fields, and save it as a draft page.

Writing goes through kb.importers.resolutions.import_parsed, the same code as
`manage.py import_resolution`. The screen never publishes: the draft then goes through
the review workflow like any other edit.
"""

import datetime
import html
from types import SimpleNamespace

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .importers import ImportDataError
from .importers.resolutions import (
    IMPORT_LABEL,
    body_blocks,
    find_existing,
    import_parsed,
    page_fields,
    resolution_index,
)
from .models import CabinetResolutionPage
from .secretariat import (
    ResolutionParseError,
    identifier_for,
    parse_published,
    parse_resolution,
    parse_thai_date,
)
from .thai.dates import format_thai_date


def can_import_resolutions(user):
    """Editors who may add a resolution under the resolutions index (superusers too)."""
    if not user.is_authenticated or not user.is_active:
        return False
    index = resolution_index()
    return bool(
        index and index.permissions_for_user(user).can_add_subpage() and CabinetResolutionPage.can_create_at(index)
    )


# ----------------------------------------------------------------------------- forms


class ThaiDateField(forms.CharField):
    """A date typed the Thai way ("9 กรกฎาคม 2567", "9 ก.ค. 67") or as 2024-07-09."""

    def prepare_value(self, value):
        return format_thai_date(value) if isinstance(value, datetime.date) else value

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
        try:
            parsed = parse_thai_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(
                f"{self.label}: อ่านวันที่ไม่ได้ '{value}' — พิมพ์เช่น 9 กรกฎาคม 2567 "
                f"({self.label}: cannot read the date; type e.g. 9 กรกฎาคม 2567 or 2024-07-09)"
            )
        return parsed


class ThaiDateTimeField(forms.CharField):
    """A date and time typed the Thai way ("10 กรกฎาคม 2567 เวลา 00:20 น.") or ISO 8601."""

    def prepare_value(self, value):
        return format_thai_date(value, "datetime") if isinstance(value, datetime.datetime) else value

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        try:
            return parse_published(value)
        except ValueError:
            raise forms.ValidationError(
                f"{self.label}: อ่านวันเวลาไม่ได้ '{value}' — พิมพ์เช่น 10 กรกฎาคม 2567 เวลา 00:20 น. "
                f"({self.label}: cannot read the date and time; type e.g. 10 กรกฎาคม 2567 เวลา 00:20 น.)"
            ) from None


class ResolutionTextForm(forms.Form):
    text = forms.CharField(
        label="ข้อความมติคณะรัฐมนตรี (Resolution text)",
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false", "dir": "auto"}),
        help_text="คัดลอกทั้งหน้าจากเว็บไซต์สำนักเลขาธิการคณะรัฐมนตรี ตั้งแต่ชื่อเรื่องจนถึงบรรทัด "
        "“ที่ประชุมคณะรัฐมนตรี … 9 กรกฎาคม 2567” แล้วกด ตรวจสอบ",
        error_messages={"required": "ยังไม่ได้วางข้อความ (the resolution text is empty)"},
    )


class ResolutionFieldsForm(forms.Form):
    """The fields the parser read; what the editor leaves here is what gets saved."""

    _max = {f.name: f.max_length for f in CabinetResolutionPage._meta.get_fields() if getattr(f, "max_length", None)}

    title = forms.CharField(label="ชื่อเรื่อง (Title)", max_length=_max["title"])
    meeting_date = ThaiDateField(label="วันที่ประชุม (Meeting date)", help_text="เช่น 9 กรกฎาคม 2567")
    outcome = forms.CharField(
        label="ผลการพิจารณา (Outcome)", max_length=_max["outcome"], required=False, help_text="เช่น รับทราบ เห็นชอบ อนุมัติ"
    )
    proposer = forms.CharField(label="หน่วยงานที่เสนอ (Proposer)", max_length=_max["proposer"], required=False)
    chair = forms.CharField(label="ประธานที่ประชุม (Chair)", max_length=_max["chair"], required=False)
    category = forms.CharField(label="หมวดหมู่ (Category)", max_length=_max["category"], required=False)
    published_at = ThaiDateTimeField(
        label="เวลาเผยแพร่ (Published)", required=False, help_text="เช่น 10 กรกฎาคม 2567 เวลา 00:20 น."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "meeting_date"):
            self.fields[name].error_messages["required"] = f"{self.fields[name].label}: ต้องกรอก (required)"

    @classmethod
    def initial_from(cls, parsed):
        fields = page_fields(parsed)
        return {name: fields[name] for name in cls.base_fields}


# ----------------------------------------------------------------------------- structure preview

BLOCK_LABELS = {
    "heading": "หัวข้อ",
    "paragraph": "ย่อหน้า",
    "numbered_list": "รายการลำดับเลข",
    "bulleted_list": "รายการหัวข้อย่อย",
    "table": "ตาราง",
    "footnotes": "เชิงอรรถ",
    "disclaimer": "ข้อความสงวนสิทธิ์",
}


def _plain(html_text):
    return html.unescape(strip_tags(html_text.replace("<br/>", "\n")))


def structure_of(parsed):
    """What the body will hold, block by block, and a count per kind."""
    outline, counts = [], dict.fromkeys(BLOCK_LABELS, 0)
    items = 0
    for block in body_blocks(parsed.blocks):
        kind, value = block["type"], block["value"]
        counts[kind] += 1
        entry = {"kind": kind, "label": BLOCK_LABELS[kind]}
        if kind == "heading":
            entry.update(text=value["text"], level=value["level"])
        elif kind == "paragraph":
            entry.update(text=_plain(value))
        elif kind in ("numbered_list", "bulleted_list", "footnotes"):
            entry.update(entries=value, size=f"{len(value)} ข้อ")
            if kind != "footnotes":
                items += len(value)
        elif kind == "table":
            rows = value["data"]
            body_rows = rows[1:] if value["first_row_is_table_header"] else rows
            entry.update(
                table=value,
                header=rows[0] if value["first_row_is_table_header"] else None,
                # a row with only its first cell filled heads a group of rows ("ปฏิญญาสิงคโปร์")
                rows=[
                    {"cells": row, "section": len(row) > 1 and bool(row[0]) and not any(row[1:])} for row in body_rows
                ],
                size=f"{len(rows)} แถว × {max((len(r) for r in rows), default=0)} คอลัมน์",
            )
        else:
            entry.update(text=value)
        outline.append(entry)
    summary = [
        ("หัวข้อ (headings)", counts["heading"]),
        ("ย่อหน้า (paragraphs)", counts["paragraph"]),
        ("รายการ (lists)", f"{counts['numbered_list'] + counts['bulleted_list']} ชุด, {items} ข้อ"),
        ("ตาราง (tables)", counts["table"]),
        ("เชิงอรรถ (footnotes)", len(parsed.footnotes)),
        ("ข้อความสงวนสิทธิ์ (disclaimer)", "มี" if counts["disclaimer"] else "ไม่มี"),
    ]
    return {"outline": outline, "summary": summary}


# ----------------------------------------------------------------------------- view

LOCKED_MESSAGE = (
    "หน้ามติที่มีอยู่แล้วถูกล็อกหรืออยู่ระหว่างการตรวจทาน จึงบันทึกทับไม่ได้ — รอผลการตรวจทานหรือขอให้ปลดล็อกก่อน "
    "(the existing resolution page is locked or in review; wait for the review or ask for it to be unlocked)"
)


class ImportResolutionView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "kb/admin/import_resolution.html"
    page_title = IMPORT_LABEL
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import_resolutions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": IMPORT_LABEL}]

    @cached_property
    def index_page(self):
        return resolution_index()

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(text_form=ResolutionTextForm()))

    def post(self, request, *args, **kwargs):
        text_form = ResolutionTextForm(request.POST)
        context = {"text_form": text_form}
        if not text_form.is_valid():
            return self.render_to_response(self.get_context_data(**context))
        try:
            parsed = parse_resolution(text_form.cleaned_data["text"])
        except ResolutionParseError as exc:
            return self.render_to_response(self.get_context_data(error=exc, **context))

        if request.POST.get("action") == "create":
            fields_form = ResolutionFieldsForm(request.POST, prefix="r")
            if fields_form.is_valid():
                response = self.create(parsed, fields_form)
                if response is not None:
                    return response
        else:
            fields_form = ResolutionFieldsForm(prefix="r", initial=ResolutionFieldsForm.initial_from(parsed))
        match = self.match_for(parsed, fields_form)
        context.update(
            parsed=parsed,
            fields_form=fields_form,
            structure=structure_of(parsed),
            match=match,
            match_locked=bool(match and match.permissions_for_user(request.user).page_locked()),
            locked_message=LOCKED_MESSAGE,
        )
        return self.render_to_response(self.get_context_data(**context))

    def match_for(self, parsed, fields_form):
        data = fields_form.cleaned_data if fields_form.is_bound and fields_form.is_valid() else {}
        meeting_date, title = data.get("meeting_date") or parsed.meeting_date, data.get("title") or parsed.title
        try:
            identifier = identifier_for(SimpleNamespace(meeting_date=meeting_date, title=title))
        except ResolutionParseError:
            return None
        existing = find_existing(meeting_date, title, identifier=identifier)
        return existing.specific if existing else None

    def create(self, parsed, fields_form):
        """Save the draft and redirect to its edit view; None (with form errors) when refused."""
        existing = self.match_for(parsed, fields_form)
        if existing is not None:
            permissions = existing.permissions_for_user(self.request.user)
            if not permissions.can_edit():
                fields_form.add_error(None, "คุณไม่มีสิทธิ์แก้ไขหน้ามติที่มีอยู่แล้ว (you may not edit the existing resolution page)")
                return None
            if permissions.page_locked():
                fields_form.add_error(None, LOCKED_MESSAGE)
                return None
        try:
            outcome = import_parsed(
                parsed, overrides=fields_form.cleaned_data, user=self.request.user, publish=False, via="admin"
            )
        except ImportDataError as exc:
            field = getattr(exc, "field", None)
            fields_form.add_error(field if field in fields_form.fields else None, str(exc))
            return None
        edit_url = reverse("wagtailadmin_pages:edit", args=[outcome.page.pk])
        if outcome.created:
            message = f"สร้างฉบับร่าง “{outcome.page.title}” แล้ว — ตรวจทานแล้วส่งให้ผู้ตรวจทานเพื่อเผยแพร่"
        else:
            message = (
                f"บันทึกฉบับร่างใหม่ของ “{outcome.page.title}” แล้ว (หน้าเดิม รหัส {outcome.page.identifier}) "
                "— ตรวจทานแล้วส่งให้ผู้ตรวจทานเพื่อเผยแพร่"
            )
        messages.success(self.request, message)
        return redirect(edit_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["index_page"] = self.index_page
        context["action_url"] = self.request.path
        return context
