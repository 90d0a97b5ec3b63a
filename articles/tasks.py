"""Background tasks, run by the task backend in settings.TASKS (at once by default)."""

import logging

from django.tasks import task

from . import images
from .models import CaptionedImage

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
        return images.make_renditions(image)
    except images.Refused as refusal:
        logger.warning("No renditions for image %s: %s", image_id, refusal.message)
        return 0
