"""Every model change has its migration (a block added to a StreamField counts)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits 1 (SystemExit) when one is missing
