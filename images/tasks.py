"""Background tasks, run by the task backend in settings.TASKS (at once by default)."""

import logging

from django.tasks import task

from . import renditions
from .models import CaptionedImage
from .validation import Refused

logger = logging.getLogger(__name__)


@task
def make_renditions(image_id):
    """Make a library image's missing renditions. Enqueued when an image is saved.

    A file that cannot be read is logged, not retried: `regenerate_renditions`
    reports such images.
    """
    image = CaptionedImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return renditions.make_renditions(image)
    except Refused as refusal:
        logger.warning("No renditions for image %s: %s", image_id, refusal.message)
        return 0
