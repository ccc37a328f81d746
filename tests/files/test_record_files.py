"""Files on records: the import's `attachments` field (checked with the line, one document
per content), text extracted in the background by the real database worker, the text
searchable through the record, and files of hidden records never served."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from kb.importers.errors import ImportDataError
from kb.importers.records import import_records
from kb.models import FileText, RecordPage
from tests.builders import record_line

pytestmark = pytest.mark.django_db
Document = get_document_model()
WORD = "zqxwvfile"  # only in the file (a made-up word: no demo record has any part of it)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "notice.txt").write_text(f"ประกาศกระทรวง\nเรื่อง {WORD} และการสำรวจ", encoding="utf-8")
    (tmp_path / "empty.pdf").write_bytes(b"")
    return tmp_path


def line(identifier, files, **fields):
    return record_line(identifier=identifier, title=f"ข่าวมีไฟล์แนบ {identifier}", attachments=files, **fields)


def found(client, q=WORD):
    return [r["identifier"] for r in client.get("/api/search/", {"q": q}).json()["results"]]


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    # The worker checks its connection between tasks (close_old_connections), and closes one
    # whose autocommit differs from the settings': inside the test's transaction it always
    # does (on PostgreSQL that ends the test's transaction). The rest is the real worker.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def run_worker(django_capture_on_commit_callbacks):
    """The files queue's real worker, once over what is queued (and what it defers to commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "db_worker", "--backend", "files", "--queue-name", "files", "--batch", "--no-startup-delay", verbosity=0
        )


def imported(lines, folder, django_capture_on_commit_callbacks, publish=True):
    with django_capture_on_commit_callbacks(execute=True):
        import_records(lines, publish=publish, base_dir=folder)


def test_attachments_become_documents_once_per_content(folder, django_capture_on_commit_callbacks):
    files = [{"file": "notice.txt", "title": "ประกาศ"}]
    imported([line("file-a", files), line("file-b", files)], folder, django_capture_on_commit_callbacks)
    documents = Document.objects.filter(title="ประกาศ")
    assert documents.count() == 1
    page = RecordPage.objects.get(identifier="file-a").specific
    assert [(d.pk, title) for d, title in page.attached_documents()] == [(documents[0].pk, "ประกาศ")]
    revisions = page.revisions.count()
    imported([line("file-a", files)], folder, django_capture_on_commit_callbacks)  # again: nothing new
    assert Document.objects.filter(title="ประกาศ").count() == 1
    assert RecordPage.objects.get(identifier="file-a").revisions.count() == revisions


@pytest.mark.parametrize(
    "files, field",
    [
        ([{"file": "missing.pdf"}], "attachments[0]"),
        ([{"title": "no file"}], "attachments[0]"),
        ([{"file": "notice.txt"}, {"file": "notice.txt", "title": 3}], "attachments[1]"),
        ("notice.txt", "attachments"),
    ],
)
def test_bad_attachments_name_the_line_and_field(folder, files, field):
    with pytest.raises(ImportDataError) as error:
        import_records([record_line(), line("file-bad", files)], publish=True, base_dir=folder)
    assert error.value.line_no == 2 and error.value.field == field
    assert not RecordPage.objects.filter(identifier="file-bad").exists()


def test_an_upload_through_the_admin_cannot_read_the_servers_files(folder):
    with pytest.raises(ImportDataError) as error:
        import_records([line("file-admin", [{"file": str(folder / "notice.txt")}])], publish=True)
    assert error.value.field == "attachments" and "manage.py import_records" in str(error.value)


def test_the_worker_extracts_and_the_record_is_found_by_words_in_its_file(
    folder, client, django_capture_on_commit_callbacks
):
    imported(
        [line("file-found", [{"file": "notice.txt", "title": "ประกาศ"}])], folder, django_capture_on_commit_callbacks
    )
    file_text = FileText.objects.get(document__title="ประกาศ")
    assert file_text.state == FileText.State.WAITING  # the import did not wait for it
    run_worker(django_capture_on_commit_callbacks)
    file_text.refresh_from_db()
    assert file_text.state == FileText.State.EXTRACTED and file_text.kind == "text" and file_text.language == "th,en"
    assert WORD in file_text.pages.get(number=1).text
    assert found(client) == ["file-found"]
    result = client.get("/api/search/", {"q": WORD}).json()["results"][0]
    assert result["attachment"]["title"] == "ประกาศ" and result["attachment"]["page"] == 1
    page = client.get(RecordPage.objects.get(identifier="file-found").url).content.decode()
    assert "ประกาศ" in page and "TXT" in page and "ภาษาไทยและภาษาอังกฤษ" in page


def test_a_bad_file_fails_with_its_reason_and_the_record_stays(folder, django_capture_on_commit_callbacks):
    imported(
        [line("file-empty", [{"file": "empty.pdf", "title": "ว่างเปล่า"}])], folder, django_capture_on_commit_callbacks
    )
    run_worker(django_capture_on_commit_callbacks)
    file_text = FileText.objects.get(document__title="ว่างเปล่า")
    assert file_text.state == FileText.State.FAILED and file_text.reason
    assert RecordPage.objects.get(identifier="file-empty").live
    call_command("extract_documents", verbosity=0)  # nothing waits; a failed file is not retried
    assert FileText.objects.get(pk=file_text.pk).state == FileText.State.FAILED


