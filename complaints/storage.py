"""Evidence files on disk: encrypted, under a random name, in settings.COMPLAINTS_FILES_ROOT
(outside MEDIA_ROOT, so no URL of the site can reach them; the admin view decrypts them
for officers). Writes go to a temporary name first, so a crash leaves no half file."""

import os
import secrets

from django.conf import settings

from . import crypto


def _root():
    root = settings.COMPLAINTS_FILES_ROOT
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def write(data: bytes, stored_name: str | None = None) -> str:
    stored_name = stored_name or secrets.token_hex(16)
    path = _root() / stored_name
    temporary = path.with_name(f".{stored_name}.tmp")
    with open(temporary, "wb") as fh:
        fh.write(crypto.encrypt_bytes(data))
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return stored_name


def read(stored_name: str) -> bytes:
    return crypto.decrypt_bytes((_root() / stored_name).read_bytes())


def rotate(stored_name: str) -> None:
    path = _root() / stored_name
    token = crypto.rotate_token(path.read_bytes())
    temporary = path.with_name(f".{stored_name}.tmp")
    temporary.write_bytes(token)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def delete(stored_name: str) -> None:
    try:
        (_root() / stored_name).unlink()
    except FileNotFoundError:
        pass
