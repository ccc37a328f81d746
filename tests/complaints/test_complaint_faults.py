"""What must not go wrong around a stored complaint: a mail server that is down, the
address kept by the limits, gunicorn's access log of the complaint pages."""

import socket

import pytest

from complaints.models import Complaint, Throttle
from kb.gunicorn_logging import Logger
from tests.complaints.test_complaint_form import file_one, text_of

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


def test_a_mail_server_that_is_down_still_gives_the_code(
    client, complaint_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    before = Complaint.objects.count()
    response, code = file_one(client, django_capture_on_commit_callbacks)
    assert code and "รหัสติดตามเรื่องของท่าน" in text_of(response)
    assert Complaint.objects.count() == before + 1
    assert "officers' e-mail failed" in caplog.text
    assert "ZebraQuokkaBribe7731" not in caplog.text  # the log says what failed, nothing of the complaint


def test_the_limits_keep_the_hour_not_the_moment(client, complaint_page, django_capture_on_commit_callbacks):
    file_one(client, django_capture_on_commit_callbacks)
    complaint = Complaint.objects.latest("received_at")
    row = Throttle.objects.latest("id")
    assert (row.created_at.minute, row.created_at.second, row.created_at.microsecond) == (0, 0, 0)
    assert row.created_at <= complaint.received_at
    assert "127.0.0.1" not in row.key


def test_the_access_log_leaves_the_address_out_of_complaint_lines(capsys):
    from datetime import timedelta

    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    logger = Logger(config)

    class Response:
        status, sent, headers = "200 OK", 10, []

    class Request:
        headers, method, query, version = [], "POST", "", (1, 1)

    for path in ("/complaint/", "/search/"):
        environ = {"REMOTE_ADDR": "203.0.113.9", "PATH_INFO": path, "RAW_URI": path, "REQUEST_METHOD": "POST"}
        environ.update(QUERY_STRING="", SERVER_PROTOCOL="HTTP/1.1")
        Request.path = path
        logger.access(Response(), Request(), environ, timedelta(seconds=0.01))
    complaint_line, search_line = [line for line in capsys.readouterr().out.splitlines() if "POST" in line]
    assert "203.0.113.9" not in complaint_line and "/complaint/" in complaint_line
    assert "203.0.113.9" in search_line
