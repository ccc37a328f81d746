"""The /opendata/ page and its downloads (kb.opendata.files, views, signals): each kind
listed with its count, files served as attachments with their types and validators, nothing
private in them, rebuilt after a commit that changes records and never by a plain GET."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from kb.labels import TYPE_LABELS
from kb.opendata import files, signals
from kb.opendata.export import CSV_COLUMNS, count_records
from tests.builders import make_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def opendata_dir(settings, tmp_path):
    settings.KB_OPENDATA_DIR = tmp_path / "opendata"
    return settings.KB_OPENDATA_DIR


@pytest.fixture
def connected():
    """The signals connected for the test (KbConfig.ready() connects them on a real site)."""
    already = signals.is_connected()
    signals.connect()
    yield
    if not already:
        signals.disconnect()


def jsonl_ids(client, kind):
    response = client.get(f"/opendata/{kind}.jsonl")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line)["identifier"] for line in body.splitlines()]


def csv_rows(client, kind):
    response = client.get(f"/opendata/{kind}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_page_lists_each_kind_with_its_count(client):
    response = client.get("/opendata/")
    assert response.status_code == 200
    html = response.content.decode()
    for kind, label in TYPE_LABELS.items():
        row = re.search(rf'<tr id="dataset-{kind}".*?</tr>', html, re.S).group(0)
        assert label in row
        assert f'data-records="{count_records(kind)}"' in row
        assert f'href="/opendata/{kind}.jsonl"' in row and f'href="/opendata/{kind}.csv"' in row
        assert f"/api/v2/pages/?kind={kind}" in row
    assert sum(count_records(kind) for kind in TYPE_LABELS) == 38
    assert 'href="/opendata/catalog.jsonld"' in html
    # the last change in B.E. with a Thai month name
    assert re.search(r"<time datetime=[^>]+>\d{1,2} [ก-๙]+ 25\d\d</time>", html)


def test_page_schema_org(client):
    html = client.get("/opendata/").content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script
    data = json.loads(script)
    assert data["@type"] == "DataCatalog"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
    assert len(data["dataset"]) == len(TYPE_LABELS)
    formats = {d["encodingFormat"] for dataset in data["dataset"] for d in dataset["distribution"]}
    assert formats == {"application/x-ndjson", "text/csv"}
    assert all(d["contentUrl"].startswith("http") for ds in data["dataset"] for d in ds["distribution"])


def test_downloads(client):
    response = client.get("/opendata/regulation.jsonl")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="regulation.jsonl"'
    manifest = files.read_manifest("regulation")
    assert response["ETag"] == f'"{manifest["files"]["jsonl"]["sha256"]}"'
    assert "Last-Modified" in response
    assert len(jsonl_ids(client, "regulation")) == count_records("regulation") == manifest["records"]

    response = client.get("/opendata/regulation.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="regulation.csv"'
    rows = csv_rows(client, "regulation")
    assert len(rows) == count_records("regulation")
    assert list(rows[0]) == [header for _, header in CSV_COLUMNS["regulation"]]
    assert "ชื่อเรื่อง" in rows[0] and rows[0]["ชื่อเรื่อง"]


def test_conditional_get_and_unknown_kind(client):
    etag = client.get("/opendata/news.csv")["ETag"]
    assert client.get("/opendata/news.csv", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/opendata/news.csv", headers={"if-none-match": '"other"'}).status_code == 200
    assert client.get("/opendata/nope.jsonl").status_code == 404
    assert client.get("/opendata/nope.csv").status_code == 404
    assert client.post("/opendata/news.csv").status_code == 405


def test_nothing_private(client):
    draft = make_record(publish=False, type="news")
    restricted = make_record(type="news")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")
    expired = make_record(type="news")
    Page.objects.filter(pk=expired.pk).update(expired=True)
    public = make_record(type="news")
    files.rebuild(["news"])
    ids = jsonl_ids(client, "news")
    assert public.identifier in ids
    for page in (draft, restricted, expired):
        assert page.identifier not in ids
        assert all(row["รหัสอ้างอิง"] != page.identifier for row in csv_rows(client, "news"))


def test_restricting_a_record_removes_it_after_commit(client, connected, on_commit):
    record = on_commit(make_record, type="regulation")
    assert record.identifier in jsonl_ids(client, "regulation")
    on_commit(PageViewRestriction.objects.create, page=record, restriction_type="login")
    assert record.identifier not in jsonl_ids(client, "regulation")
    assert all(row["รหัสอ้างอิง"] != record.identifier for row in csv_rows(client, "regulation"))


def test_publish_rebuilds_once_per_kind_and_get_does_not(client, connected, on_commit, monkeypatch):
    files.rebuild()  # every kind's files exist: a GET has nothing to build
    before = files.read_manifest("report")["records"]
    path = files.file_path("report", "jsonl")
    built = []
    real_build = files.build
    monkeypatch.setattr(files, "build", lambda kind: built.append(kind) or real_build(kind))

    def publish_two():
        make_record(type="report")
        make_record(type="report")

    on_commit(publish_two)
    assert built == ["report"]  # one rebuild for the transaction, not one per record
    assert files.read_manifest("report")["records"] == before + 2
    assert len(jsonl_ids(client, "report")) == before + 2

    mtime = path.stat().st_mtime_ns
    jsonl_ids(client, "report")
    client.get("/opendata/")
    client.get("/opendata/catalog.jsonld")
    jsonl_ids(client, "report")
    assert path.stat().st_mtime_ns == mtime
    assert built == ["report"]


def test_deleting_a_record_rebuilds(client, connected, on_commit):
    record = on_commit(make_record, type="mou")
    assert record.identifier in jsonl_ids(client, "mou")
    on_commit(Page.objects.get(pk=record.pk).delete)
    assert record.identifier not in jsonl_ids(client, "mou")


def test_missing_files_built_on_first_request(client, opendata_dir):
    assert not opendata_dir.exists()
    assert client.get("/opendata/project.csv").status_code == 200
    assert files.read_manifest("project") is not None
    files.manifest_path("project").unlink()  # half gone: built again
    assert client.get("/opendata/project.jsonl").status_code == 200
    assert files.read_manifest("project")["records"] == count_records("project")


def test_failed_rebuild_removes_the_files(monkeypatch):
    files.ensure("news")

    def fail(kind):
        raise RuntimeError("disk full")

    monkeypatch.setattr(files, "build", fail)
    assert files.rebuild(["news"]) == {"news": None}
    assert not files.file_path("news", "jsonl").exists()
    assert files.read_manifest("news") is None


def test_manifest_and_command(opendata_dir):
    call_command("opendata", "rebuild", verbosity=0)
    for kind in TYPE_LABELS:
        manifest = files.read_manifest(kind)
        assert manifest["records"] == count_records(kind)
        for fmt, entry in manifest["files"].items():
            path = files.file_path(kind, fmt)
            assert entry["bytes"] == path.stat().st_size
            assert len(entry["sha256"]) == 64
        assert manifest["generated_at"] and "last_change" in manifest
    assert not list(opendata_dir.glob(".*.tmp"))  # no temporary file left behind
    out = io.StringIO()
    call_command("opendata", "status", stdout=out)
    assert "regulation:" in out.getvalue()


def test_a_file_moved_into_a_private_collection_leaves_the_csv(client, connected, on_commit):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    document = get_document_model().objects.get(file__contains="cr-2567-07-09-adgmin4")
    assert any(document.url in row["ไฟล์แนบ"] for row in csv_rows(client, "cabinet_resolution"))
    private = Collection.get_first_root_node().add_child(name="ลับเฉพาะ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document.collection = private
    on_commit(document.save)
    assert not any(document.url in row["ไฟล์แนบ"] for row in csv_rows(client, "cabinet_resolution"))


def test_a_big_import_leaves_the_rebuild_to_the_scheduler(client, connected, on_commit, monkeypatch):
    from django.core.management import call_command

    from kb.importers import import_records
    from kb.opendata import signals as opendata_signals
    from tests.builders import record_line

    files.rebuild()
    before = files.read_manifest("news")["records"]
    monkeypatch.setattr(opendata_signals, "DEFERRED_AFTER", 2)
    on_commit(import_records, [record_line(type="news") for _ in range(3)], publish=True)
    assert files.read_manifest("news")["records"] == before  # not rebuilt in the import
    assert files.stale_path("news").exists()
    call_command("publish_scheduled", verbosity=0)
    assert files.read_manifest("news")["records"] == before + 3
    assert not files.stale_path("news").exists()
