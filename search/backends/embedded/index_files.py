"""The embedded index's files on disk: is the live file a whole SQLite database (and
sqlite3 errors as SearchUnavailable), and what killed rebuilds left behind
(`<index>.building-<pid>` and its journals).

No Django imports: search.embedded runs without settings (benchmarks).
"""

import glob
import logging
import os
import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

from ...errors import IndexDamaged, SearchUnavailable

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# sqlite3 result codes (the low byte of sqlite_errorcode) of a damaged file.
SQLITE_DAMAGED = {11: "SQLITE_CORRUPT", 26: "SQLITE_NOTADB"}
REBUILD_HINT = "ต้องสร้างดัชนีใหม่ด้วย `manage.py search_index rebuild` (a rebuild is needed)"


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def check_live_file(path, attempts=3):
    """Raise IndexDamaged unless `path` is a non-empty, untruncated SQLite file.

    Reads only the 100-byte header, so it runs before every connection: SQLite itself
    would silently create an empty database for a missing or zero-byte file, and would
    answer from a truncated one until a query touches a missing page. A file that looks
    truncated is looked at again: a checkpoint (or a rebuild's swap) can be under way."""
    path = Path(path)
    for attempt in range(attempts):
        truncated = _truncated(path)
        if truncated is None:
            return
        if attempt + 1 < attempts:
            time.sleep(0.05)
    raise IndexDamaged(truncated)


def _truncated(path):
    """None for a whole file, else the message saying how it is short; raises IndexDamaged
    for a missing, empty or non-SQLite file."""
    try:
        with open(path, "rb") as file:
            header = file.read(HEADER_SIZE)
            # The size of the file the header was read from, after reading it: a checkpoint
            # only grows it, so a header newer than the size cannot make a whole file look short.
            size = os.fstat(file.fileno()).st_size
    except FileNotFoundError:
        raise IndexDamaged(f"ไม่พบไฟล์ดัชนีค้นหา (the search index file is missing): {path}") from None
    except OSError as exc:
        raise SearchUnavailable(f"อ่านไฟล์ดัชนีค้นหาไม่ได้ (cannot read the search index file): {exc}") from exc
    if size == 0:
        raise IndexDamaged(f"ไฟล์ดัชนีค้นหาว่างเปล่า (the search index file is empty): {path}")
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise IndexDamaged(f"ไฟล์ดัชนีค้นหาเสียหาย (the search index file is corrupt: not an SQLite database): {path}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The header's page count is only trusted when its "valid for" counter matches (as
    # SQLite does), and not while a write-ahead log holds pages a checkpoint is copying.
    wal = Path(f"{path}-wal")
    header_valid = header[24:28] == header[92:96]
    if header_valid and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        return f"ไฟล์ดัชนีค้นหาไม่ครบ (the search index file is truncated: {size} of {pages * page_size} bytes): {path}"
    return None


def open_existing(path):
    """A connection to the file at path, which is never created here (only rebuilds do)."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, timeout=10, isolation_level=None)


@contextmanager
def unavailable_on_sqlite_error(path):
    """sqlite3 errors never reach callers: a damaged file is IndexDamaged, the rest
    (busy, I/O) SearchUnavailable."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in SQLITE_DAMAGED:
            raise IndexDamaged(f"ไฟล์ดัชนีค้นหาเสียหาย (the search index file is corrupt): {path}: {exc}") from exc
        raise SearchUnavailable(
            f"ใช้ไฟล์ดัชนีค้นหาไม่ได้ในขณะนี้ (the search index file cannot be used now): {path}: {type(exc).__name__}: {exc}"
        ) from exc


def building_files(path):
    """[(file, pid)] of every rebuild file beside the index at `path`, running or not."""
    path = Path(path)
    pattern = re.compile(re.escape(path.name) + r"\.building-(\d+)(?:-wal|-shm|-journal)?")
    found = []
    for candidate in sorted(path.parent.glob(glob.escape(path.name) + ".building-*")):
        match = pattern.fullmatch(candidate.name)
        if match:
            found.append((candidate, int(match.group(1))))
    return found


def orphans(path):
    """Rebuild files whose process is gone (killed): never a running rebuild's file."""
    return [file for file, pid in building_files(path) if pid != os.getpid() and not process_exists(pid)]


def remove_orphans(path):
    removed = []
    for file in orphans(path):
        try:
            file.unlink()
        except FileNotFoundError:  # another rebuild removed it first
            continue
        removed.append(file)
    if removed:
        logger.warning(
            "removed %d file(s) left by a killed search index rebuild: %s",
            len(removed),
            ", ".join(str(file) for file in removed),
        )
    return removed
