"""Fetching the files a record links to (the Secretariat's `docNews[].file_link`) so their
text can be searched. The network may not allow it: then the link stays and the reason is
reported; an import never fails for a file it could not fetch."""

import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction

from ..importers.errors import ImportDataError
from ..importers.writer import PageWriter
from .store import document_from_file

CHUNK = 1 << 16


@dataclass
class NotFetched:
    page: object
    url: str
    reason: str


def fetch(url, folder, timeout=None, max_bytes=None):
    """Download `url` into `folder`; returns the path. Raises OSError with a reason."""
    timeout = timeout or getattr(settings, "KB_FETCH_TIMEOUT", 10)
    max_bytes = max_bytes or settings.KB_EXTRACT_MAX_BYTES
    if urlsplit(url).scheme not in ("http", "https"):
        raise OSError(f"ไม่ใช่ลิงก์ http(s) (not an http(s) link): {url}")
    name = Path(unquote(urlsplit(url).path)).name or "file"
    target = Path(folder) / name
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, target.open("wb") as out:
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise OSError(f"ไฟล์ใหญ่เกิน {max_bytes} ไบต์ (file larger than {max_bytes} bytes)")
                out.write(chunk)
    except urllib.error.HTTPError as exc:
        raise OSError(f"เซิร์ฟเวอร์ตอบ {exc.code} (the server answered {exc.code} {exc.reason})") from None
    except urllib.error.URLError as exc:
        raise OSError(f"เชื่อมต่อไม่ได้ (cannot connect): {exc.reason}") from None
    except TimeoutError:
        raise OSError(f"หมดเวลา {timeout} วินาที (timed out after {timeout} s)") from None
    return target


def fetch_linked_files(pages, *, importer, user=None, publish=False):
    """For each page, fetch every linked file not fetched yet and attach it (after its link,
    which stays as the source). Returns [NotFetched] for the links that could not be."""
    not_fetched = []
    writer = PageWriter(importer, user=user, publish=publish)
    for page in pages:
        page = page.specific
        attached = page.attached_documents()
        fetched = {d.title for d, _t in attached}  # a fetched file keeps its link's URL as title
        attached_ids = {d.pk for d, _t in attached}
        links = [b.value for b in page.attachments if b.block_type == "link" and b.value["url"] not in fetched]
        added = []
        with tempfile.TemporaryDirectory() as folder:
            for link in links:
                try:
                    path = fetch(link["url"], folder)
                except OSError as exc:
                    not_fetched.append(NotFetched(page, link["url"], str(exc)))
                    continue
                document = document_from_file(path, link["url"], user=user)
                if document.pk in attached_ids:  # the same content is attached already
                    continue
                attached_ids.add(document.pk)
                added.append({"type": "document", "value": {"document": document.pk, "title": link["title"]}})
            if added:
                raw = [{"type": b.block_type, "value": b.block.get_prep_value(b.value)} for b in page.attachments]
                try:
                    with transaction.atomic():
                        writer.revise(page, {"attachments": raw + added})
                except ImportDataError as exc:  # locked, or an editor's draft: say so, go on
                    not_fetched.append(NotFetched(page, ", ".join(b["value"]["title"] for b in added), str(exc)))
    return not_fetched
