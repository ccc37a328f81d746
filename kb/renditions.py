"""Public pages never write to the database: the image renditions they show are made when
the image is saved, not on the first page view.

A rendition made on a public GET is an INSERT; while an import holds SQLite's write lock
that request would wait the busy timeout and then answer 500 "database is locked".
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save

logger = logging.getLogger(__name__)

# Every filter spec a public template renders with {% image %} (templates/blocks/people.html).
PUBLIC_FILTER_SPECS = ("fill-240x240",)


def make_public_renditions(image):
    for spec in PUBLIC_FILTER_SPECS:
        try:
            image.get_rendition(spec)  # creates it once; a no-op when it exists
        except (OSError, ValueError) as exc:  # missing/unreadable file: the page view will show the error
            logger.warning("rendition %s of image %s not made: %s", spec, image.pk, exc)


def _image_saved(sender, instance, **kwargs):
    # After commit: the file and focal point are final, and a rolled-back save leaves nothing.
    transaction.on_commit(lambda: make_public_renditions(instance))


def connect():
    from wagtail.images import get_image_model

    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="kb.renditions.image_saved")
