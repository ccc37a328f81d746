"""import_cabinet_opendata fetches the files its items link to when the network allows,
after the import's commit; a link it cannot fetch stays, with the reason reported."""

import http.server
import json
import threading
from functools import partial

import pytest
from django.core.management import call_command

from kb.models import CabinetResolutionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_server(tmp_path, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # a proxy in the environment must not get it
    (tmp_path / "attachment.txt").write_text("เอกสารแนบมติ เรื่องการพัฒนาระบบสารสนเทศ", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = partial(Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def open_data(tmp_path, links):
    item = {
        "toP_NAME": "การพัฒนาระบบสารสนเทศเพื่อการบริหารราชการ",
        "meeT_DATE": "2024-07-16T00:00:00",
        "toP_SERLNO": 7,
        "owner": "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        "docNews": [{"file_name": name, "file_link": url} for name, url in links],
    }
    path = tmp_path / "opendata.json"
    path.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    return path


def test_linked_files_are_fetched_and_attached_after_the_link(tmp_path, file_server, capsys):
    links = [("เอกสารแนบ 1", f"{file_server}/attachment.txt"), ("เอกสารแนบ 2", f"{file_server}/missing.pdf")]
    call_command("import_cabinet_opendata", str(open_data(tmp_path, links)), "--publish")
    page = CabinetResolutionPage.objects.get(title__startswith="การพัฒนาระบบสารสนเทศ")
    kinds = [(b.block_type, b.value["title"]) for b in page.attachments]
    assert kinds == [("link", "เอกสารแนบ 1"), ("link", "เอกสารแนบ 2"), ("document", "เอกสารแนบ 1")]
    assert page.live and not page.has_unpublished_changes
    err = capsys.readouterr().err
    assert "missing.pdf" in err and "404" in err and "attachment.txt" not in err
    call_command("import_cabinet_opendata", str(open_data(tmp_path, links)), "--publish")  # again: no new copy
    page.refresh_from_db()
    assert [b.block_type for b in page.attachments].count("document") == 1


def test_no_network_keeps_the_links_and_says_why(tmp_path, capsys):
    links = [("เอกสารแนบ", "http://resolution.invalid/P_1.pdf")]
    call_command("import_cabinet_opendata", str(open_data(tmp_path, links)), "--publish")
    page = CabinetResolutionPage.objects.get(title__startswith="การพัฒนาระบบสารสนเทศ")
    assert [b.block_type for b in page.attachments] == ["link"]
    assert "เชื่อมต่อไม่ได้ (cannot connect)" in capsys.readouterr().err