def test_extract_documents_runs_what_waits_and_all_again(folder, django_capture_on_commit_callbacks, capsys):
    imported(
        [line("file-cmd", [{"file": "notice.txt", "title": "ประกาศ"}])], folder, django_capture_on_commit_callbacks
    )
    call_command("extract_documents")
    assert FileText.objects.get(document__title="ประกาศ").state == FileText.State.EXTRACTED
    assert "1 ไฟล์" in capsys.readouterr().out
    call_command("extract_documents")
    assert "0 ไฟล์" in capsys.readouterr().out
    call_command("extract_documents", "--all")
    assert "(extracted" in capsys.readouterr().out
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "files_extracted:" in out and "files_waiting: 0" in out


@pytest.mark.parametrize("state", ["live", "draft", "restricted", "unpublished"])
def test_files_of_hidden_records_are_never_served_or_found(state, folder, client, django_capture_on_commit_callbacks):
    imported(
        [line("file-priv", [{"file": "notice.txt", "title": "ประกาศ"}])],
        folder,
        django_capture_on_commit_callbacks,
        publish=state != "draft",
    )
    page = RecordPage.objects.get(identifier="file-priv")
    with django_capture_on_commit_callbacks(execute=True):
        if state == "restricted":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        elif state == "unpublished":
            page.unpublish()
    run_worker(django_capture_on_commit_callbacks)
    document = Document.objects.get(title="ประกาศ")
    response = client.get(document.url)
    if state == "live":
        assert response.status_code == 200 and found(client) == ["file-priv"]
        return
    assert response.status_code == 404 and found(client) == []
    editor = get_user_model().objects.create_superuser("files-editor", "e@example.com", "pw-files-1")
    client.force_login(editor)
    assert client.get(document.url).status_code == 200  # editors still reach it


def test_the_admin_lists_each_files_state(folder, client, admin_user, django_capture_on_commit_callbacks):
    imported(
        [line("file-adm", [{"file": "empty.pdf", "title": "ว่างเปล่า"}])], folder, django_capture_on_commit_callbacks
    )
    run_worker(django_capture_on_commit_callbacks)
    client.force_login(admin_user)
    html = client.get("/admin/reports/file-text/?state=failed").content.decode()
    assert "ว่างเปล่า" in html and "ดึงข้อความไม่สำเร็จ" in html
    assert FileText.objects.get(document__title="ว่างเปล่า").reason.split(" (")[0] in html


def test_a_file_in_a_private_collection_is_neither_found_nor_served(folder, client, django_capture_on_commit_callbacks):
    from wagtail.models import Collection, CollectionViewRestriction

    imported(
        [line("file-coll", [{"file": "notice.txt", "title": "ประกาศ"}])], folder, django_capture_on_commit_callbacks
    )
    run_worker(django_capture_on_commit_callbacks)
    assert found(client) == ["file-coll"]
    document = Document.objects.get(title="ประกาศ")
    private = Collection.get_first_root_node().add_child(name="ลับ")
    with django_capture_on_commit_callbacks(execute=True):
        document.collection = private
        document.save()  # moved: still public there
    assert found(client) == ["file-coll"]
    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert found(client) == []
    assert client.get(document.url).status_code != 200  # Wagtail's login wall
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found(client) == ["file-coll"]


def test_a_file_only_in_a_draft_or_on_no_page_is_not_served(folder, client, django_capture_on_commit_callbacks):
    from kb.files.store import document_from_file

    imported([record_line(identifier="file-later", title="ข่าวที่จะมีไฟล์")], folder, django_capture_on_commit_callbacks)
    page = RecordPage.objects.get(identifier="file-later").specific
    document = document_from_file(folder / "notice.txt", "ประกาศ")
    assert client.get(document.url).status_code == 404  # attached to nothing
    page.attachments = [{"type": "document", "value": {"document": document.pk, "title": "ประกาศ"}}]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()  # a draft of the live page
    assert client.get(document.url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert client.get(document.url).status_code == 200


def test_a_visitor_a_restriction_accepts_gets_the_file(folder, client, django_capture_on_commit_callbacks):
    imported(
        [line("file-login", [{"file": "notice.txt", "title": "ประกาศ"}])], folder, django_capture_on_commit_callbacks
    )
    page = RecordPage.objects.get(identifier="file-login")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    document = Document.objects.get(title="ประกาศ")
    assert client.get(document.url).status_code == 404
    reader = get_user_model().objects.create_user("files-reader", "r@example.com", "pw-files-2")  # no admin rights
    client.force_login(reader)
    assert client.get(document.url).status_code == 200


def test_a_deleted_file_leaves_the_index(folder, client, django_capture_on_commit_callbacks):
    imported(
        [line("file-gone", [{"file": "notice.txt", "title": "ประกาศ"}])], folder, django_capture_on_commit_callbacks
    )
    run_worker(django_capture_on_commit_callbacks)
    assert found(client) == ["file-gone"]
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.get(title="ประกาศ").delete()
    assert found(client) == []
    assert RecordPage.objects.get(identifier="file-gone").live


def test_the_admin_report_shows_only_the_editors_collections(folder, client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    imported(
        [line("file-mine", [{"file": "notice.txt", "title": "ประกาศ"}])], folder, django_capture_on_commit_callbacks
    )
    other = Collection.get_first_root_node().add_child(name="ของหน่วยงานอื่น")
    Document.objects.filter(title="ประกาศ").update(collection=other)
    group = Group.objects.create(name="ผู้ดูแลไฟล์ทดสอบ")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    mine = Collection.get_first_root_node().add_child(name="ของฉัน")
    GroupCollectionPermission.objects.create(
        group=group, collection=mine, permission=Permission.objects.get(codename="change_document")
    )
    editor = get_user_model().objects.create_user("files-collection-editor", "c@example.com", "pw-files-3")
    editor.groups.add(group)
    client.force_login(editor)
    html = client.get("/admin/reports/file-text/").content.decode()
    assert "ไม่มีไฟล์" in html and "ประกาศ" not in html
