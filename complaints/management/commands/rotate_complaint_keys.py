"""Re-encrypt every complaint, note and evidence file with the current key (the first of
COMPLAINTS_ENCRYPTION_KEYS). Run it after putting a new key first; drop the old key only
once it has finished (docs/complaints.md, "Key rotation"). Safe to run again."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from complaints import storage
from complaints.crypto import DecryptionError, is_undecryptable
from complaints.models import Complaint, ComplaintNote, EvidenceFile
from complaints.services import log_maintenance


def readable(instance, names):
    """Loading no longer fails on an unreadable value (it reads as crypto.Undecryptable, which
    saving writes back unchanged); rotating must stop on one instead of leaving it behind."""
    if any(is_undecryptable(getattr(instance, name)) for name in names):
        raise DecryptionError(f"{instance._meta.model_name} {instance.pk}")
    return instance


class Command(BaseCommand):
    help = "Re-encrypt complaints and their evidence files with the current (first) key."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                # Loading decrypts with any configured key; saving encrypts with the first.
                complaints = 0
                for complaint in Complaint.objects.iterator(chunk_size=200):
                    readable(complaint, Complaint.CONTENT_FIELDS).save(update_fields=list(Complaint.CONTENT_FIELDS))
                    complaints += 1
                notes = 0
                for note in ComplaintNote.objects.iterator(chunk_size=200):
                    readable(note, ["text"]).save(update_fields=["text"])
                    notes += 1
                files = 0
                for evidence in EvidenceFile.objects.iterator(chunk_size=200):
                    readable(evidence, ["original_name"]).save(update_fields=["original_name"])
                    storage.rotate(evidence.stored_name)  # atomic per file; a re-run re-rotates harmlessly
                    files += 1
                log_maintenance(
                    "rotate_complaint_keys",
                    "complaints.rotate_keys",
                    {"complaints": complaints, "notes": notes, "files": files},
                )
        except DecryptionError as exc:
            # The rows were rolled back with the entry above: this one says it ran and changed nothing.
            log_maintenance("rotate_complaint_keys", "complaints.rotate_keys", {"stopped": "undecryptable value"})
            raise CommandError(
                "ถอดรหัสข้อมูลบางรายการไม่ได้ด้วยกุญแจที่ตั้งไว้ ให้ใส่กุญแจเดิมไว้ท้าย COMPLAINTS_ENCRYPTION_KEYS "
                "(a stored value opens with none of the configured keys: keep the old key listed after the new one)"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"re-encrypted with the current key: {complaints} complaints, {notes} notes, {files} files"
            )
        )
