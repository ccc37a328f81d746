"""Encryption at rest of complaints: Fernet (AES-128-CBC + HMAC-SHA256) through MultiFernet.

Keys come from settings.COMPLAINTS_ENCRYPTION_KEYS (the environment, comma-separated): the
first encrypts, every one decrypts, so a new key goes first and `manage.py
rotate_complaint_keys` re-encrypts everything with it before the old key is dropped.
Outside production (COMPLAINTS_DERIVED_KEY_ALLOWED) a key derived from SECRET_KEY is used
when none is set, so `make run` and the tests need no set-up.

Tracking codes are random, shown once, and stored only as their SHA-256: with ~79 bits of
randomness there is nothing to guess from the hash.
"""

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# No 0/O, 1/I/L, no vowels U (fewer accidental words): easy to read aloud and to type on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 30**16 ≈ 2**78.5
CODE_GROUP = 4


class DecryptionError(Exception):
    """A stored value none of the configured keys opens (a key was dropped too early)."""


UNDECRYPTABLE_LABEL = "ถอดรหัสไม่ได้ (cannot decrypt: key missing)"


class Undecryptable(str):
    """What a model field reads when no configured key opens its token (a key dropped too
    early, a corrupt value): the marker text for display, the token kept so that saving the
    row writes it back unchanged instead of the marker."""

    def __new__(cls, token):
        marker = super().__new__(cls, UNDECRYPTABLE_LABEL)
        marker.token = token
        return marker


def is_undecryptable(value):
    return isinstance(value, Undecryptable)


def derived_key():
    digest = hashlib.sha256(b"kb-complaints-encryption-v1:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def configured_keys():
    keys = [key.strip() for key in settings.COMPLAINTS_ENCRYPTION_KEYS if key.strip()]
    if keys:
        return keys
    if not settings.COMPLAINTS_DERIVED_KEY_ALLOWED:
        raise ImproperlyConfigured("COMPLAINTS_ENCRYPTION_KEYS is not set (required in production).")
    return [derived_key()]


def fernet():
    try:
        return MultiFernet([Fernet(key) for key in configured_keys()])
    except ValueError as exc:
        raise ImproperlyConfigured(f"COMPLAINTS_ENCRYPTION_KEYS holds an invalid Fernet key: {exc}") from exc


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise DecryptionError("no configured key decrypts this value") from exc


def rotate_token(token: bytes) -> bytes:
    """The same plaintext, encrypted with the current (first) key."""
    try:
        return fernet().rotate(token)
    except InvalidToken as exc:
        raise DecryptionError("no configured key decrypts this value") from exc


def encrypt_text(text: str) -> str:
    return encrypt_bytes(text.encode()).decode("ascii") if text else ""


def decrypt_text(token: str) -> str:
    if not token:
        return ""
    try:
        return decrypt_bytes(token.encode("ascii")).decode()
    except UnicodeError as exc:  # not a Fernet token at all (a corrupt or hand-edited value)
        raise DecryptionError("this value is not a readable token") from exc


class EncryptedTextField(models.TextField):
    """Text kept as a Fernet token in the database; the model sees plain text.

    An empty value stays empty (an anonymous complaint shows it has no name, which the
    `anonymous` flag says anyway). Not searchable or orderable by content, on purpose."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return decrypt_text(value)
        except DecryptionError:
            # One unreadable value must not make the whole row (or page) fail; callers that
            # must not go on with it (rotate_complaint_keys) check is_undecryptable().
            return Undecryptable(value)

    def get_prep_value(self, value):
        if isinstance(value, Undecryptable):
            return value.token  # written back as it was: never the marker, never lost
        value = super().get_prep_value(value)
        return encrypt_text(value) if value else value


# ----------------------------------------------------------------------------- tracking codes


def new_tracking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What the person typed, as stored: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in (text or "").upper() if ch.isascii() and ch.isalnum())


def code_hash(code):
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def display_code(code):
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))
