"""The `attachments` field of the exchange format: files to attach to a record,
`[{"file": path, "title": "…"}]`, the path relative to the JSONL file's folder (or
absolute). Checked with the line; stored as documents when the record is written."""

from dataclasses import dataclass
from pathlib import Path

from ..files.store import document_from_file
from .errors import ImportDataError


@dataclass(frozen=True)
class FileToAttach:
    path: Path
    title: str


def parse_attachments(value, line_no, base_dir):
    """[FileToAttach]; base_dir None (an upload through the admin, which must not read the
    server's disk) refuses files."""
    if base_dir is None:
        raise ImportDataError(
            "ไฟล์แนบนำเข้าได้ด้วยคำสั่ง manage.py import_records เท่านั้น (ไฟล์ต้องอยู่บนเครื่องแม่ข่าย)",
            "attachments can only be imported with manage.py import_records (the files are read from the server)",
            field="attachments",
            line=line_no,
        )
    if not isinstance(value, list):
        raise ImportDataError(
            'attachments ต้องเป็นรายการ [{"file": …, "title": …}]',
            'attachments must be a list of {"file": …, "title": …}',
            field="attachments",
            line=line_no,
        )
    files = []
    for index, item in enumerate(value):
        field = f"attachments[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("file"), str) or not item["file"].strip():
            raise ImportDataError(
                f'{field} ต้องมี "file" เป็นชื่อไฟล์', f'{field} needs a "file" path', field=field, line=line_no
            )
        title = item.get("title", "")
        if not isinstance(title, str):
            raise ImportDataError(
                f"{field}.title ต้องเป็นข้อความ", f"{field}.title must be text", field=field, line=line_no
            )
        path = Path(item["file"]).expanduser()
        path = path if path.is_absolute() else Path(base_dir or ".") / path
        if not path.is_file():
            raise ImportDataError(
                f"{field}: ไม่พบไฟล์ {path}", f"{field}: no such file {path}", field=field, line=line_no
            )
        try:
            with path.open("rb"):
                pass
        except OSError as exc:
            raise ImportDataError(
                f"{field}: อ่านไฟล์ {path} ไม่ได้",
                f"{field}: cannot read {path}: {exc.strerror}",
                field=field,
                line=line_no,
            ) from None
        files.append(FileToAttach(path=path, title=title.strip()[:255]))
    return files


def attachment_blocks(files, user=None):
    """The StreamField value of `attachments` for the files (documents made or reused)."""
    blocks = []
    for file in files:
        document = document_from_file(file.path, file.title, user=user)
        blocks.append({"type": "document", "value": {"document": document.pk, "title": file.title}})
    return blocks
