"""manage.py import_resolution FILE [--publish]: one cabinet resolution, as the Secretariat
publishes it (page text), into a CabinetResolutionPage draft; see kb.importers.resolutions."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kb.importers import ImportDataError, import_parsed, read_resolution
from kb.importers.writer import admin_edit_url

NOTHING_WRITTEN = "ไม่มีการบันทึกข้อมูลใด ๆ (nothing was written)"


def import_summary(result, publish):
    """The success line of a bulk import (records, open data): counts and the pages' state."""
    state = "เผยแพร่แล้ว (published)" if publish else "ฉบับร่าง (drafts)"
    return (
        f"นำเข้า {result.total} รายการ: สร้างใหม่ {result.created}, ปรับปรุง {result.updated}, "
        f"ไม่เปลี่ยนแปลง {result.unchanged} — {state} "
        f"(imported {result.total}: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged)"
    )


def user_named(username):
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"ไม่พบผู้ใช้ {username} (no user named {username!r})")
    return user


def read_bytes(file):
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(file).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"ไม่พบไฟล์ {file} (file not found)") from None
    except IsADirectoryError:
        raise CommandError(f"{file} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ ({file} is a directory)") from None


class Command(BaseCommand):
    help = (
        "Import one cabinet resolution (the Secretariat's page text, UTF-8) as a draft "
        "CabinetResolutionPage; re-importing updates the same page with a new revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the resolution text (UTF-8), or - for standard input")
        parser.add_argument("--publish", action="store_true", help="publish the page (default: draft only)")
        parser.add_argument("--user", default="", help="username recorded in the page history as the importer")
        parser.add_argument(
            "--replace-drafts",
            action="store_true",
            help="replace an editor's unpublished draft of the page (default: refuse)",
        )

    def handle(self, *args, file, publish, user, replace_drafts, **options):
        data = read_bytes(file)
        importer = user_named(user)
        try:
            parsed = read_resolution(data)
            outcome = import_parsed(
                parsed, user=importer, publish=publish, via="command", replace_drafts=replace_drafts
            )
        except ImportDataError as exc:
            raise CommandError(f"{file}: {exc}\n{NOTHING_WRITTEN}") from None
        page = outcome.page
        action = "สร้างใหม่ (created)" if outcome.created else "ปรับปรุงหน้าเดิม (updated)"
        state = "เผยแพร่แล้ว (published)" if publish else "ฉบับร่าง (draft)"
        self.stdout.write(self.style.SUCCESS(f"{action} — {state}: {page.title} [{page.identifier}]"))
        self.stdout.write(admin_edit_url(page))
