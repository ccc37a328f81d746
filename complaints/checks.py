"""System checks of the complaint keys: a wrong key stops `manage.py check`/`migrate`/runserver
before any complaint is written with it (production settings refuse a missing key already)."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def check_encryption_keys(app_configs, **kwargs):
    from .crypto import fernet

    try:
        fernet()
    except ImproperlyConfigured as exc:
        return [
            checks.Error(
                str(exc),
                hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
                id="complaints.E001",
            )
        ]
    return []
