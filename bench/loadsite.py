"""A throw-away site for load tests: a folder holding a file database (SQLite, or a fresh
PostgreSQL database), the search index and media, built with the real management
commands in subprocesses; a server on a free loopback port; synthetic records.

Used by bench/bench_load.py and tests/kb/test_reads_during_import.py. Standard library
only (psycopg for PostgreSQL).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
RECORD_KINDS = ("regulation", "cabinet_resolution", "news", "report", "mou", "ethics_code")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fixture_records():
    path = ROOT / "fixtures" / "records.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def synthetic_records(count, seed=8, prefix="load", body_lines=(4, 12)):
    """`count` deterministic records (RECORDS.md format) whose text is cut from the fixtures."""
    rng = random.Random(seed)
    base = fixture_records()
    lines = [line for record in base for line in record["body"].splitlines() if len(line) > 20]
    titles = [record["title"] for record in base]
    agencies = sorted({record.get("agency", "") for record in base} - {""})
    for number in range(count):
        kind = RECORD_KINDS[number % len(RECORD_KINDS)]
        year_be = rng.randint(2540, 2568)
        date = f"{year_be - 543}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        record = {
            "identifier": f"{prefix}-{number:06d}",
            "type": kind,
            "title": f"{rng.choice(titles)} ({prefix} {number})"[:250],
            "body": "\n".join(rng.sample(lines, k=min(len(lines), rng.randint(*body_lines)))),
            "agency": rng.choice(agencies),
            "language": "th",
            "source": "synthetic",
        }
        if kind == "regulation":
            record.update(legal_type="ระเบียบ", status=rng.choice(["in_force", "amended", "repealed"]), year_be=year_be)
        elif kind == "ethics_code":
            record.update(year_be=year_be)
        elif kind == "cabinet_resolution":
            record.update(meeting_date=date, outcome="อนุมัติ")
        elif kind == "mou":
            record.update(parties=["กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"], countries=["ไทย"], signed_date=date)
        else:
            record.update(date=date)
        yield record


def write_records(path, count, **kwargs):
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in synthetic_records(count, **kwargs))
    return path


class PostgresDatabase:
    """A database of its own on the server of `server_url`, created here and dropped by drop()."""

    def __init__(self, server_url):
        import psycopg

        self.psycopg = psycopg
        self.server_url = server_url
        self.name = f"kb_load_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.url = urlunsplit(urlsplit(server_url)._replace(path=f"/{self.name}"))

    def connect(self):
        return self.psycopg.connect(self.url, autocommit=True)

    def drop(self):
        with self.psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Site:
    """The folder, the environment every subprocess gets, and the commands run in it."""

    def __init__(self, folder, database_url=None, settings="kb.settings.production"):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or f"sqlite:///{self.folder / 'db.sqlite3'}"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "ELASTICSEARCH_", "PYTEST", "DATABASE_URL"))
        }
        self.env.update(
            {
                "PYTHAINLP_OFFLINE": "1",
                "PYTHONPATH": str(ROOT),
                "DJANGO_SETTINGS_MODULE": settings,
                "DATABASE_URL": self.database_url,
                "KB_VAR_DIR": str(self.folder),
                "SEARCH_INDEX_PATH": str(self.folder / "search-index.sqlite3"),
                "MEDIA_ROOT": str(self.folder / "media"),
                "SECRET_KEY": "load-test-" + uuid.uuid4().hex,
                "COMPLAINTS_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
                "ALLOWED_HOSTS": "127.0.0.1",
                "DEBUG": "0",
                "SECURE_COOKIES": "0",
                "SECURE_SSL_REDIRECT": "0",
            }
        )
        self.servers = []

    @property
    def sqlite_path(self):
        return self.folder / "db.sqlite3" if self.database_url.startswith("sqlite") else None

    def manage(self, *args, check=True, **kwargs):
        return subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            check=check,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def popen_manage(self, *args):
        return subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def prepare(self, index=True, static=None):
        """migrate, load_demo --no-index, then (optionally) collectstatic and an index rebuild."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo", "--no-index", "-v0", "--site-url", "http://127.0.0.1")
        if static if static is not None else self.env["DJANGO_SETTINGS_MODULE"].endswith("production"):
            self.manage("collectstatic", "--noinput", "-v0")
        if index:
            self.manage("search_index", "rebuild", "-v0")

    def start_server(self, workers=2, threads=4, port=None):
        """gunicorn (gthread) on 127.0.0.1; returns its base address once it answers."""
        port = port or free_port()
        with open(self.folder / "gunicorn.log", "ab") as log:  # the server's and Django's errors
            process = subprocess.Popen(
                [
                    GUNICORN,
                    "kb.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--worker-class",
                    "gthread",
                    "--timeout",
                    "60",
                    "--log-level",
                    "warning",
                ],
                env=self.env,
                cwd=ROOT,
                start_new_session=True,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.servers.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.folder / 'gunicorn.log'}")
            try:
                if get(port, "/")[0] == 200:
                    return port
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop_servers(self):
        for process in self.servers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)  # quick shutdown
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self.servers.clear()


def get(port, path, timeout=60):
    """One GET on its own connection, as a browser behind a TLS proxy would send it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Language": "th"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def public_paths(port, queries):
    """The page mix: home, every index page, record pages linked from them, search pages."""
    import re

    status, body = get(port, "/")
    assert status == 200, status
    home = body.decode("utf-8", "replace")
    links = sorted(
        {
            href
            for href in re.findall(r'href="(/[^"#?]*)"', home)
            if not href.startswith(("/static/", "/media/", "/admin", "/django-admin", "/feeds", "/documents"))
        }
    )
    pages, records = ["/"], []
    for link in links[:12]:
        status, body = get(port, link)
        if status != 200:
            continue
        pages.append(link)
        records += [
            href for href in re.findall(r'href="(' + re.escape(link) + r'[^"#?/]+/)"', body.decode("utf-8", "replace"))
        ]
    from urllib.parse import quote

    searches = [f"/search/?q={quote(q)}" for q in queries[:6]]
    return sorted(set(pages)) + sorted(set(records))[:20] + searches + ["/feeds/", "/sitemap.xml"]


def api_paths(queries):
    from urllib.parse import quote

    return [f"/api/search/?q={quote(q)}" for q in queries]


def dev_queries():
    path = ROOT / "fixtures" / "dev_queries.jsonl"
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
