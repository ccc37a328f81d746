"""The /opendata/ download files: per record kind a JSONL (the import format, write_jsonl)
and a CSV (write_csv), with a manifest, under KB_OPENDATA_DIR (default
MEDIA_ROOT/opendata/). Written when records change (kb.opendata.signals, after the
commit), by `manage.py opendata rebuild`, and once when a file is asked for and missing
(a fresh site); never per request.

    <dir>/<kind>.jsonl, <dir>/<kind>.csv, <dir>/<kind>.manifest.json

Each file is written to a temporary file beside it and renamed over the old one
(os.replace), the manifest last, so a reader never sees half a file. The manifest holds
the record count, each file's bytes and sha256, generated_at and last_change (the newest
last_published_at of the kind's exported records). Only records anyone may see are written:
exported_records() is the rule (kb.models.published_records)."""

import datetime
import hashlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from kb.labels import TYPE_LABELS
from kb.models import RECORD_MODELS, published_records

from .export import exported_records, write_csv, write_jsonl

logger = logging.getLogger(__name__)


class Format(NamedTuple):
    extension: str
    media_type: str  # dcat:mediaType, and the Content-Type without its charset
    label: str  # dct:format


FORMATS = {
    "jsonl": Format("jsonl", "application/x-ndjson", "JSONL"),
    "csv": Format("csv", "text/csv", "CSV"),
}
KINDS = tuple(TYPE_LABELS)  # the order of the page and the catalogue
_lock = threading.Lock()


def opendata_dir():
    return Path(getattr(settings, "KB_OPENDATA_DIR", Path(settings.MEDIA_ROOT) / "opendata"))


def file_name(kind, fmt):
    return f"{kind}.{FORMATS[fmt].extension}"


def file_path(kind, fmt):
    return opendata_dir() / file_name(kind, fmt)


def manifest_path(kind):
    return opendata_dir() / f"{kind}.manifest.json"


def _check_kind(kind):
    if kind not in RECORD_MODELS:
        raise ValueError(f"ไม่รู้จักประเภทเอกสาร {kind!r} (unknown record kind {kind!r})")


def read_manifest(kind):
    """The kind's manifest, or None when it or one of its files is missing or unreadable."""
    try:
        manifest = json.loads(manifest_path(kind).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all(file_path(kind, fmt).exists() for fmt in FORMATS):
        return None
    return manifest


def _write_temp(path, write):
    """write(binary fp) into a temporary file beside path (renamed over it by build); (result, temp path)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fp:
            result = write(fp)
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(temp, 0o644)
        return result, temp
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _digest(path):
    sha = hashlib.sha256()
    with open(path, "rb") as fp:
        while chunk := fp.read(1 << 16):
            sha.update(chunk)
    return sha.hexdigest()


def _last_change(kind):
    newest = published_records(RECORD_MODELS[kind]).aggregate(newest=Max("last_published_at"))["newest"]
    return timezone.localtime(newest).isoformat() if newest else None


def build(kind):
    """Write the kind's JSONL, CSV and manifest now; the manifest."""
    _check_kind(kind)
    writers = {
        "jsonl": lambda fp: write_jsonl(exported_records(kind), fp),
        "csv": lambda fp: write_csv(exported_records(kind), fp, kind),
    }
    temps, files, count = {}, {}, 0
    try:
        for fmt, write in writers.items():
            count, temps[fmt] = _write_temp(file_path(kind, fmt), write)
            files[fmt] = {
                "name": file_name(kind, fmt),
                "bytes": os.path.getsize(temps[fmt]),
                "sha256": _digest(temps[fmt]),
                "media_type": FORMATS[fmt].media_type,
            }
        manifest = {
            "kind": kind,
            "title": TYPE_LABELS[kind],
            "records": count,
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "last_change": _last_change(kind),
            "files": files,
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        _, temps["manifest"] = _write_temp(manifest_path(kind), lambda fp: fp.write(text))
    except BaseException:
        for temp in temps.values():
            Path(temp).unlink(missing_ok=True)
        raise
    for fmt in FORMATS:
        os.replace(temps[fmt], file_path(kind, fmt))
    os.replace(temps["manifest"], manifest_path(kind))
    return manifest


def remove(kind):
    """Delete the kind's files (a failed rebuild must not leave a record that is no longer
    public in them); the next request builds them again."""
    for path in [manifest_path(kind), *(file_path(kind, fmt) for fmt in FORMATS)]:
        path.unlink(missing_ok=True)


def stale_path(kind):
    return opendata_dir() / f"{kind}.stale"


def mark_stale(kinds):
    """Records were added to these kinds (nothing hidden): rebuild_stale() writes them again."""
    for kind in kinds:
        path = stale_path(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()


def rebuild_stale():
    """Rebuild the kinds marked stale (the scheduler's job); {kind: manifest or None}."""
    return rebuild([kind for kind in KINDS if stale_path(kind).exists()]) if opendata_dir().exists() else {}


def rebuild(kinds=None):
    """Build the kinds (every kind when None) now, each on its own: a kind that fails is
    logged and its files removed, the others are still written. {kind: manifest or None}."""
    done = {}
    for kind in KINDS if kinds is None else [k for k in KINDS if k in set(kinds)]:
        try:
            with _lock:
                stale_path(kind).unlink(missing_ok=True)
                done[kind] = build(kind)
        except Exception:
            logger.exception("opendata: could not write the files of %s", kind)
            remove(kind)
            done[kind] = None
    return done


def ensure(kind):
    """The kind's manifest, building the files first only when they are missing."""
    _check_kind(kind)
    manifest = read_manifest(kind)
    if manifest is not None:
        return manifest
    with _lock:
        return read_manifest(kind) or build(kind)


def manifests():
    """{kind: manifest} of every kind, in KINDS order (missing files built once)."""
    return {kind: ensure(kind) for kind in KINDS}


def parse_time(value):
    """A manifest timestamp (ISO) as an aware datetime, or None."""
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
