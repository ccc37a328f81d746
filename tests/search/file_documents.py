"""Search documents with attached files, for the attachment tests of both backends
(tests/search/contract/test_attachments.py, tests/elastic/test_elastic_files.py)."""

from search.documents import SearchDocument

FILE_WORD = "คอนดักเตอร์"  # on page 2 of the file only; in no demo record
BODY_WORD = "ควอนตัม"  # in the record's own body


def document(page_id, identifier, body, files=(), title=None):
    return SearchDocument(
        page_id=page_id,
        identifier=identifier,
        title=title or f"ประกาศทดสอบไฟล์แนบ {identifier}",
        type="news",
        type_label="ข่าว",
        url=f"/news/{identifier}/",
        date="2024-07-09",
        year=2567,
        agency="กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        status="",
        status_label="",
        body=body,
        meta=identifier,
        date_label="9 กรกฎาคม 2567",
        date_attr="2024-07-09",
        files=list(files),
    )


def annex(title="ภาคผนวก ก", url="/documents/7/annex.pdf", pages=()):
    return {"title": title, "url": url, "pages": [{"page": n, "text": text} for n, text in pages]}


WITH_FILE = document(
    900001,
    "files-1",
    f"ประกาศฉบับนี้กล่าวถึง{BODY_WORD}เท่านั้น",
    files=[
        annex(
            pages=[
                (1, "หน้าแรกของภาคผนวกว่าด้วยขอบเขตของประกาศ"),
                (2, f"หน้าที่สองกล่าวถึงวัสดุ{FILE_WORD}ที่ใช้ในห้องปฏิบัติการ"),
                (3, "หน้าสุดท้ายว่าด้วยการลงนาม"),
            ]
        )
    ],
)
